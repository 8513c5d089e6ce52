import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { notFound } from '../errors.ts';
import type { DomainEvent } from '../events/bus.ts';
import type { AccessSubject } from '../policies/document-access.ts';
import type { SessionView } from '../presenters/session.ts';
import type { AgendaItemInput, CreateSessionInput, UpdateSessionInput } from '../../shared/api/schemas/sessions.ts';
import { recordAudit } from './audit.ts';
import { assertOrganisationsExist } from './commissions.ts';
import { requireDocument } from '../queries/document-guard.ts';
import { lockSessionFor, requireChairAction } from './sessions-guard.ts';
import { loadSessionView } from '../queries/sessions.ts';

/** What a session command did, and the events to announce once its transaction committed. */
export interface SessionOutcome {
  view: SessionView;
  events: DomainEvent[];
}

/** Plans a session (admins only, checked by the route): the commission must exist, every document be visible. */
export async function createSession(db: Kysely<Database>, subject: AccessSubject, input: CreateSessionInput, ip?: string): Promise<SessionView> {
  return db.transaction().execute(async (trx) => {
    const commission = await trx.selectFrom('commissions').select('id').where('id', '=', input.commissionId).executeTakeFirst();
    if (!commission) throw notFound('Commission');
    const items = [];
    for (const item of input.items) items.push(await resolveAgendaItem(trx, subject, item, ip));
    const session = await trx
      .insertInto('commission_sessions')
      .values({
        commission_id: input.commissionId,
        title: input.title,
        scheduled_at: new Date(input.scheduledAt),
        location: input.location ?? null,
        created_by: subject.userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (items.length > 0) {
      await trx
        .insertInto('agenda_items')
        .values(items.map((item, position) => ({ ...item, session_id: session.id, position })))
        .execute();
    }
    await recordAudit(trx, {
      actorUserId: subject.userId,
      action: 'session.created',
      objectType: 'session',
      objectId: session.id,
      details: { commissionId: input.commissionId, title: input.title, documentIds: items.map((item) => item.document_id) },
      ip,
    });
    return (await loadSessionView(trx, session.id))!;
  });
}

export async function updateSession(db: Kysely<Database>, subject: AccessSubject, id: string, input: UpdateSessionInput, ip?: string): Promise<SessionOutcome> {
  await requireChairAction(db, subject, id, 'edit', ip);
  return db.transaction().execute(async (trx) => {
    const session = await lockSessionFor(trx, id, 'edit');
    await trx
      .updateTable('commission_sessions')
      .set({
        title: input.title,
        scheduled_at: input.scheduledAt ? new Date(input.scheduledAt) : undefined,
        location: input.location,
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, { actorUserId: subject.userId, action: 'session.updated', objectType: 'session', objectId: id, details: { changes: input }, ip });
    return {
      view: (await loadSessionView(trx, id))!,
      events: [{ type: 'session.updated', sessionId: id, commissionId: session.commission_id, actorUserId: subject.userId }],
    };
  });
}

/**
 * An agenda item's row: the document must exist for the subject (unknown documents are "not
 * found"); the presenter defaults to the document's lead organisation, the title to the document's.
 */
export async function resolveAgendaItem(trx: Kysely<Database>, subject: AccessSubject, input: AgendaItemInput, ip?: string) {
  const { row } = await requireDocument(trx, subject, input.documentId, 'view', ip);
  if (input.presenterOrganisationId) await assertOrganisationsExist(trx, [input.presenterOrganisationId]);
  return {
    document_id: row.id,
    presenter_organisation_id: input.presenterOrganisationId ?? row.lead_organisation_id,
    title: input.title ?? row.title,
  };
}
