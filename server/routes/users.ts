import Router from '@koa/router';
import { isAdmin } from '../auth/actor.ts';
import { createUser, getUser, listUsers, updateUser } from '../commands/users.ts';
import { requireActor, requireAdmin } from '../http/authenticate.ts';
import { authorize } from '../policies/authorize.ts';
import { userPolicy } from '../policies/user.ts';
import type { AppContext, AppState } from '../http/context.ts';
import { parseBody, parseParams, parseQuery } from '../http/validate.ts';
import { presentUser } from '../presenters/user.ts';
import { idParams } from '../../shared/api/schemas/common.ts';
import { createUserSchema, listUsersQuery, updateOwnProfileSchema, updateUserAsAdminSchema } from '../../shared/api/schemas/users.ts';

export const usersRouter = new Router<AppState, AppContext>({ prefix: '/api/users' });

usersRouter.get('/', async (ctx) => {
  const actor = requireActor(ctx);
  const filter = parseQuery(ctx, listUsersQuery);
  const rows = await listUsers(ctx.services.db, filter);
  ctx.body = { users: rows.map((row) => presentUser(row, { private: isAdmin(actor) || row.id === actor.userId })) };
});

usersRouter.get('/:id', async (ctx) => {
  const actor = requireActor(ctx);
  const { id } = parseParams(ctx, idParams);
  const row = await getUser(ctx.services.db, id);
  ctx.body = { user: presentUser(row, { private: isAdmin(actor) || row.id === actor.userId }) };
});

usersRouter.post('/', async (ctx) => {
  const actor = await requireAdmin(ctx);
  const input = parseBody(ctx, createUserSchema);
  ctx.status = 201;
  ctx.body = { user: presentUser(await createUser(ctx.services.db, actor.userId, input), { private: true }) };
});

usersRouter.patch('/:id', async (ctx) => {
  const actor = requireActor(ctx);
  const { id } = parseParams(ctx, idParams);
  const admin = isAdmin(actor);
  await authorize({ db: ctx.services.db, ip: ctx.ip }, actor, userPolicy, 'update', { id, facts: { userId: id } });
  const input = parseBody(ctx, admin ? updateUserAsAdminSchema : updateOwnProfileSchema);
  const { row, events } = await updateUser(ctx.services.db, { userId: actor.userId, asAdmin: admin, ip: ctx.ip, sessionIdHash: actor.session?.idHash }, id, input);
  ctx.services.events.publish(events);
  ctx.body = { user: presentUser(row, { private: true }) };
});
