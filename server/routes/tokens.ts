import Router from '@koa/router';
import { createToken, listTokens, revokeToken } from '../commands/tokens.ts';
import { auditRefusal, requireActor } from '../http/authenticate.ts';
import { forbidden } from '../errors.ts';
import type { AppContext, AppState } from '../http/context.ts';
import { parseBody, parseParams } from '../http/validate.ts';
import { presentToken } from '../presenters/token.ts';
import { idParams } from '../schemas/common.ts';
import { createTokenSchema } from '../schemas/tokens.ts';

/** A user's own API tokens. The secret appears once, in the creation response. */
export const tokensRouter = new Router<AppState, AppContext>({ prefix: '/api/tokens' });

tokensRouter.get('/', async (ctx) => {
  const actor = requireActor(ctx);
  ctx.body = { tokens: (await listTokens(ctx.services.db, actor.userId)).map(presentToken) };
});

tokensRouter.post('/', async (ctx) => {
  const actor = requireActor(ctx);
  // Tokens are made by a signed-in person: a leaked token must not mint others that outlive it.
  if (actor.via !== 'session') {
    await auditRefusal(ctx, { reason: 'token_from_token' });
    throw forbidden('Create API tokens from a signed-in session, not with another token.');
  }
  const input = parseBody(ctx, createTokenSchema);
  const { row, secret } = await createToken(ctx.services.db, actor.userId, input, ctx.ip);
  ctx.status = 201;
  ctx.body = { token: presentToken(row), secret };
});

tokensRouter.delete('/:id', async (ctx) => {
  const actor = requireActor(ctx);
  const { id } = parseParams(ctx, idParams);
  await revokeToken(ctx.services.db, actor.userId, id, ctx.ip);
  // Live connections opened with that token are checked again (and closed) by whoever listens.
  ctx.services.events.emit({ type: 'user.credentials_changed', userId: actor.userId, actorUserId: actor.userId });
  ctx.status = 204;
});
