import { get, post } from './client.ts';

/** The bell (server/routes/notifications.ts, notifications/rules.ts for the kinds and payloads). */

export type { AppNotification, NotificationKind } from '../../../shared/api/notifications.ts';
import type { AppNotification } from '../../../shared/api/notifications.ts';

export const notifications = {
  list: () => get<{ notifications: AppNotification[]; unread: number }>('/api/notifications?limit=30'),
  read: (id: string) => post<{ notification: AppNotification }>(`/api/notifications/${id}/read`).then((r) => r.notification),
  readAll: () => post<void>('/api/notifications/read-all'),
};
