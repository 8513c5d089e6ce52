import Router from '@koa/router';
import { sessionCookieName } from '../auth/cookies.ts';
import { login, logout } from '../commands/login.ts';
import { getOrganisation } from '../commands/organisations.ts';
import { getUser } from '../commands/users.ts';
import { requireActor } from '../http/authenticate.ts';
import type { AppContext, AppState } from '../http/context.ts';
import { parseBody } from '../http/validate.ts';
import { presentOrganisation } from '../presenters/organisation.ts';
import { presentUser } from '../presenters/user.ts';
import { loginSchema } from '../../shared/api/schemas/users.ts';
import type { CurrentSession, SessionInfo } from '../../shared/api/users.ts';

export const authRouter = new Router<AppState, AppContext>({ prefix: '/api/auth' });

authRouter.post('/login', async (ctx) => {
  const input = parseBody(ctx, loginSchema);
  const current = ctx.state.actor;
  const { userId, session, events } = await login(ctx.services.db, {
    email: input.email,
    password: input.password,
    ip: ctx.ip,
    userAgent: ctx.get('user-agent'),
    sessionTtlMs: ctx.services.config.sessionTtlMs,
    // A session cookie already present is replaced: the id is new at every login, the old session ends.
    replacing: current?.session && { idHash: current.session.idHash, userId: current.userId },
  });
  ctx.services.events.publish(events);
  ctx.cookies.set(sessionCookieName(ctx.secure), session.cookieValue, {
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.secure,
    path: '/',
    expires: session.expiresAt,
    overwrite: true,
  });
  const user = await getUser(ctx.services.db, userId);
  const body: SessionInfo = {
    user: presentUser(user, { private: true }),
    organisation: presentOrganisation(await getOrganisation(ctx.services.db, user.organisation_id)),
    csrfToken: session.csrfToken,
  };
  ctx.body = body;
});

authRouter.post('/logout', async (ctx) => {
  const actor = requireActor(ctx);
  const { events } = await logout(ctx.services.db, { userId: actor.userId, sessionIdHash: actor.session?.idHash }, ctx.ip);
  if (actor.session) ctx.cookies.set(sessionCookieName(ctx.secure), '', { httpOnly: true, sameSite: 'lax', secure: ctx.secure, path: '/', maxAge: 0 });
  ctx.services.events.publish(events);
  ctx.status = 204;
});

authRouter.get('/me', async (ctx) => {
  const actor = requireActor(ctx);
  const user = await getUser(ctx.services.db, actor.userId);
  const body: CurrentSession = {
    user: presentUser(user, { private: true }),
    organisation: presentOrganisation(await getOrganisation(ctx.services.db, user.organisation_id)),
    csrfToken: actor.session?.csrfToken ?? null,
    via: actor.via,
  };
  ctx.body = body;
});
