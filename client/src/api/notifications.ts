import { get, post, query } from './client.ts';
import type { AppNotification } from '../../../shared/api/notifications.ts';
import type { ListNotificationsRequest } from '../../../shared/api/schemas/notifications.ts';

/** The bell (server/routes/notifications.ts, notifications/rules.ts for the kinds and payloads). */

export type { AppNotification } from '../../../shared/api/notifications.ts';

export const notifications = {
  list: () => get<{ notifications: AppNotification[]; unread: number }>(`/api/notifications${query({ limit: 30 } satisfies ListNotificationsRequest)}`),
  read: (id: string) => post<{ notification: AppNotification }>(`/api/notifications/${id}/read`).then((r) => r.notification),
  readAll: () => post<void>('/api/notifications/read-all'),
};
