import Router from '@koa/router';
import type { AppContext, AppState } from '../http/context.ts';

/** Prometheus metrics. Expose only on a private network (or behind the proxy's access rules). */
export const metricsRouter = new Router<AppState, AppContext>();

metricsRouter.get('/metrics', async (ctx) => {
  const registry = ctx.services.metrics;
  ctx.type = registry.contentType;
  ctx.body = await registry.metrics();
});
