import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { isPermutation } from '../domain/session-rules.ts';
import { notFound, validationFailed } from '../errors.ts';
import type { AccessSubject } from '../policies/document-access.ts';
import type { AgendaItemInput } from '../../shared/api/schemas/sessions.ts';
import { recordAudit } from './audit.ts';
import { resolveAgendaItem, type SessionOutcome } from './sessions.ts';
import { lockSessionFor, requireChairAction } from './sessions-guard.ts';
import { loadSessionView } from '../queries/sessions.ts';

/** Agenda edits, while the session is planned: add at the end, remove, reorder. */

export async function addAgendaItem(db: Kysely<Database>, subject: AccessSubject, id: string, input: AgendaItemInput, ip?: string): Promise<SessionOutcome> {
  await requireChairAction(db, subject, id, 'edit', ip);
  return changeAgenda(db, subject, id, ip, async (trx) => {
    const item = await resolveAgendaItem(trx, subject, input, ip);
    const last = await trx
      .selectFrom('agenda_items')
      .select((eb) => eb.fn.max('position').as('max'))
      .where('session_id', '=', id)
      .executeTakeFirst();
    const position = last?.max === null || last?.max === undefined ? 0 : Number(last.max) + 1;
    const row = await trx
      .insertInto('agenda_items')
      .values({ ...item, session_id: id, position })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { added: row.id, documentId: item.document_id };
  });
}

export async function removeAgendaItem(db: Kysely<Database>, subject: AccessSubject, id: string, itemId: string, ip?: string): Promise<SessionOutcome> {
  await requireChairAction(db, subject, id, 'edit', ip);
  return changeAgenda(db, subject, id, ip, async (trx) => {
    const removed = await trx.deleteFrom('agenda_items').where('id', '=', itemId).where('session_id', '=', id).returning('id').executeTakeFirst();
    if (!removed) throw notFound('Agenda item');
    // Comments can only be tagged with an item while the session is live, so none point at it here.
    await renumber(trx, id);
    return { removed: itemId };
  });
}

export async function reorderAgenda(db: Kysely<Database>, subject: AccessSubject, id: string, itemIds: string[], ip?: string): Promise<SessionOutcome> {
  await requireChairAction(db, subject, id, 'edit', ip);
  return changeAgenda(db, subject, id, ip, async (trx) => {
    const current = await trx.selectFrom('agenda_items').select('id').where('session_id', '=', id).execute();
    if (
      !isPermutation(
        current.map((item) => item.id),
        itemIds,
      )
    ) {
      throw validationFailed('List every agenda item of the session exactly once.', [{ path: 'itemIds', message: 'must be a reordering of the current agenda' }]);
    }
    for (const [position, itemId] of itemIds.entries()) {
      await trx.updateTable('agenda_items').set({ position }).where('id', '=', itemId).execute();
    }
    return { order: itemIds };
  });
}

async function changeAgenda(
  db: Kysely<Database>,
  subject: AccessSubject,
  id: string,
  ip: string | undefined,
  change: (trx: Kysely<Database>) => Promise<Record<string, unknown>>,
): Promise<SessionOutcome> {
  return db.transaction().execute(async (trx) => {
    const session = await lockSessionFor(trx, id, 'edit');
    const details = await change(trx);
    await recordAudit(trx, { actorUserId: subject.userId, action: 'session.agenda_changed', objectType: 'session', objectId: id, details, ip });
    return {
      view: (await loadSessionView(trx, id))!,
      events: [{ type: 'session.updated', sessionId: id, commissionId: session.commission_id, actorUserId: subject.userId }],
    };
  });
}

/** Keeps positions 0..n-1 after a removal, so "first item" and ordering stay obvious. */
async function renumber(trx: Kysely<Database>, sessionId: string): Promise<void> {
  const items = await trx.selectFrom('agenda_items').select('id').where('session_id', '=', sessionId).orderBy('position').orderBy('id').execute();
  for (const [position, item] of items.entries()) await trx.updateTable('agenda_items').set({ position }).where('id', '=', item.id).execute();
}
