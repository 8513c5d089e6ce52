import type { Kysely } from 'kysely';
import * as Y from 'yjs';
import type { Database, DocumentRow, Locale } from '../../db/schema.ts';
import { DocumentStore } from '../collab/document-store.ts';
import { appendBlocks, bodyText, countWords, metaOf, type BlockSpec } from '../../shared/doc-schema.ts';
import type { MinutesInput, MinutesItem } from '../domain/minutes.ts';
import { canView, documentAccess, type AccessSubject } from '../policies/document-access.ts';
import { accessFacts, loadGrants } from '../queries/documents.ts';
import type { SessionRow } from '../presenters/session.ts';
import { recordAudit } from './audit.ts';
import { grantOrganisations } from './document-access.ts';

const MOROCCO_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Africa/Casablanca', year: 'numeric', month: '2-digit', day: '2-digit' });

/**
 * The day of a session as the minutes and version names write it: the day it was convened for,
 * in Morocco (a session running past midnight, or started early, is still "the session of the 28th").
 */
export const sessionDay = (session: Pick<SessionRow, 'scheduled_at'>): string => MOROCCO_DAY.format(session.scheduled_at);

/**
 * Gathers what the minutes of a session say, inside the closing transaction. `readerOrganisationIds`
 * are the organisations the minutes will be shared with: an item whose document one of their
 * members could not read is written as restricted (see MinutesItem).
 */
export async function loadMinutesInput(
  trx: Kysely<Database>,
  session: SessionRow,
  chairUserId: string,
  readerOrganisationIds: readonly string[],
  language: Locale = 'fr',
): Promise<MinutesInput> {
  // Names in the minutes' language, as the directory has them.
  const orgName = `organisations.name_${language}` as const;
  const [commission, chair, attendees, items, comments, readers] = await Promise.all([
    trx.selectFrom('commissions').select(['name_fr', 'name_ar', 'name_en']).where('id', '=', session.commission_id).executeTakeFirstOrThrow(),
    trx
      .selectFrom('users')
      .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
      .select(['users.name', `${orgName} as organisation` as 'organisations.name_fr as organisation'])
      .where('users.id', '=', chairUserId)
      .executeTakeFirstOrThrow(),
    trx
      .selectFrom('session_attendance')
      .innerJoin('users', 'users.id', 'session_attendance.user_id')
      .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
      .select(['users.name', `${orgName} as organisation` as 'organisations.name_fr as organisation'])
      .where('session_attendance.session_id', '=', session.id)
      .orderBy(orgName)
      .orderBy('users.name')
      .execute(),
    trx
      .selectFrom('agenda_items')
      .innerJoin('documents', 'documents.id', 'agenda_items.document_id')
      .leftJoin('organisations', 'organisations.id', 'agenda_items.presenter_organisation_id')
      .select([
        'agenda_items.id',
        'agenda_items.title',
        'agenda_items.document_id',
        'agenda_items.decision',
        'agenda_items.decision_text',
        'agenda_items.decision_effect',
        'documents.title as document_title',
        'documents.lead_organisation_id',
        'documents.archived_at',
        `${orgName} as presenter` as 'organisations.name_fr as presenter',
      ])
      .where('agenda_items.session_id', '=', session.id)
      .orderBy('agenda_items.position')
      .orderBy('agenda_items.id')
      .execute(),
    trx
      .selectFrom('comments')
      .innerJoin('users', 'users.id', 'comments.author_id')
      .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
      .select(['comments.agenda_item_id', 'comments.document_id', 'comments.body', 'users.name', `${orgName} as organisation` as 'organisations.name_fr as organisation'])
      .where('comments.session_id', '=', session.id)
      .where('comments.deleted_at', 'is', null)
      .orderBy('comments.created_at')
      .orderBy('comments.id')
      .execute(),
    readerSubjects(trx, readerOrganisationIds),
  ]);
  const grants = await loadGrants(trx, [...new Set(items.map((item) => item.document_id))]);
  const restricted = (item: (typeof items)[number]) => {
    const facts = accessFacts(item, grants.get(item.document_id) ?? []);
    return readers.some((reader) => !canView(documentAccess(reader, facts)));
  };
  // A comment made in the session but not tagged with an item goes to the item of its document.
  const itemOf = (comment: (typeof comments)[number]) => comment.agenda_item_id ?? items.find((item) => item.document_id === comment.document_id)?.id ?? null;
  const minutesItems: MinutesItem[] = items.map((item) => ({
    restricted: restricted(item),
    title: item.title,
    documentTitle: item.document_title,
    presenter: item.presenter,
    decision: item.decision,
    decisionText: item.decision_text,
    decisionEffect: item.decision_effect,
    comments: comments.filter((comment) => itemOf(comment) === item.id).map(({ name, organisation, body }) => ({ name, organisation, body })),
  }));
  return {
    language,
    commissionName: commission[`name_${language}`] || commission.name_fr,
    sessionTitle: session.title,
    date: sessionDay(session),
    location: session.location,
    chair,
    attendees,
    items: minutesItems,
  };
}

/**
 * Who will read the minutes, as the document policy sees them: each reader organisation that has
 * active members who are not administrators (administrators read every document anyway). A
 * personal grant is left out on purpose: the organisation's own access is the narrower one.
 */
async function readerSubjects(trx: Kysely<Database>, organisationIds: readonly string[]): Promise<AccessSubject[]> {
  if (organisationIds.length === 0) return [];
  const rows = await trx
    .selectFrom('users')
    .select('organisation_id')
    .distinct()
    .where('organisation_id', 'in', [...new Set(organisationIds)])
    .where('role', '=', 'member')
    .where('disabled_at', 'is', null)
    .execute();
  return rows.map((row) => ({ userId: '', organisationId: row.organisation_id, role: 'member' as const }));
}

export interface MinutesDocumentInput {
  title: string;
  /** the language the minutes are written in (the document's language) */
  language?: Locale;
  blocks: readonly BlockSpec[];
  /** organisations given `view` access (the commission's members) */
  viewerOrganisationIds: readonly string[];
  sessionId: string;
}

/**
 * Creates the `minutes` document, led by the chair's organisation, with its content written as
 * its first stored update (as createDocument writes a template) and its text projected at once
 * so search finds it before anyone opens it.
 */
export async function insertMinutesDocument(trx: Kysely<Database>, subject: AccessSubject, input: MinutesDocumentInput, ip?: string): Promise<DocumentRow> {
  const doc = new Y.Doc();
  doc.transact(() => {
    appendBlocks(doc, input.blocks);
    metaOf(doc).set('kind', 'minutes');
  });
  const update = Y.encodeStateAsUpdate(doc);
  const text = bodyText(doc);
  doc.destroy();
  const row = await DocumentStore.create(
    trx,
    {
      kind: 'minutes',
      title: input.title,
      language: input.language ?? 'fr',
      lead_organisation_id: subject.organisationId,
      status: 'draft',
      created_by: subject.userId,
      body_text: text,
      word_count: countWords(text),
    },
    update,
  );
  const viewers = [...new Set(input.viewerOrganisationIds)].filter((id) => id !== subject.organisationId);
  await grantOrganisations(trx, row.id, viewers, 'view', subject.userId);
  await recordAudit(trx, {
    actorUserId: subject.userId,
    action: 'document.created',
    objectType: 'document',
    objectId: row.id,
    details: { kind: 'minutes', title: row.title, leadOrganisationId: subject.organisationId, sessionId: input.sessionId, viewerOrganisationIds: viewers },
    ip,
  });
  return row;
}
