import Router from '@koa/router';
import { createToken, listTokens, revokeToken } from '../commands/tokens.ts';
import { requireActor } from '../http/authenticate.ts';
import { authorize } from '../policies/authorize.ts';
import { tokenPolicy } from '../policies/token.ts';
import type { AppContext, AppState } from '../http/context.ts';
import { parseBody, parseParams } from '../http/validate.ts';
import { presentToken } from '../presenters/token.ts';
import { idParams } from '../../shared/api/schemas/common.ts';
import { createTokenSchema } from '../../shared/api/schemas/tokens.ts';

/** A user's own API tokens. The secret appears once, in the creation response. */
export const tokensRouter = new Router<AppState, AppContext>({ prefix: '/api/tokens' });

tokensRouter.get('/', async (ctx) => {
  const actor = requireActor(ctx);
  ctx.body = { tokens: (await listTokens(ctx.services.db, actor.userId)).map(presentToken) };
});

tokensRouter.post('/', async (ctx) => {
  const actor = requireActor(ctx);
  await authorize({ db: ctx.services.db, ip: ctx.ip }, actor, tokenPolicy, 'create', { facts: { via: actor.via } });
  const input = parseBody(ctx, createTokenSchema);
  const { row, secret } = await createToken(ctx.services.db, actor.userId, input, ctx.ip);
  ctx.status = 201;
  ctx.body = { token: presentToken(row), secret };
});

tokensRouter.delete('/:id', async (ctx) => {
  const actor = requireActor(ctx);
  const { id } = parseParams(ctx, idParams);
  const { events } = await revokeToken(ctx.services.db, actor.userId, id, ctx.ip);
  ctx.services.events.publish(events);
  ctx.status = 204;
});
