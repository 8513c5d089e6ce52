/** In-app notifications as the API and socket.io present them (server/presenters/notification.ts). */

export type NotificationKind = 'mention' | 'reply' | 'status_changed' | 'measure_overdue' | 'measure_lead' | 'session_started' | 'session_closed';

export interface AppNotification {
  id: string;
  kind: NotificationKind | string;
  documentId: string | null;
  /** per kind: commentId, threadId, by, from, to, reason, measureId, title, due, organisationId, sessionId, commissionId, minutesDocumentId */
  payload: Record<string, unknown>;
  createdAt: string;
  read: boolean;
}
