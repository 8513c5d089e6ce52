import { recordEvents } from '../events/outbox.ts';
import { sql, type Kysely } from 'kysely';
import type { Database, Locale } from '../../db/schema.ts';
import { buildMinutes, minutesTitle, sessionVersionName } from '../domain/minutes.ts';
import { discussedDocumentIds } from '../domain/session-rules.ts';
import type { DomainEvent } from '../events/bus.ts';
import type { AccessSubject } from '../policies/document-access.ts';
import { conflict } from '../errors.ts';
import { recordAudit } from './audit.ts';
import { insertMinutesDocument, loadMinutesInput } from './minutes.ts';
import type { SessionOutcome } from './sessions.ts';
import { lockSessionFor, recordAttendance, requireChairAction } from './sessions-guard.ts';
import { loadSessionView } from '../queries/sessions.ts';
import { currentDocumentState, type StateSource } from './versions.ts';

/** A decision or a move committed between reading the discussed documents and closing: read them again. */
class DiscussedChanged extends Error {}

/** How many times a close reads the discussed documents again before it gives up with a 409. */
const CLOSE_ATTEMPTS = 3;

/**
 * Closes a live session: writes its minutes as a new `minutes` document, snapshots every
 * discussed document as a version named after the session, and links the minutes — all in one
 * transaction, so a failure leaves the session live with nothing half-written. The documents'
 * states are read just before (storage reads cannot share the transaction); a decision or a move
 * that made another document discussed meanwhile is found under the session's lock, and the
 * states are read again, so no discussed document goes without its snapshot.
 */
export async function closeSession(db: Kysely<Database>, hub: StateSource, subject: AccessSubject, id: string, ip?: string, language: Locale = 'fr'): Promise<SessionOutcome> {
  const before = await requireChairAction(db, subject, id, 'close', ip);
  for (let attempt = 1; ; attempt++) {
    const states = new Map<string, Uint8Array>();
    for (const documentId of await discussedIn(db, id)) states.set(documentId, await currentDocumentState(hub, documentId));
    try {
      return await closeWith(db, subject, id, before.memberOrganisationIds, states, ip, language);
    } catch (error) {
      if (!(error instanceof DiscussedChanged)) throw error;
      if (attempt >= CLOSE_ATTEMPTS) throw conflict('The session kept changing while it was being closed; close it again.');
    }
  }
}

async function closeWith(
  db: Kysely<Database>,
  subject: AccessSubject,
  id: string,
  memberOrganisationIds: string[],
  states: ReadonlyMap<string, Uint8Array>,
  ip: string | undefined,
  language: Locale,
): Promise<SessionOutcome> {
  return db.transaction().execute(async (trx) => {
    const session = await lockSessionFor(trx, id, 'close');
    if ((await discussedIn(trx, id)).some((documentId) => !states.has(documentId))) throw new DiscussedChanged();
    await recordAttendance(trx, id, subject.userId);
    // The minutes are led by the chair's organisation and shown to the member organisations.
    const minutesInput = await loadMinutesInput(trx, session, subject.userId, [subject.organisationId, ...memberOrganisationIds], language);
    const minutes = await insertMinutesDocument(
      trx,
      subject,
      {
        title: minutesTitle(session.title, minutesInput.date, language),
        language,
        blocks: buildMinutes(minutesInput),
        viewerOrganisationIds: memberOrganisationIds,
        sessionId: id,
      },
      ip,
    );
    const name = sessionVersionName(minutesInput.commissionName, minutesInput.date);
    const versions =
      states.size === 0
        ? []
        : await trx
            .insertInto('document_versions')
            .values([...states].map(([documentId, state]) => ({ document_id: documentId, name, kind: 'session' as const, state, session_id: id, created_by: subject.userId })))
            .returning(['id', 'document_id'])
            .execute();
    await trx
      .updateTable('commission_sessions')
      .set({ state: 'closed', closed_at: new Date(), current_item_id: null, minutes_document_id: minutes.id })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, {
      actorUserId: subject.userId,
      action: 'session.closed',
      objectType: 'session',
      objectId: id,
      details: { minutesDocumentId: minutes.id, versionIds: versions.map((version) => version.id) },
      ip,
    });
    const events: DomainEvent[] = [
      { type: 'document.created', documentId: minutes.id, actorUserId: subject.userId },
      ...versions.map((version): DomainEvent => ({ type: 'version.named', documentId: version.document_id, versionId: version.id, name, actorUserId: subject.userId })),
      { type: 'session.closed', sessionId: id, commissionId: session.commission_id, minutesDocumentId: minutes.id, actorUserId: subject.userId },
    ];
    await recordEvents(trx, events);
    return { view: (await loadSessionView(trx, id))!, events };
  });
}

/** The documents a session discussed so far (domain/session-rules.ts), in agenda order. */
async function discussedIn(db: Kysely<Database>, sessionId: string): Promise<string[]> {
  const items = await db.selectFrom('agenda_items').select(['id', 'document_id', 'decision']).where('session_id', '=', sessionId).orderBy('position').orderBy('id').execute();
  return discussedDocumentIds(
    items.map((item) => ({ id: item.id, documentId: item.document_id, decision: item.decision })),
    await reachedItemIds(db, sessionId),
  );
}

/**
 * The items a session reached. Every start and move is audited with its item in the same
 * transaction as the change, so the audit trail is the session's itinerary.
 */
async function reachedItemIds(db: Kysely<Database>, sessionId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('audit_log')
    .select(sql<string | null>`details->>'itemId'`.as('itemId'))
    .where('object_type', '=', 'session')
    .where('object_id', '=', sessionId)
    .where('action', 'in', ['session.started', 'session.item_changed'])
    .execute();
  return new Set(rows.flatMap((row) => (row.itemId ? [row.itemId] : [])));
}
