import { presentNotification } from '../../presenters/notification.ts';
import { userRoom } from '../rooms.ts';
import { ServerEvent } from '../../../shared/realtime.ts';
import type { Fanout } from './types.ts';

/** A new in-app notification is pushed to its recipient's sockets (the bell updates live). */
export const notificationFanout: Fanout = ({ io, db, events }) =>
  events.on('notification.created', async (event) => {
    const row = await db.selectFrom('notifications').selectAll().where('id', '=', event.notificationId).executeTakeFirst();
    if (row) io.to(userRoom(event.userId)).emit(ServerEvent.notification, presentNotification(row));
  });
