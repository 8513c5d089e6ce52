import type { Logger } from 'pino';
import type { DocumentStatus, ReportState } from '../../db/schema.ts';

/**
 * Domain events: the one bus that socket.io, notifications, the Slack bot and the collaboration
 * hub listen to. Commands emit after their transaction commits; nothing calls the listeners
 * directly.
 */
export type DomainEvent =
  | { type: 'document.created'; documentId: string; actorUserId: string | null }
  | { type: 'document.updated'; documentId: string; actorUserId: string | null }
  | { type: 'document.status_changed'; documentId: string; actorUserId: string | null; from: DocumentStatus; to: DocumentStatus; reason: string | null }
  | { type: 'document.archived'; documentId: string; actorUserId: string | null; archived: boolean }
  | { type: 'document.access_changed'; documentId: string; actorUserId: string | null }
  /** someone who cannot see the document asks its lead organisation (`leadUserIds`) for access */
  | { type: 'document.access_requested'; documentId: string; actorUserId: string; message: string | null; leadUserIds: string[] }
  | { type: 'user.access_changed'; userId: string; actorUserId: string | null }
  | { type: 'user.credentials_changed'; userId: string; actorUserId: string | null }
  | {
      type: 'comment.created';
      documentId: string;
      commentId: string;
      threadId: string | null;
      actorUserId: string;
      sessionId: string | null;
      /** the people its mentions reach: they hear of it through their mention, once */
      mentionedUserIds?: string[];
      measure?: CommentMeasure;
    }
  | { type: 'comment.updated'; documentId: string; commentId: string; actorUserId: string }
  | { type: 'comment.deleted'; documentId: string; commentId: string; actorUserId: string }
  | { type: 'comment.resolved'; documentId: string; commentId: string; actorUserId: string; resolved: boolean }
  | { type: 'suggestion.changed'; documentId: string; actorUserId: string }
  | { type: 'mention'; documentId: string; commentId: string; actorUserId: string; userIds: string[]; measure?: CommentMeasure }
  | { type: 'measure.status_changed'; documentId: string; measureId: string; title: string; from: string | null; to: string; actorUserId: string | null }
  /** an organisation became responsible for a measure: its lead was set or changed, or it was added with one (the projection notices) */
  | { type: 'measure.lead_changed'; documentId: string; measureId: string; title: string; from: string | null; to: string; actorUserId: string | null }
  | { type: 'measure.indicator_recorded'; documentId: string; measureId: string; value: number | null; actorUserId: string | null }
  | { type: 'measure.overdue'; documentId: string; measureId: string; title: string; due: string; leadOrganisationId: string | null }
  /** an unfinished measure due within a week (jobs/due-soon-check.ts), once per due date */
  | { type: 'measure.due_soon'; documentId: string; measureId: string; title: string; due: string; leadOrganisationId: string | null }
  | { type: 'session.updated'; sessionId: string; commissionId: string; actorUserId: string }
  | { type: 'session.started'; sessionId: string; commissionId: string; actorUserId: string }
  | { type: 'session.item_changed'; sessionId: string; commissionId: string; itemId: string; documentId: string; actorUserId: string }
  | { type: 'session.decision_recorded'; sessionId: string; commissionId: string; itemId: string; documentId: string; decision: string; actorUserId: string }
  | { type: 'session.closed'; sessionId: string; commissionId: string; minutesDocumentId: string; actorUserId: string }
  | { type: 'notification.created'; userId: string; notificationId: string }
  | { type: 'version.named'; documentId: string; versionId: string; name: string; actorUserId: string | null }
  | { type: 'cycle.opened'; cycleId: string; period: string; actorUserId: string }
  | { type: 'cycle.reminder_due'; cycleId: string; period: string; dueOn: string; offsetDays: number; organisationIds: string[]; manual?: boolean; actorUserId?: string }
  | { type: 'cycle.closed'; cycleId: string; period: string; actorUserId: string }
  | {
      type: 'cycle_report.changed';
      cycleId: string;
      reportId: string;
      documentId: string;
      measureId: string;
      leadOrganisationId: string | null;
      state: ReportState;
      actorUserId: string;
    }
  | { type: 'version.restored'; documentId: string; versionId: string; name: string; backupVersionId: string; actorUserId: string };

/** the measure a comment's thread is about (row comments), with its title when the comment was made */
export interface CommentMeasure {
  id: string;
  title: string;
}

export type DomainEventType = DomainEvent['type'];
type EventOf<T extends DomainEventType> = Extract<DomainEvent, { type: T }>;
type Listener<E> = (event: E) => unknown;

export class DomainEvents {
  private readonly listeners = new Map<DomainEventType | '*', Set<Listener<any>>>();

  constructor(private readonly logger?: Logger) {}

  on<T extends DomainEventType>(type: T, listener: Listener<EventOf<T>>): () => void {
    return this.add(type, listener);
  }

  onAny(listener: Listener<DomainEvent>): () => void {
    return this.add('*', listener);
  }

  /** Delivers to every listener; a failing listener is logged and never reaches the emitter. */
  emit(event: DomainEvent): void {
    for (const key of [event.type, '*'] as const) {
      for (const listener of this.listeners.get(key) ?? []) {
        try {
          const result = listener(event);
          if (result instanceof Promise) result.catch((error) => this.report(event, error));
        } catch (error) {
          this.report(event, error);
        }
      }
    }
  }

  /** What a command returned, after its transaction committed: routes, sockets and the bot only publish. */
  publish(events: readonly DomainEvent[]): void {
    for (const event of events) this.emit(event);
  }

  private add(key: DomainEventType | '*', listener: Listener<any>): () => void {
    let set = this.listeners.get(key);
    if (!set) this.listeners.set(key, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  private report(event: DomainEvent, error: unknown): void {
    this.logger?.error({ err: error, event: event.type }, 'event listener failed');
  }
}
