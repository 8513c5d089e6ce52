import type { Next } from 'koa';
import { isAdmin, type Actor } from '../auth/actor.ts';
import { readCookie, sessionCookieName } from '../auth/cookies.ts';
import { resolveActor } from '../auth/resolve-actor.ts';
import { safeEqual } from '../auth/secrets.ts';
import { recordAudit } from '../commands/audit.ts';
import { csrfFailed, forbidden, unauthenticated } from '../errors.ts';
import type { AppContext } from './context.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Signing in uses no session's authority, so a tab whose CSRF token went stale can still sign in. */
const CSRF_EXEMPT_PATHS = new Set(['/api/auth/login']);

/** Resolves the session cookie or bearer token into `ctx.state.actor`; anonymous requests pass on. */
export async function authenticate(ctx: AppContext, next: Next): Promise<void> {
  const authorization = ctx.get('authorization');
  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
  if (authorization && !bearer) throw unauthenticated('The Authorization header must be "Bearer <token>".');
  const actor = await resolveActor(ctx.services.db, {
    apiToken: bearer,
    sessionCookie: bearer ? undefined : readCookie(ctx.get('cookie'), sessionCookieName(ctx.secure)),
  });
  if (bearer && !actor) throw unauthenticated('This API token is unknown, expired or revoked.');
  if (actor) ctx.state.actor = actor;
  if (actor?.session && !SAFE_METHODS.has(ctx.method) && !CSRF_EXEMPT_PATHS.has(ctx.path)) await checkCsrf(ctx, actor);
  return next();
}

/**
 * Cookie-authenticated writes must echo the session's CSRF token in `X-CSRF-Token`. Tokens sent
 * in a header are immune to CSRF, so bearer requests skip this.
 */
async function checkCsrf(ctx: AppContext, actor: Actor): Promise<void> {
  const sent = ctx.get('x-csrf-token');
  if (sent && safeEqual(sent, actor.session!.csrfToken)) return;
  await auditRefusal(ctx, { reason: 'csrf' });
  throw csrfFailed();
}

export function requireActor(ctx: AppContext): Actor {
  const actor = ctx.state.actor;
  if (!actor) throw unauthenticated();
  return actor;
}

export async function requireAdmin(ctx: AppContext): Promise<Actor> {
  const actor = requireActor(ctx);
  if (!isAdmin(actor)) {
    await auditRefusal(ctx, { reason: 'admin_only' });
    throw forbidden('Only administrators of the coordination unit may do this.');
  }
  return actor;
}

export async function auditRefusal(ctx: AppContext, details: Record<string, unknown>): Promise<void> {
  await recordAudit(ctx.services.db, {
    actorUserId: ctx.state.actor?.userId ?? null,
    action: 'access.denied',
    details: { method: ctx.method, path: ctx.path, ...details },
    ip: ctx.ip,
  });
}
