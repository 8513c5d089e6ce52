import type { DomainEvent } from '../events/bus.ts';

/** Who should hear about an event in the app, before access filtering. Pure. */
export interface NotificationPlan {
  kind: string;
  documentId: string | null;
  payload: Record<string, unknown>;
  recipients: {
    userIds?: string[];
    /** every active user of the lead organisation of `documentId` */
    documentLead?: boolean;
    /** every active user of the member organisations of a commission */
    commissionId?: string;
    /** every active user of these organisations (follow-up cycle reminders) */
    organisationIds?: string[];
    /** the author of a comment thread's first comment */
    threadAuthorOf?: string;
  };
  /** never notify the person who caused the event */
  exceptUserId: string | null;
  /** nor these (already told by another notification of the same comment) */
  exceptUserIds?: string[];
}

/** A row comment's notification names its measure. */
const measurePayload = (measure: { id: string; title: string } | undefined) => (measure ? { measureId: measure.id, measureTitle: measure.title } : {});

export function planNotification(event: DomainEvent): NotificationPlan | null {
  switch (event.type) {
    case 'mention':
      return {
        kind: 'mention',
        documentId: event.documentId,
        payload: { commentId: event.commentId, by: event.actorUserId, ...measurePayload(event.measure) },
        recipients: { userIds: event.userIds },
        exceptUserId: event.actorUserId,
      };
    case 'comment.created':
      if (!event.threadId) return null;
      return {
        kind: 'reply',
        documentId: event.documentId,
        payload: { commentId: event.commentId, threadId: event.threadId, by: event.actorUserId, ...measurePayload(event.measure) },
        recipients: { threadAuthorOf: event.threadId },
        exceptUserId: event.actorUserId,
        // One notification per person per comment: a thread author the reply mentions hears of the mention.
        exceptUserIds: event.mentionedUserIds ?? [],
      };
    case 'document.status_changed':
      return {
        kind: 'status_changed',
        documentId: event.documentId,
        payload: { from: event.from, to: event.to, reason: event.reason, by: event.actorUserId },
        recipients: { documentLead: true },
        exceptUserId: event.actorUserId,
      };
    case 'document.access_requested':
      return {
        kind: 'access_requested',
        documentId: event.documentId,
        payload: { by: event.actorUserId, message: event.message },
        recipients: { userIds: event.leadUserIds },
        exceptUserId: event.actorUserId,
      };
    case 'measure.overdue':
      return {
        kind: 'measure_overdue',
        documentId: event.documentId,
        payload: { measureId: event.measureId, title: event.title, due: event.due },
        recipients: { documentLead: true },
        exceptUserId: null,
      };
    case 'measure.lead_changed':
      // The new lead's people hear that the measure is now theirs (not the one who assigned it).
      return {
        kind: 'measure_lead',
        documentId: event.documentId,
        payload: { measureId: event.measureId, title: event.title, organisationId: event.to, by: event.actorUserId },
        recipients: { organisationIds: [event.to] },
        exceptUserId: event.actorUserId,
      };
    case 'session.started':
      return {
        kind: 'session_started',
        documentId: null,
        payload: { sessionId: event.sessionId, commissionId: event.commissionId },
        recipients: { commissionId: event.commissionId },
        exceptUserId: event.actorUserId,
      };
    case 'session.closed':
      return {
        kind: 'session_closed',
        documentId: null,
        payload: { sessionId: event.sessionId, commissionId: event.commissionId, minutesDocumentId: event.minutesDocumentId },
        recipients: { commissionId: event.commissionId },
        exceptUserId: event.actorUserId,
      };
    case 'cycle.reminder_due':
      return {
        kind: 'cycle_reminder',
        documentId: null,
        payload: { cycleId: event.cycleId, period: event.period, dueOn: event.dueOn, offsetDays: event.offsetDays },
        recipients: { organisationIds: event.organisationIds },
        exceptUserId: null,
      };
    case 'cycle_report.changed':
      if (event.state !== 'returned' || !event.leadOrganisationId) return null;
      return {
        kind: 'cycle_report_returned',
        documentId: event.documentId,
        payload: { cycleId: event.cycleId, reportId: event.reportId, measureId: event.measureId, by: event.actorUserId },
        recipients: { organisationIds: [event.leadOrganisationId] },
        exceptUserId: event.actorUserId,
      };
    default:
      return null;
  }
}
