import type { Selectable } from 'kysely';
import type { AccessLevel, AgendaItemsTable, CommissionSessionsTable, DocumentAccessRow, DocumentRow } from '../../db/schema.ts';
import { RESTRICTED_ITEM_TITLE } from '../domain/minutes.ts';
import { isChair } from '../domain/session-rules.ts';
import { documentAccess, type AccessSubject } from '../policies/document-access.ts';
import { accessFacts } from '../queries/documents.ts';
import type { AgendaItem, CommissionSession } from '../../shared/api/sessions.ts';

export type SessionRow = Selectable<CommissionSessionsTable>;
export type AgendaItemRow = Selectable<AgendaItemsTable>;

/** A session with everything needed to present it to any viewer; see `presentSession`. */
export interface SessionView {
  session: SessionRow;
  memberOrganisationIds: string[];
  /** in agenda order */
  items: AgendaItemRow[];
  /** the documents of the agenda and the minutes, with their grants */
  documents: Map<string, { row: DocumentRow; grants: DocumentAccessRow[] }>;
}

/**
 * A session as one viewer may see it. Everyone who may see the session sees its whole agenda,
 * but an item's document (id, title, status) only when the document policy lets this viewer see
 * that document. Otherwise the item is restricted, as in the minutes: its number, presenter and
 * decision remain (the session still runs), but not its title or decision text, which usually
 * name or quote the document.
 */
export function presentSession(view: SessionView, viewer: AccessSubject): CommissionSession {
  const levelOf = (documentId: string | null): AccessLevel | null => {
    const document = documentId ? view.documents.get(documentId) : undefined;
    return document ? documentAccess(viewer, accessFacts(document.row, document.grants)) : null;
  };
  const items = view.items.map((item) => presentAgendaItem(item, levelOf(item.document_id), view.documents.get(item.document_id)?.row));
  const { session } = view;
  return {
    id: session.id,
    commissionId: session.commission_id,
    title: session.title,
    scheduledAt: session.scheduled_at.toISOString(),
    location: session.location,
    state: session.state,
    startedAt: session.started_at?.toISOString() ?? null,
    closedAt: session.closed_at?.toISOString() ?? null,
    createdAt: session.created_at.toISOString(),
    memberOrganisationIds: view.memberOrganisationIds,
    currentItemId: session.current_item_id,
    currentItem: items.find((item) => item.id === session.current_item_id) ?? null,
    items,
    minutesDocumentId: levelOf(session.minutes_document_id) ? session.minutes_document_id : null,
    /** whether this viewer runs the session (start, move, decide, close) */
    chair: isChair(viewer),
  };
}

function presentAgendaItem(item: AgendaItemRow, access: AccessLevel | null, document: DocumentRow | undefined): AgendaItem {
  const restricted = access === null;
  return {
    id: item.id,
    position: item.position,
    /** restricted: the minutes' placeholder; clients show their own translation of it */
    title: restricted ? RESTRICTED_ITEM_TITLE : item.title,
    restricted,
    presenterOrganisationId: item.presenter_organisation_id,
    /** the viewer's access to the item's document; null: they follow the agenda without it */
    access,
    ...(access && document ? { documentId: document.id, documentTitle: document.title, documentStatus: document.status } : {}),
    decision: item.decision,
    decisionText: restricted ? null : item.decision_text,
    decidedAt: item.decided_at?.toISOString() ?? null,
    decidedBy: item.decided_by,
    /** what the confirmed decision did to the document; null until the chair confirms it */
    decisionEffect: item.decision_effect,
  };
}
