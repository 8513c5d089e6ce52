import { timingSafeEqual } from 'node:crypto';
import Router from '@koa/router';
import { notFound } from '../errors.ts';
import type { AppContext, AppState } from '../http/context.ts';

/**
 * Prometheus metrics on the public port exist only with METRICS_TOKEN, for a scraper that sends
 * `Authorization: Bearer <METRICS_TOKEN>`. Anyone else gets the 404 of a path that isn't there.
 * (The separate listener, http/metrics-listener.ts, is the default way.)
 */
export const metricsRouter = new Router<AppState, AppContext>();

metricsRouter.get('/metrics', async (ctx) => {
  const expected = ctx.services.config.metrics.token;
  if (!expected || !sameSecret(ctx.get('authorization'), `Bearer ${expected}`)) throw notFound('Page');
  const registry = ctx.services.metrics;
  ctx.type = registry.contentType;
  ctx.body = await registry.metrics();
});

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
