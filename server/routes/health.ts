import Router from '@koa/router';
import type { AppContext, AppState } from '../http/context.ts';
import { checkReadiness, type ReadinessCheck } from '../http/readiness.ts';

export function healthRouter(readiness: readonly ReadinessCheck[]) {
  const router = new Router<AppState, AppContext>();
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok', uptimeSeconds: Math.round(process.uptime()) };
  });
  router.get('/readyz', async (ctx) => {
    const { ready, body } = await checkReadiness(readiness);
    ctx.status = ready ? 200 : 503;
    ctx.body = body;
  });
  return router;
}
