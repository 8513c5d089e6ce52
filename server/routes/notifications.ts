import Router from '@koa/router';
import { sql } from 'kysely';
import { requireActor } from '../http/authenticate.ts';
import type { AppContext, AppState } from '../http/context.ts';
import { parseParams, parseQuery } from '../http/validate.ts';
import { notFound } from '../errors.ts';
import { presentNotification } from '../presenters/notification.ts';
import { readableNotifications } from '../queries/notifications.ts';
import { idParams } from '../../shared/api/schemas/common.ts';
import { listNotificationsQuery } from '../../shared/api/schemas/notifications.ts';

/** The bell: my notifications, unread count, mark read. */
export const notificationsRouter = new Router<AppState, AppContext>({ prefix: '/api/notifications' });

notificationsRouter.get('/', async (ctx) => {
  const actor = requireActor(ctx);
  const query = parseQuery(ctx, listNotificationsQuery);
  const readable = readableNotifications(ctx.services.db, actor);
  let rows = readable.selectAll('notifications');
  if (query.unread === 'true') rows = rows.where('notifications.read_at', 'is', null);
  const [list, unread] = await Promise.all([
    rows.orderBy('notifications.created_at', 'desc').limit(query.limit).execute(),
    readable.select(sql<number>`count(*)::int`.as('count')).where('notifications.read_at', 'is', null).executeTakeFirstOrThrow(),
  ]);
  ctx.body = { notifications: list.map(presentNotification), unread: unread.count };
});

notificationsRouter.post('/:id/read', async (ctx) => {
  const actor = requireActor(ctx);
  const { id } = parseParams(ctx, idParams);
  const row = await ctx.services.db
    .updateTable('notifications')
    .set({ read_at: new Date() })
    .where('id', '=', id)
    .where('user_id', '=', actor.userId)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw notFound('Notification');
  ctx.body = { notification: presentNotification(row) };
});

notificationsRouter.post('/read-all', async (ctx) => {
  const actor = requireActor(ctx);
  await ctx.services.db.updateTable('notifications').set({ read_at: new Date() }).where('user_id', '=', actor.userId).where('read_at', 'is', null).execute();
  ctx.status = 204;
});
