import type { Comment } from '../api/comments.ts';
import type { AppNotification } from '../api/notifications.ts';
import type { CommissionSession } from '../api/sessions.ts';
import type { DocumentStatus } from '../api/types.ts';

/** The socket.io events the server sends (server/realtime/rooms.ts ServerEvent and the fanout modules). */
export interface ServerEvents {
  'comment:created': Comment;
  'comment:updated': Comment;
  'comment:deleted': Comment;
  'comment:resolved': Comment;
  'document:status_changed': { documentId: string; from: DocumentStatus; to: DocumentStatus; reason: string | null; actorUserId: string | null };
  'document:updated': { documentId: string };
  'suggestions:changed': { documentId: string };
  'measure:status_changed': { documentId: string; measureId: string; title: string; from: string | null; to: string };
  'measure:overdue': { documentId: string; measureId: string; title: string; due: string };
  'measure:indicator_recorded': { documentId: string; measureId: string };
  'session:state': CommissionSession;
  notification: AppNotification;
  'cycle:changed': { cycleId: string; reportId: string | null; state: string | null; version: number | null; actorUserId: string };
  'version:named': { documentId: string; versionId: string; name: string };
  'version:restored': { documentId: string; versionId: string; name: string; backupVersionId: string; actorUserId: string };
  'access:revoked': { documentId: string };
  /** the sign-in this socket used has ended (signed out elsewhere, expired, revoked, disabled) */
  'auth:ended': { code: 'signed_out' | 'expired' | 'revoked' | 'disabled'; message: string };
}

export type ServerEventName = keyof ServerEvents;

export const SERVER_EVENT_NAMES: readonly ServerEventName[] = [
  'comment:created',
  'comment:updated',
  'comment:deleted',
  'comment:resolved',
  'document:status_changed',
  'document:updated',
  'suggestions:changed',
  'measure:status_changed',
  'measure:overdue',
  'measure:indicator_recorded',
  'session:state',
  'notification',
  'cycle:changed',
  'version:named',
  'version:restored',
  'access:revoked',
  'auth:ended',
];
