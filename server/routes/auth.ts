import Router from '@koa/router';
import { sessionCookieName } from '../auth/cookies.ts';
import { deleteSession } from '../auth/sessions.ts';
import { recordAudit } from '../commands/audit.ts';
import { login } from '../commands/login.ts';
import { getOrganisation } from '../commands/organisations.ts';
import { getUser } from '../commands/users.ts';
import { requireActor } from '../http/authenticate.ts';
import type { AppContext, AppState } from '../http/context.ts';
import { parseBody } from '../http/validate.ts';
import { presentOrganisation } from '../presenters/organisation.ts';
import { presentUser } from '../presenters/user.ts';
import { loginSchema } from '../schemas/users.ts';

export const authRouter = new Router<AppState, AppContext>({ prefix: '/api/auth' });

authRouter.post('/login', async (ctx) => {
  const input = parseBody(ctx, loginSchema);
  const { userId, session } = await login(ctx.services.db, {
    email: input.email,
    password: input.password,
    ip: ctx.ip,
    userAgent: ctx.get('user-agent'),
    sessionTtlMs: ctx.services.config.sessionTtlMs,
  });
  // A session cookie already present is replaced: the id is new at every login, the old session ends.
  const replaced = ctx.state.actor?.session && { ...ctx.state.actor.session, userId: ctx.state.actor.userId };
  if (replaced) {
    await deleteSession(ctx.services.db, replaced.idHash);
    ctx.services.events.emit({ type: 'user.credentials_changed', userId: replaced.userId, actorUserId: replaced.userId });
  }
  ctx.cookies.set(sessionCookieName(ctx.secure), session.cookieValue, {
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.secure,
    path: '/',
    expires: session.expiresAt,
    overwrite: true,
  });
  const user = await getUser(ctx.services.db, userId);
  ctx.body = {
    user: presentUser(user, { private: true }),
    organisation: presentOrganisation(await getOrganisation(ctx.services.db, user.organisation_id)),
    csrfToken: session.csrfToken,
  };
});

authRouter.post('/logout', async (ctx) => {
  const actor = requireActor(ctx);
  if (actor.session) {
    await deleteSession(ctx.services.db, actor.session.idHash);
    ctx.cookies.set(sessionCookieName(ctx.secure), '', { httpOnly: true, sameSite: 'lax', secure: ctx.secure, path: '/', maxAge: 0 });
  }
  await recordAudit(ctx.services.db, { actorUserId: actor.userId, action: 'auth.logout', ip: ctx.ip });
  // Sync connections and sockets opened with this session end too, in every process.
  ctx.services.events.emit({ type: 'user.credentials_changed', userId: actor.userId, actorUserId: actor.userId });
  ctx.status = 204;
});

authRouter.get('/me', async (ctx) => {
  const actor = requireActor(ctx);
  const user = await getUser(ctx.services.db, actor.userId);
  ctx.body = {
    user: presentUser(user, { private: true }),
    organisation: presentOrganisation(await getOrganisation(ctx.services.db, user.organisation_id)),
    csrfToken: actor.session?.csrfToken ?? null,
    via: actor.via,
  };
});
