import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { DomainEvent } from '../../server/events/bus.ts';
import { planNotification, type NotificationPlan } from '../../server/notifications/rules.ts';
import { resolveRecipients } from '../../server/notifications/service.ts';
import type { StoredEvent } from './plan.ts';
import type { PersonalKind } from './settings.ts';

/**
 * Personal notifications by direct message: who hears of an event for themselves (a mention, a
 * reply to their comment, their documents' workflow, their organisation's measures and
 * deadlines, the measures it becomes responsible for). Recipients are decided like the app's notifications (server/notifications/rules.ts:
 * the same plans, the same access filter), plus the measures a person's organisation leads.
 */
export interface PersonalPlan {
  kind: PersonalKind;
  documentId: string;
  stored: StoredEvent;
  userIds: string[];
}

export async function personalPlan(db: Kysely<Database>, event: DomainEvent): Promise<PersonalPlan | null> {
  const planned = await describe(db, event);
  if (!planned) return null;
  const userIds = await resolveRecipients(db, planned.plan);
  return userIds.length === 0 ? null : { kind: planned.kind, documentId: planned.plan.documentId!, stored: planned.stored, userIds };
}

async function describe(db: Kysely<Database>, event: DomainEvent): Promise<{ kind: PersonalKind; plan: NotificationPlan; stored: StoredEvent } | null> {
  switch (event.type) {
    case 'mention':
      return { kind: 'mentions', plan: planNotification(event)!, stored: { kind: 'mention', actor: event.actorUserId, commentId: event.commentId } };
    case 'comment.created': {
      const plan = planNotification(event);
      return plan ? { kind: 'replies', plan, stored: { kind: 'reply', actor: event.actorUserId, commentId: event.commentId } } : null;
    }
    case 'document.status_changed':
      return { kind: 'workflow', plan: planNotification(event)!, stored: { kind: 'status', actor: event.actorUserId, from: event.from, to: event.to, reason: event.reason } };
    case 'document.access_requested':
      return { kind: 'workflow', plan: planNotification(event)!, stored: { kind: 'access_request', actor: event.actorUserId, message: event.message } };
    case 'measure.overdue':
      return {
        kind: 'deadlines',
        plan: await measureLeads(db, event.documentId, event.leadOrganisationId, null),
        stored: { kind: 'overdue', measureId: event.measureId, title: event.title, due: event.due },
      };
    case 'measure.due_soon':
      return {
        kind: 'deadlines',
        plan: await measureLeads(db, event.documentId, event.leadOrganisationId, null),
        stored: { kind: 'due_soon', measureId: event.measureId, title: event.title, due: event.due },
      };
    case 'measure.status_changed': {
      const row = await db.selectFrom('measures').select('lead_organisation_id').where('document_id', '=', event.documentId).where('id', '=', event.measureId).executeTakeFirst();
      return {
        kind: 'measures',
        plan: await measureLeads(db, event.documentId, row?.lead_organisation_id ?? null, event.actorUserId),
        stored: { kind: 'measure', actor: event.actorUserId, measureId: event.measureId, title: event.title, from: event.from, to: event.to },
      };
    }
    case 'measure.lead_changed':
      // The new lead's people hear that the measure is now theirs (not the one who assigned it).
      return {
        kind: 'measures',
        plan: await measureLeads(db, event.documentId, event.to, event.actorUserId),
        stored: { kind: 'lead', actor: event.actorUserId, measureId: event.measureId, title: event.title, organisationId: event.to },
      };
    default:
      return null;
  }
}

/** The people of the organisation leading a measure (the document's lead when the measure names none). */
async function measureLeads(db: Kysely<Database>, documentId: string, organisationId: string | null, actorUserId: string | null): Promise<NotificationPlan> {
  const base = { kind: 'measure', documentId, payload: {}, exceptUserId: actorUserId };
  if (!organisationId) return { ...base, recipients: { documentLead: true } };
  const users = await db.selectFrom('users').select('id').where('organisation_id', '=', organisationId).where('disabled_at', 'is', null).execute();
  return { ...base, recipients: { userIds: users.map((user) => user.id) } };
}
