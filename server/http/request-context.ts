import { randomUUID } from 'node:crypto';
import type { Next } from 'koa';
import type { AppContext } from './context.ts';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Gives each request an id (kept from `X-Request-Id` when sane), a child logger and one access log line. */
export async function requestContext(ctx: AppContext, next: Next): Promise<void> {
  const incoming = ctx.get('x-request-id');
  const requestId = REQUEST_ID.test(incoming) ? incoming : randomUUID();
  ctx.state.requestId = requestId;
  ctx.state.log = ctx.services.logger.child({ requestId });
  ctx.set('X-Request-Id', requestId);
  const started = performance.now();
  try {
    await next();
  } finally {
    const line = {
      method: ctx.method,
      path: ctx.path,
      status: ctx.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      userId: ctx.state.actor?.userId,
    };
    if (ctx.status >= 500) ctx.state.log.error(line, 'request failed');
    else if (ctx.path === '/healthz' || ctx.path === '/readyz' || ctx.path === '/metrics') ctx.state.log.debug(line, 'request');
    else ctx.state.log.info(line, 'request');
  }
}
