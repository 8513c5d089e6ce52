import type { DomainEvent } from '../../server/events/bus.ts';
import type { EventCategory } from '../blocks/help.ts';

/** What the outbox keeps of an event: small, JSON, enough to tell it later. */
export type StoredEvent =
  | { kind: 'status'; actor: string | null; from: string; to: string; reason: string | null }
  | { kind: 'comment'; actor: string; commentId: string }
  | { kind: 'mention'; actor: string; commentId: string }
  /** a reply to the reader's comment (direct messages only) */
  | { kind: 'reply'; actor: string; commentId: string }
  /** a measure of the reader's organisation due within a week (direct messages only) */
  | { kind: 'due_soon'; measureId: string; title: string; due: string }
  | { kind: 'measure'; actor: string | null; measureId: string; title: string; from: string | null; to: string }
  | { kind: 'overdue'; measureId: string; title: string; due: string }
  /** the reader's organisation now leads this measure (direct messages only) */
  | { kind: 'lead'; actor: string | null; measureId: string; title: string; organisationId: string }
  | { kind: 'edit'; actor: string | null }
  | { kind: 'access_request'; actor: string; message: string | null }
  | { kind: 'session'; actor: string; what: 'started' | 'item' | 'decision' | 'closed'; itemId?: string; decision?: string; minutesDocumentId?: string };

export interface SlackPlan {
  /** which subscriptions want it; `null` for direct messages only */
  category: EventCategory | null;
  subject: { type: 'document' | 'session'; id: string };
  /** channels follow commissions for sessions */
  commissionId?: string;
  stored: StoredEvent;
  /** Tansiq users told by direct message (personal notifications are planned in personal.ts) */
  dmUserIds: string[];
}

/** Which domain events reach Slack, and how. Pure; everything else stays in the web app. */
export function planSlackEvent(event: DomainEvent): SlackPlan | null {
  const document = (id: string) => ({ type: 'document' as const, id });
  const session = (id: string) => ({ type: 'session' as const, id });
  switch (event.type) {
    case 'document.status_changed':
      return {
        category: 'status',
        subject: document(event.documentId),
        stored: { kind: 'status', actor: event.actorUserId, from: event.from, to: event.to, reason: event.reason },
        dmUserIds: [],
      };
    case 'comment.created':
      return { category: 'comments', subject: document(event.documentId), stored: { kind: 'comment', actor: event.actorUserId, commentId: event.commentId }, dmUserIds: [] };
    // Mentions and access requests reach people by direct message only (personal.ts): channels
    // are about the document, which a requester cannot see.
    case 'measure.status_changed':
      return {
        category: 'measures',
        subject: document(event.documentId),
        stored: { kind: 'measure', actor: event.actorUserId, measureId: event.measureId, title: event.title, from: event.from, to: event.to },
        dmUserIds: [],
      };
    case 'measure.overdue':
      return {
        category: 'measures',
        subject: document(event.documentId),
        stored: { kind: 'overdue', measureId: event.measureId, title: event.title, due: event.due },
        dmUserIds: [],
      };
    case 'document.updated':
      return { category: 'edits', subject: document(event.documentId), stored: { kind: 'edit', actor: event.actorUserId }, dmUserIds: [] };
    case 'session.started':
      return {
        category: 'sessions',
        subject: session(event.sessionId),
        commissionId: event.commissionId,
        stored: { kind: 'session', actor: event.actorUserId, what: 'started' },
        dmUserIds: [],
      };
    case 'session.item_changed':
      return {
        category: 'sessions',
        subject: session(event.sessionId),
        commissionId: event.commissionId,
        stored: { kind: 'session', actor: event.actorUserId, what: 'item', itemId: event.itemId },
        dmUserIds: [],
      };
    case 'session.decision_recorded':
      return {
        category: 'sessions',
        subject: session(event.sessionId),
        commissionId: event.commissionId,
        stored: { kind: 'session', actor: event.actorUserId, what: 'decision', itemId: event.itemId, decision: event.decision },
        dmUserIds: [],
      };
    case 'session.closed':
      return {
        category: 'sessions',
        subject: session(event.sessionId),
        commissionId: event.commissionId,
        stored: { kind: 'session', actor: event.actorUserId, what: 'closed', minutesDocumentId: event.minutesDocumentId },
        dmUserIds: [],
      };
    default:
      return null;
  }
}

/** The category a stored event belongs to, to drop what a channel stopped following. */
export function categoryOf(stored: StoredEvent): EventCategory | null {
  switch (stored.kind) {
    case 'status':
      return 'status';
    case 'comment':
      return 'comments';
    case 'mention':
    case 'reply':
    case 'access_request':
    case 'lead':
      return null;
    case 'measure':
    case 'overdue':
    case 'due_soon':
      return 'measures';
    case 'edit':
      return 'edits';
    case 'session':
      return 'sessions';
  }
}

/** Slack user ids (U…, W…) are direct-message targets; channels are C…, G…, D…. */
export const isDirectTarget = (channelId: string): boolean => /^[UW]/.test(channelId);
