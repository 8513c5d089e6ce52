import Router from '@koa/router';
import type { AppContext, AppState } from '../http/context.ts';

export function healthRouter(ping: () => Promise<boolean>) {
  const router = new Router<AppState, AppContext>();
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok', uptimeSeconds: Math.round(process.uptime()) };
  });
  router.get('/readyz', async (ctx) => {
    const database = await ping();
    ctx.status = database ? 200 : 503;
    ctx.body = { status: database ? 'ready' : 'not_ready', database: database ? 'up' : 'down' };
  });
  return router;
}
