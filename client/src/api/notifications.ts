import { get, post } from './client.ts';

/** The bell (server/routes/notifications.ts, notifications/rules.ts for the kinds and payloads). */

export type NotificationKind = 'mention' | 'reply' | 'status_changed' | 'measure_overdue' | 'session_started' | 'session_closed';

export interface AppNotification {
  id: string;
  kind: NotificationKind | string;
  documentId: string | null;
  /** per kind: commentId, threadId, by, from, to, reason, measureId, title, due, sessionId, commissionId, minutesDocumentId */
  payload: Record<string, unknown>;
  createdAt: string;
  read: boolean;
}

export const notifications = {
  list: () => get<{ notifications: AppNotification[]; unread: number }>('/api/notifications?limit=30'),
  read: (id: string) => post<{ notification: AppNotification }>(`/api/notifications/${id}/read`).then((r) => r.notification),
  readAll: () => post<void>('/api/notifications/read-all'),
};
