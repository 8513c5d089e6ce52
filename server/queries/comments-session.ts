import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../errors.ts';
import type { AccessSubject } from '../policies/document-access.ts';
import { canSee, loadSessionView } from './sessions.ts';

export interface SessionTag {
  sessionId: string | null;
  agendaItemId: string | null;
}

const NONE: SessionTag = { sessionId: null, agendaItemId: null };

const invalidSession = (message: string) => new AppError(400, 'invalid_session', message);

/**
 * Which commission session (and agenda item) a new comment belongs to.
 *
 * Named explicitly: the session must be live and the document on its agenda; the item is the one
 * named, else the current item when it is this document, else this document's first item.
 * Not named: a comment made on the document the chair is showing right now (the current item of
 * a live session) is tagged with that session and item, so minutes can list what was raised.
 * A session the author may not see answers exactly as one that does not exist.
 */
export async function sessionTagFor(db: Kysely<Database>, subject: AccessSubject, documentId: string, input: { sessionId?: string; agendaItemId?: string }): Promise<SessionTag> {
  if (!input.sessionId && !input.agendaItemId) {
    // Only a session the author takes part in (may see): the tag would otherwise reveal it.
    const current = await currentSessionOf(db, documentId);
    return current.sessionId && (await visibleSession(db, subject, current.sessionId)) ? current : NONE;
  }

  let sessionId = input.sessionId;
  if (input.agendaItemId) {
    const item = await db.selectFrom('agenda_items').select(['session_id', 'document_id']).where('id', '=', input.agendaItemId).executeTakeFirst();
    const visible = item ? await visibleSession(db, subject, item.session_id) : null;
    if (!item || !visible || (sessionId && item.session_id !== sessionId)) throw invalidSession('No such agenda item in this session.');
    if (item.document_id !== documentId) throw invalidSession('That agenda item is about another document.');
    sessionId = item.session_id;
  }
  const session = await visibleSession(db, subject, sessionId!);
  if (!session) throw invalidSession('No such session.');
  if (session.state !== 'live') throw invalidSession(`The session is ${session.state}, not live: comments are tagged only while it runs.`);
  const items = await db.selectFrom('agenda_items').select('id').where('session_id', '=', sessionId!).where('document_id', '=', documentId).orderBy('position').execute();
  if (items.length === 0) throw invalidSession('This document is not on the agenda of that session.');
  const ids = items.map((item) => item.id);
  const agendaItemId = input.agendaItemId ?? (session.current_item_id && ids.includes(session.current_item_id) ? session.current_item_id : ids[0]!);
  return { sessionId: sessionId!, agendaItemId };
}

async function visibleSession(db: Kysely<Database>, subject: AccessSubject, id: string) {
  const view = await loadSessionView(db, id);
  return view && canSee(subject, view) ? view.session : null;
}

async function currentSessionOf(db: Kysely<Database>, documentId: string): Promise<SessionTag> {
  const live = await db
    .selectFrom('commission_sessions')
    .innerJoin('agenda_items', 'agenda_items.id', 'commission_sessions.current_item_id')
    .select(['commission_sessions.id as sessionId', 'agenda_items.id as agendaItemId'])
    .where('commission_sessions.state', '=', 'live')
    .where('agenda_items.document_id', '=', documentId)
    // Two sessions showing one document at once is unusual; the one started last is the one in the room.
    .orderBy('commission_sessions.started_at', 'desc')
    .executeTakeFirst();
  return live ?? NONE;
}
