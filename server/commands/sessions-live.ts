import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { planDecisionEffect, type DecisionEffect } from '../../shared/decision-workflow.ts';
import { AppError, notFound } from '../errors.ts';
import type { DomainEvent } from '../events/bus.ts';
import { recordEvents } from '../events/outbox.ts';
import type { AccessSubject } from '../policies/document-access.ts';
import { findDocumentWithAccess } from '../queries/documents.ts';
import type { DecisionInput } from '../../shared/api/schemas/sessions.ts';
import { recordAudit } from './audit.ts';
import { recordTransition, workflowRoles } from './documents.ts';
import type { SessionOutcome } from './sessions.ts';
import { lockSessionFor, recordAttendance, requireChairAction } from './sessions-guard.ts';
import { loadSessionView } from '../queries/sessions.ts';

/** Running a live session: the chair starts it, walks the agenda and records decisions. */

export async function startSession(db: Kysely<Database>, subject: AccessSubject, id: string, ip?: string): Promise<SessionOutcome> {
  await requireChairAction(db, subject, id, 'start', ip);
  return db.transaction().execute(async (trx) => {
    await lockSessionFor(trx, id, 'start');
    const first = await trx.selectFrom('agenda_items').select('id').where('session_id', '=', id).orderBy('position').orderBy('id').executeTakeFirstOrThrow();
    const session = await trx
      .updateTable('commission_sessions')
      .set({ state: 'live', started_at: new Date(), current_item_id: first.id })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAttendance(trx, id, subject.userId);
    // The audit trail of started/item_changed is also how closing knows which items were reached.
    await recordAudit(trx, { actorUserId: subject.userId, action: 'session.started', objectType: 'session', objectId: id, details: { itemId: first.id }, ip });
    const events: DomainEvent[] = [{ type: 'session.started', sessionId: id, commissionId: session.commission_id, actorUserId: subject.userId }];
    await recordEvents(trx, events);
    return { view: (await loadSessionView(trx, id))!, events };
  });
}

/** Moves the session to an agenda item: every participant's client follows to its document. */
export async function moveToItem(db: Kysely<Database>, subject: AccessSubject, id: string, itemId: string, ip?: string): Promise<SessionOutcome> {
  await requireChairAction(db, subject, id, 'move', ip);
  return db.transaction().execute(async (trx) => {
    const session = await lockSessionFor(trx, id, 'move');
    const item = await trx.selectFrom('agenda_items').select(['id', 'document_id']).where('id', '=', itemId).where('session_id', '=', id).executeTakeFirst();
    if (!item) throw notFound('Agenda item');
    await trx.updateTable('commission_sessions').set({ current_item_id: itemId }).where('id', '=', id).execute();
    await recordAttendance(trx, id, subject.userId);
    await recordAudit(trx, {
      actorUserId: subject.userId,
      action: 'session.item_changed',
      objectType: 'session',
      objectId: id,
      details: { itemId, from: session.current_item_id },
      ip,
    });
    const events: DomainEvent[] = [
      { type: 'session.item_changed', sessionId: id, commissionId: session.commission_id, itemId, documentId: item.document_id, actorUserId: subject.userId },
    ];
    await recordEvents(trx, events);
    return { view: (await loadSessionView(trx, id))!, events };
  });
}

/**
 * Records (or corrects) the decision on an item. When the chair confirms it (`confirm`), the
 * decision also acts on the document (server/domain/decision-workflow.ts): adopted, returned
 * with the decision text as the reason, or unchanged and noted; the effect is stored on the item
 * so the minutes can say what happened. Unconfirmed, the document is left as it is.
 *
 * All of it happens in one transaction under the session's lock, so the same decision sent twice
 * at once (a double click, a retry) is recorded and applied once: the second finds it done and
 * changes nothing, instead of failing to move the document again and calling the decision blocked.
 */
export async function recordDecision(db: Kysely<Database>, subject: AccessSubject, id: string, itemId: string, input: DecisionInput, ip?: string): Promise<SessionOutcome> {
  await requireChairAction(db, subject, id, 'decide', ip);
  return db.transaction().execute(async (trx) => {
    const session = await lockSessionFor(trx, id, 'decide');
    const before = await trx
      .selectFrom('agenda_items')
      .select(['decision', 'decision_text', 'decision_effect'])
      .where('id', '=', itemId)
      .where('session_id', '=', id)
      .executeTakeFirst();
    if (!before) throw notFound('Agenda item');
    if (alreadyRecorded(before, input)) return { view: (await loadSessionView(trx, id))!, events: [] };
    const item = await trx
      .updateTable('agenda_items')
      .set({ decision: input.decision, decision_text: input.text ?? null, decided_at: new Date(), decided_by: subject.userId, decision_effect: null })
      .where('id', '=', itemId)
      .returning(['id', 'document_id'])
      .executeTakeFirstOrThrow();
    await recordAttendance(trx, id, subject.userId);
    await recordAudit(trx, {
      actorUserId: subject.userId,
      action: 'session.decision_recorded',
      objectType: 'session',
      objectId: id,
      details: { itemId, documentId: item.document_id, decision: input.decision, text: input.text ?? null, confirmed: input.confirm },
      ip,
    });
    const events: DomainEvent[] = [
      {
        type: 'session.decision_recorded',
        sessionId: id,
        commissionId: session.commission_id,
        itemId,
        documentId: item.document_id,
        decision: input.decision,
        actorUserId: subject.userId,
      },
    ];
    await recordEvents(trx, events);
    if (input.confirm) {
      const { effect, event } = await applyDecisionToWorkflow(trx, subject, item.document_id, input, ip);
      await trx.updateTable('agenda_items').set({ decision_effect: effect }).where('id', '=', itemId).execute();
      if (event) events.push(event);
    }
    return { view: (await loadSessionView(trx, id))!, events };
  });
}

/**
 * The same decision, with the same text, is already on the item, and (when confirmed) has had
 * its effect: sending it again changes nothing. A blocked one may be confirmed again, since the
 * document may have moved to where the decision can act.
 */
function alreadyRecorded(item: { decision: string | null; decision_text: string | null; decision_effect: DecisionEffect | null }, input: DecisionInput): boolean {
  if (item.decision !== input.decision || item.decision_text !== (input.text ?? null)) return false;
  return input.confirm ? item.decision_effect === 'moved' || item.decision_effect === 'noted' : item.decision_effect === null;
}

/** Inside the decision's transaction: what the confirmed decision does to its document, done. */
async function applyDecisionToWorkflow(
  trx: Kysely<Database>,
  subject: AccessSubject,
  documentId: string,
  input: DecisionInput,
  ip?: string,
): Promise<{ effect: DecisionEffect; event: DomainEvent | null }> {
  const found = await findDocumentWithAccess(trx, subject, documentId);
  if (!found.row || found.row.archived_at) return { effect: 'blocked', event: null };
  const plan = planDecisionEffect(input.decision, input.text, found.row.status, workflowRoles(subject, found.row, found.level));
  if (plan.effect !== 'moved') return { effect: plan.effect, event: null };
  try {
    const { events } = await recordTransition(trx, subject, found.row, { to: plan.to, reason: plan.reason ?? undefined }, ip);
    return { effect: 'moved', event: events[0] ?? null };
  } catch (error) {
    // Someone moved the document meanwhile (nothing was written): the decision is recorded, the workflow left as it is.
    if (error instanceof AppError) return { effect: 'blocked', event: null };
    throw error;
  }
}
