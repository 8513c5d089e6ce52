import type { Kysely } from 'kysely';
import type { Database, DocumentRow, DocumentStatus } from '../../db/schema.ts';
import { workflowRoles } from '../../server/commands/documents.ts';
import { canComment, canEdit, documentAccess } from '../../server/policies/document-access.ts';
import { openThreadCount } from '../../server/queries/comments.ts';
import { accessFacts, documentsWithGrants, listVisibleCommissionDocuments, listVisibleDocuments } from '../../server/queries/documents.ts';
import { documentMeasureCounts, listVisibleMeasures } from '../../server/queries/measures.ts';
import { organisationNames } from '../../server/queries/organisations.ts';
import { userNames } from '../../server/queries/users.ts';
import { DOCUMENT_STATUSES, LOCALES } from '../../shared/enums.ts';
import { LABELS } from '../../shared/labels.ts';
import { normalize } from '../../shared/text-match.ts';
import { availableTransitions } from '../../shared/workflow.ts';
import { plain, type SlackMessage } from '../blocks/common.ts';
import { documentListBlocks, measureListBlocks, type DocumentLine } from '../blocks/lists.ts';
import { pickerBlocks, statusBlocks, type DocumentStatusView } from '../blocks/status.ts';
import { t } from '../i18n/index.ts';
import type { BotUser } from '../linking/links.ts';
import type { BotServices } from '../services.ts';
import { findCommission, findDocument, findOrganisation } from './lookup.ts';

const LIST_LIMIT = 15;

export async function statusCommand(services: BotServices, user: BotUser, query: string): Promise<SlackMessage> {
  const match = await findDocument(services.db, user, query, services.publicUrl);
  if (match.kind === 'none') return plain(t(user.locale, 'error.notFound', { query }));
  if (match.kind === 'many') return pickerBlocks(query, match.candidates, user.locale, match.total);
  return statusBlocks(await statusView(services, user, match.row, match.level), user.locale, services.publicUrl);
}

/** Everything `status` shows of one document, for one reader who may see it. */
export async function statusView(services: BotServices, user: BotUser, row: DocumentRow, level: 'edit' | 'comment' | 'view'): Promise<DocumentStatusView> {
  const { db } = services;
  const today = services.clock.today();
  const [names, counts, editors, openComments] = await Promise.all([
    organisationNames(db, [row.lead_organisation_id], user.locale),
    documentMeasureCounts(db, row.id, today),
    userNames(db, [row.last_edited_by]),
    openThreadCount(db, row.id),
  ]);
  return {
    id: row.id,
    title: row.title,
    kind: row.kind,
    status: row.status,
    returnReason: row.return_reason,
    leadName: names.get(row.lead_organisation_id) ?? '—',
    measures: counts.byStatus,
    overdue: counts.overdue,
    lastEditedAt: row.last_edited_at,
    lastEditorName: (row.last_edited_by && editors.get(row.last_edited_by)) ?? null,
    openComments,
    canComment: canComment(level) && !row.archived_at,
    transitions: row.archived_at ? [] : availableTransitions(row.status, workflowRoles(user, row, level)),
  };
}

/** A status typed as its code or its name in any of the three languages. */
export function statusNamed(word: string): DocumentStatus | null {
  const wanted = normalize(word);
  return DOCUMENT_STATUSES.find((status) => [status, ...LOCALES.map((locale) => LABELS[locale].status[status])].some((name) => normalize(name) === wanted)) ?? null;
}

export async function listCommand(services: BotServices, user: BotUser, words: string[]): Promise<SlackMessage> {
  const { db } = services;
  const status = words.map(statusNamed).find((found) => found !== null) ?? undefined;
  const rest = words.filter((word) => statusNamed(word) === null).join(' ');
  let leadOrganisationId: string | undefined;
  let commissionId: string | undefined;
  if (rest) {
    const organisation = await findOrganisation(db, rest);
    const commission = organisation ? null : await findCommission(db, rest);
    if (!organisation && !commission) return plain(t(user.locale, 'sub.unknownTarget', { query: rest }));
    leadOrganisationId = organisation?.id;
    commissionId = commission?.id;
  }
  if (commissionId) {
    // A commission's documents: those on the agenda of its sessions.
    const rows = await listVisibleCommissionDocuments(db, user, commissionId, { status: status ?? undefined, limit: 200 });
    return documentListBlocks(
      t(user.locale, 'list.title', { count: rows.length }),
      await documentLines(db, rows.slice(0, LIST_LIMIT), user),
      rows.length,
      user.locale,
      services.publicUrl,
    );
  }
  const { rows, total } = await listVisibleDocuments(db, user, { status, leadOrganisationId, archived: 'false', limit: LIST_LIMIT, offset: 0 });
  return documentListBlocks(t(user.locale, 'list.title', { count: total }), await documentLines(db, rows, user), total, user.locale, services.publicUrl);
}

export async function searchCommand(services: BotServices, user: BotUser, query: string): Promise<SlackMessage> {
  const { rows, total } = await listVisibleDocuments(services.db, user, { q: query, archived: 'false', limit: LIST_LIMIT, offset: 0 });
  return documentListBlocks(t(user.locale, 'search.title', { query, count: total }), await documentLines(services.db, rows, user), total, user.locale, services.publicUrl);
}

export async function overdueCommand(services: BotServices, user: BotUser, organisation?: string): Promise<SlackMessage> {
  const { db } = services;
  let organisationId: string | undefined;
  if (organisation) {
    const found = await findOrganisation(db, organisation);
    if (!found) return plain(t(user.locale, 'sub.unknownTarget', { query: organisation }));
    organisationId = found.id;
  }
  const measures = await listVisibleMeasures(db, user, { overdue: true, organisationId, today: services.clock.today(), limit: 200 });
  const editable = await editableDocuments(
    db,
    user,
    measures.map((measure) => measure.documentId),
  );
  const lines = measures.map((measure) => ({ ...measure, canEdit: editable.has(measure.documentId) }));
  return measureListBlocks(t(user.locale, 'overdue.title', { count: measures.length }), lines, measures.length, user.locale, services.publicUrl);
}

/** Of these documents, those the reader may edit (to offer buttons; every click checks again). */
export async function editableDocuments(db: Kysely<Database>, user: BotUser, ids: readonly string[]): Promise<Set<string>> {
  const documents = await documentsWithGrants(db, ids);
  return new Set(documents.filter(({ row, grants }) => canEdit(documentAccess(user, accessFacts(row, grants)))).map(({ row }) => row.id));
}

async function documentLines(db: Kysely<Database>, rows: readonly DocumentRow[], user: BotUser): Promise<DocumentLine[]> {
  const names = await organisationNames(
    db,
    rows.map((row) => row.lead_organisation_id),
    user.locale,
  );
  return rows.map((row) => ({ id: row.id, title: row.title, kind: row.kind, status: row.status, leadName: names.get(row.lead_organisation_id) ?? '—' }));
}
