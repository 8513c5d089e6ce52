/**
 * The socket.io contract (path /socket.io): the events the server sends and their payloads, and
 * what clients may send. The server's `Server` and the web client's `Socket` take these maps as
 * generics, so a payload that changes on one side breaks the other's build.
 */
import type { ApiErrorBody } from './api-errors.ts';
import type { Comment } from './api/comments.ts';
import type { AppNotification } from './api/notifications.ts';
import type { CommissionSession } from './api/sessions.ts';
import type { DocumentStatus } from './enums.ts';

interface DocumentRef {
  documentId: string;
}

/** Why the credential a socket signed in with ended: sign in again. */
export type AuthEndedCode = 'signed_out' | 'expired' | 'revoked' | 'disabled';

export interface ServerToClientEvents {
  'comment:created': (comment: Comment) => void;
  'comment:updated': (comment: Comment) => void;
  'comment:deleted': (comment: Comment) => void;
  'comment:resolved': (comment: Comment) => void;
  'document:status_changed': (change: DocumentRef & { from: DocumentStatus; to: DocumentStatus; reason: string | null; actorUserId: string | null }) => void;
  'document:updated': (document: DocumentRef) => void;
  /** clients read the list again */
  'suggestions:changed': (document: DocumentRef) => void;
  'measure:status_changed': (change: DocumentRef & { measureId: string; title: string; from: string | null; to: string }) => void;
  'measure:overdue': (measure: DocumentRef & { measureId: string; title: string; due: string }) => void;
  /** a measure's current indicator value was recorded in its history */
  'measure:indicator_recorded': (measure: DocumentRef & { measureId: string }) => void;
  'session:state': (session: CommissionSession) => void;
  notification: (notification: AppNotification) => void;
  /** a follow-up report moved, or a cycle opened or closed (ids and states only) */
  'cycle:changed': (change: { cycleId: string; reportId: string | null; state: string | null; version: number | null; actorUserId: string }) => void;
  'version:named': (version: DocumentRef & { versionId: string; name: string }) => void;
  'version:restored': (version: DocumentRef & { versionId: string; name: string; backupVersionId: string; actorUserId: string }) => void;
  'access:revoked': (document: DocumentRef) => void;
  /** the credential the socket signed in with ended (logout, expiry, revocation, disabled) */
  'auth:ended': (ended: { code: AuthEndedCode; message: string }) => void;
}

export type ServerEventName = keyof ServerToClientEvents;
export type ServerEventPayload<N extends ServerEventName> = Parameters<ServerToClientEvents[N]>[0];

/** The event names by what they tell, for the server's senders. */
export const ServerEvent = {
  documentStatusChanged: 'document:status_changed',
  documentUpdated: 'document:updated',
  measureStatusChanged: 'measure:status_changed',
  measureOverdue: 'measure:overdue',
  measureIndicatorRecorded: 'measure:indicator_recorded',
  commentCreated: 'comment:created',
  commentUpdated: 'comment:updated',
  commentDeleted: 'comment:deleted',
  commentResolved: 'comment:resolved',
  suggestionsChanged: 'suggestions:changed',
  sessionState: 'session:state',
  notification: 'notification',
  cycleChanged: 'cycle:changed',
  versionNamed: 'version:named',
  versionRestored: 'version:restored',
  accessRevoked: 'access:revoked',
  authEnded: 'auth:ended',
} as const satisfies Record<string, ServerEventName>;

type Named = (typeof ServerEvent)[keyof typeof ServerEvent];
/** Every event of the map has its name above: an event added to the map alone fails here. */
type EveryEventNamed<T extends never> = T;
type Unnamed = EveryEventNamed<Exclude<ServerEventName, Named>>;

/** Every event the server may send, for a client that listens to all of them. */
export const SERVER_EVENT_NAMES: readonly Exclude<ServerEventName, Unnamed>[] = Object.values(ServerEvent);

/** A room a client follows: a document or a commission session it may see. */
export interface Subscription {
  type: 'document' | 'session';
  id: string;
}

export type SubscriptionReply = { ok: true } | ApiErrorBody;

export interface ClientToServerEvents {
  subscribe: (room: Subscription, reply: (answer: SubscriptionReply) => void) => void;
  unsubscribe: (room: Subscription, reply: (answer: SubscriptionReply) => void) => void;
}
