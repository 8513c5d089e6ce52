import { sql, type Kysely } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { AccessLevel, Database, DocumentAccessRow, DocumentKind, DocumentRow, DocumentStatus } from '../../db/schema.ts';
import { documentAccess, type AccessSubject, type DocumentAccessFacts } from '../policies/document-access.ts';
import { editableBy, visibleTo } from '../policies/document.ts';
import { namedByWords, namedExactly } from './name-match.ts';

export { visibleTo } from '../policies/document.ts';

export interface DocumentFilter {
  kind?: DocumentKind;
  status?: DocumentStatus;
  leadOrganisationId?: string;
  partnerOrganisationId?: string;
  q?: string;
  archived: 'false' | 'true' | 'only';
  /** only documents the subject may edit */
  editable?: boolean;
  limit: number;
  offset: number;
}

/** Full-text query over title and body: the words are matched under each language's stemmer. */
function textQuery(q: string) {
  return sql`(
    websearch_to_tsquery('simple'::regconfig, ${q}) ||
    websearch_to_tsquery('french'::regconfig, ${q}) ||
    websearch_to_tsquery('arabic'::regconfig, ${q}) ||
    websearch_to_tsquery('english'::regconfig, ${q})
  )`;
}

export async function listVisibleDocuments(db: Kysely<Database>, subject: AccessSubject, filter: DocumentFilter): Promise<{ rows: DocumentRow[]; total: number }> {
  let query = visibleTo(db.selectFrom('documents'), subject);
  if (filter.editable) query = editableBy(query, subject);
  if (filter.kind) query = query.where('documents.kind', '=', filter.kind);
  if (filter.status) query = query.where('documents.status', '=', filter.status);
  if (filter.leadOrganisationId) query = query.where('documents.lead_organisation_id', '=', filter.leadOrganisationId);
  if (filter.partnerOrganisationId) {
    const partnerId = filter.partnerOrganisationId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('document_partners')
          .select(sql`1`.as('one'))
          .whereRef('document_partners.document_id', '=', 'documents.id')
          .where('document_partners.organisation_id', '=', partnerId),
      ),
    );
  }
  if (filter.archived === 'false') query = query.where('documents.archived_at', 'is', null);
  if (filter.archived === 'only') query = query.where('documents.archived_at', 'is not', null);
  const q = filter.q?.trim();
  if (q) query = query.where(sql<boolean>`documents.search @@ ${textQuery(q)}`);

  const totalRow = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  let rowsQuery = query.selectAll('documents');
  rowsQuery = q
    ? rowsQuery.orderBy(sql`ts_rank(documents.search, ${textQuery(q)})`, 'desc').orderBy('documents.updated_at', 'desc')
    : rowsQuery.orderBy('documents.updated_at', 'desc');
  const rows = await rowsQuery.orderBy('documents.id').limit(filter.limit).offset(filter.offset).execute();
  return { rows, total: Number(totalRow.total) };
}

export async function loadGrants(db: Kysely<Database>, documentIds: readonly string[]): Promise<Map<string, DocumentAccessRow[]>> {
  const byDocument = new Map<string, DocumentAccessRow[]>(documentIds.map((id) => [id, []]));
  if (documentIds.length === 0) return byDocument;
  const rows = await db.selectFrom('document_access').selectAll().where('document_id', 'in', documentIds).orderBy('created_at').execute();
  for (const row of rows) byDocument.get(row.document_id)?.push(row);
  return byDocument;
}

export async function loadPartners(db: Kysely<Database>, documentIds: readonly string[]): Promise<Map<string, string[]>> {
  const byDocument = new Map<string, string[]>(documentIds.map((id) => [id, []]));
  if (documentIds.length === 0) return byDocument;
  const rows = await db.selectFrom('document_partners').selectAll().where('document_id', 'in', documentIds).execute();
  for (const row of rows) byDocument.get(row.document_id)?.push(row.organisation_id);
  return byDocument;
}

/** What the policy needs of a document: its lead, whether archived, and its grants (rows or parts of them). */
export function accessFacts(
  row: Pick<DocumentRow, 'lead_organisation_id' | 'archived_at'>,
  grants: readonly Pick<DocumentAccessRow, 'organisation_id' | 'user_id' | 'level'>[],
): DocumentAccessFacts {
  return {
    leadOrganisationId: row.lead_organisation_id,
    archived: row.archived_at !== null,
    grants: grants.map((grant) => ({ organisationId: grant.organisation_id, userId: grant.user_id, level: grant.level })),
  };
}

/** The document and the subject's access to it, or null when it does not exist for them. */
export async function findDocumentWithAccess(db: Kysely<Database>, subject: AccessSubject, id: string) {
  const row = await db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return { row: null, exists: false } as const;
  const grants = (await loadGrants(db, [id])).get(id) ?? [];
  const level = documentAccess(subject, accessFacts(row, grants));
  if (!level) return { row: null, exists: true } as const;
  return { row, grants, level, exists: true } as const;
}

export type DocumentAccessAnswer = { exists: false; level: null } | { exists: true; level: AccessLevel | null };

/**
 * Only the subject's access to a document, in one statement that reads just the facts the policy
 * needs: for the paths that check it on every connection (sync endpoint, socket.io), where the
 * full row would carry the document's whole text for nothing.
 */
export async function findDocumentAccess(db: Kysely<Database>, subject: AccessSubject, id: string): Promise<DocumentAccessAnswer> {
  const facts = await findDocumentAccessFacts(db, id);
  if (!facts) return { exists: false, level: null };
  return { exists: true, level: documentAccess(subject, facts) };
}

/** What the policy needs of a document whoever asks (null when it does not exist), in the light statement of findDocumentAccess. */
export async function findDocumentAccessFacts(db: Kysely<Database>, id: string): Promise<DocumentAccessFacts | null> {
  return (await findManyDocumentAccessFacts(db, [id])).get(id) ?? null;
}

/** findDocumentAccessFacts of several documents in one statement; those that do not exist are absent. */
export async function findManyDocumentAccessFacts(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, DocumentAccessFacts>> {
  const found = new Map<string, DocumentAccessFacts>();
  if (ids.length === 0) return found;
  const rows = await db
    .selectFrom('documents')
    .select((eb) => [
      'documents.id',
      'documents.lead_organisation_id',
      'documents.archived_at',
      jsonArrayFrom(
        eb
          .selectFrom('document_access')
          .select(['document_access.organisation_id', 'document_access.user_id', 'document_access.level'])
          .whereRef('document_access.document_id', '=', 'documents.id'),
      ).as('grants'),
    ])
    .where('documents.id', 'in', [...ids])
    .execute();
  for (const row of rows) found.set(row.id, accessFacts(row, row.grants));
  return found;
}

/** A document's row whoever asks (for consumers that decide access themselves), or undefined. */
export function findDocumentRow(db: Kysely<Database>, id: string): Promise<DocumentRow | undefined> {
  return db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Rows of these documents with their grants, to decide each one's access. */
export async function documentsWithGrants(db: Kysely<Database>, ids: readonly string[]): Promise<Array<{ row: DocumentRow; grants: DocumentAccessRow[] }>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const [rows, grants] = await Promise.all([db.selectFrom('documents').selectAll().where('id', 'in', unique).execute(), loadGrants(db, unique)]);
  return rows.map((row) => ({ row, grants: grants.get(row.id) ?? [] }));
}

/** Documents on the agenda of a commission's sessions that the subject may see, newest change first. */
export function listVisibleCommissionDocuments(
  db: Kysely<Database>,
  subject: AccessSubject,
  commissionId: string,
  filter: { status?: DocumentStatus; limit: number },
): Promise<DocumentRow[]> {
  let query = visibleTo(db.selectFrom('documents'), subject)
    .where('documents.archived_at', 'is', null)
    .where(
      'documents.id',
      'in',
      db
        .selectFrom('agenda_items')
        .innerJoin('commission_sessions', 'commission_sessions.id', 'agenda_items.session_id')
        .select('agenda_items.document_id')
        .where('commission_sessions.commission_id', '=', commissionId),
    );
  if (filter.status) query = query.where('documents.status', '=', filter.status);
  return query.selectAll('documents').orderBy('documents.updated_at', 'desc').limit(filter.limit).execute();
}

export interface TitleMatches {
  /** ids of the documents whose whole title is the text (accent- and case-insensitive); two at most */
  exact: string[];
  /** those where every word typed begins a word of the title, newest change first */
  rows: Array<Pick<DocumentRow, 'id' | 'title' | 'status'>>;
  total: number;
}

/** Unarchived documents the subject may see, named by (words of) their title; filtered and counted in SQL. */
export async function findVisibleByTitle(db: Kysely<Database>, subject: AccessSubject, text: string, limit: number): Promise<TitleMatches> {
  const visible = () => visibleTo(db.selectFrom('documents'), subject).where('documents.archived_at', 'is', null);
  const [exact, rows] = await Promise.all([
    visible()
      .where((eb) => namedExactly(eb.ref('documents.title'), text))
      .select('documents.id')
      .limit(2)
      .execute(),
    visible()
      .where((eb) => namedByWords(eb.ref('documents.title'), text))
      .select(['documents.id', 'documents.title', 'documents.status', sql<number>`count(*) over ()::int`.as('total')])
      .orderBy('documents.updated_at', 'desc')
      .limit(limit)
      .execute(),
  ]);
  return { exact: exact.map((row) => row.id), rows: rows.map(({ total: _, ...row }) => row), total: rows[0]?.total ?? 0 };
}
