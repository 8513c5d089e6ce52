import type { Kysely } from 'kysely';
import type { Database, SuggestionStatus } from '../../db/schema.ts';
import type { CollabHub } from '../collab/hub.ts';
import { AppError, conflict, notFound } from '../errors.ts';
import type { DomainEvent } from '../events/bus.ts';
import { applySuggestion, checkSuggestion, coveredText, type SuggestionOp, type SuggestionProblem } from '../domain/suggestions.ts';
import { authorize } from '../policies/authorize.ts';
import type { AccessSubject } from '../policies/document-access.ts';
import { suggestionPolicy, type SuggestionAction } from '../policies/suggestion.ts';
import { findDocumentWithAccess } from '../queries/documents.ts';
import type { CreateSuggestionInput } from '../../shared/api/schemas/suggestions.ts';
import { recordAudit } from './audit.ts';
import type { DocumentContent } from '../queries/comments-content.ts';
import { findSuggestion, listOpenSuggestions, type SuggestionView } from '../queries/suggestions.ts';

/** What writes into documents on the server's side: the collaboration hub, or a test's stand-in. */
export type SuggestionHub = Pick<CollabHub, 'applyServerChange'>;

export interface SuggestionChange {
  suggestions: SuggestionView[];
  events: DomainEvent[];
}

const PROBLEMS: Record<SuggestionProblem, string> = {
  malformed: 'is not a well-formed pair of Yjs relative positions',
  outside: 'does not point into the text of this document',
  not_one_text: 'must start and end in the same run of text of one paragraph',
  empty: 'changes nothing (its text may just have been deleted)',
  bad_text: 'contains line breaks or control characters, or is too long',
  not_a_block: 'must name a paragraph or heading of the body, or a list item, as its kind requires',
  not_adjacent: 'must join two neighbouring blocks of the same container',
  last_block: 'would leave the document without a paragraph',
};

const changed = (documentId: string, actorUserId: string): DomainEvent => ({ type: 'suggestion.changed', documentId, actorUserId });

async function authorizeOn(db: Kysely<Database>, subject: AccessSubject, documentId: string, action: SuggestionAction, authorId?: string, ip?: string) {
  const found = await findDocumentWithAccess(db, subject, documentId);
  if (!found.exists) throw notFound('Document');
  await authorize({ db, ip }, subject, suggestionPolicy, action, { id: documentId, facts: { level: found.level ?? null, authorId } });
}

/** Stores suggestions after checking each against the current document; all or none. */
export async function createSuggestions(
  db: Kysely<Database>,
  content: DocumentContent,
  subject: AccessSubject,
  documentId: string,
  inputs: CreateSuggestionInput[],
  ip?: string,
): Promise<SuggestionChange> {
  await authorizeOn(db, subject, documentId, 'suggest', undefined, ip);
  const quotes = await content(documentId, (doc) =>
    inputs.map((input, index) => {
      const problem = checkSuggestion(doc, input);
      if (problem) {
        throw new AppError(400, 'invalid_suggestion', `The suggestion ${PROBLEMS[problem]}.`, [{ path: `suggestions.${index}`, message: PROBLEMS[problem], reason: problem }]);
      }
      return coveredText(doc, input);
    }),
  );
  const ids = await db.transaction().execute(async (trx) => {
    const rows = await trx
      .insertInto('suggestions')
      .values(
        inputs.map((input, index) => ({
          document_id: documentId,
          author_id: subject.userId,
          start_pos: input.start,
          end_pos: input.end,
          text: input.text,
          quote: quotes[index]!,
          mark: input.mark ? JSON.stringify(input.mark) : null,
          kind: input.kind,
          block: input.block ? JSON.stringify(input.block) : null,
        })),
      )
      .returning('id')
      .execute();
    return rows.map((row) => row.id);
  });
  const suggestions = await Promise.all(ids.map(async (id) => (await findSuggestion(db, id))!));
  return { suggestions, events: [changed(documentId, subject.userId)] };
}

/** The open suggestions of a document, oldest first, for anyone who may see it. */
export async function listSuggestions(db: Kysely<Database>, subject: AccessSubject, documentId: string, ip?: string): Promise<SuggestionView[]> {
  await authorizeOn(db, subject, documentId, 'view', undefined, ip);
  return listOpenSuggestions(db, documentId);
}

async function requireOpen(db: Kysely<Database>, documentId: string, suggestionId: string): Promise<SuggestionView> {
  const suggestion = await findSuggestion(db, suggestionId);
  if (!suggestion || suggestion.document_id !== documentId) throw notFound('Suggestion');
  if (suggestion.status !== 'open') throw conflict(`This suggestion was already ${suggestion.status}.`);
  return suggestion;
}

/**
 * A suggestion named by its id was open when read and decided by someone else before this request
 * could claim it (two editors clicking at once): the same 409 as when it was decided earlier.
 */
async function throwDecidedMeanwhile(db: Kysely<Database>, row: SuggestionView): Promise<never> {
  const now = await findSuggestion(db, row.id);
  throw conflict(`This suggestion was already ${now?.status === 'open' ? 'being decided' : (now?.status ?? 'decided')}.`);
}

const opOf = (row: SuggestionView): SuggestionOp => ({ kind: row.kind, start: row.start_pos, end: row.end_pos, text: row.text, mark: row.mark, block: row.block });

/**
 * Marks a suggestion decided, unless someone decided it first (two editors clicking at once):
 * true when this call won.
 */
async function close(db: Kysely<Database>, suggestionId: string, status: SuggestionStatus, subject: AccessSubject): Promise<boolean> {
  const result = await db
    .updateTable('suggestions')
    .set({ status, decided_by: subject.userId, decided_at: new Date() })
    .where('id', '=', suggestionId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Accepts suggestions in the order given: each is written into the document as the accepting
 * editor (stored, relayed and projected like their own edit). One whose text has gone meanwhile
 * is left open and reported, the others still go in.
 */
export async function acceptSuggestions(
  db: Kysely<Database>,
  hub: SuggestionHub,
  subject: AccessSubject,
  documentId: string,
  suggestionIds: string[] | 'all',
  ip?: string,
): Promise<SuggestionChange & { stale: string[] }> {
  await authorizeOn(db, subject, documentId, 'decide', undefined, ip);
  const rows = suggestionIds === 'all' ? await listOpenSuggestions(db, documentId) : await Promise.all(suggestionIds.map((id) => requireOpen(db, documentId, id)));
  const accepted: SuggestionView[] = [];
  const stale: string[] = [];
  const decidedMeanwhile: SuggestionView[] = [];
  for (const row of rows) {
    // Claimed first: a concurrent accept or reject of the same suggestion finds it decided.
    if (!(await close(db, row.id, 'accepted', subject))) {
      decidedMeanwhile.push(row);
      continue;
    }
    const problem = await hub.applyServerChange(documentId, (doc) => applySuggestion(doc, opOf(row)), subject.userId);
    if (problem) {
      await db.updateTable('suggestions').set({ status: 'open', decided_by: null, decided_at: null }).where('id', '=', row.id).execute();
      stale.push(row.id);
      continue;
    }
    await recordAudit(db, {
      actorUserId: subject.userId,
      action: 'suggestion.accepted',
      objectType: 'document',
      objectId: documentId,
      details: { suggestionId: row.id, authorId: row.author_id },
      ip,
    });
    accepted.push(row);
  }
  if (suggestionIds !== 'all' && stale.length > 0 && accepted.length === 0) {
    throw conflict('The text this suggestion was made on has changed; it can no longer be applied. Reject it or ask for a new one.', { stale });
  }
  if (suggestionIds !== 'all' && decidedMeanwhile.length > 0 && accepted.length === 0) await throwDecidedMeanwhile(db, decidedMeanwhile[0]!);
  return { suggestions: accepted, stale, events: accepted.length > 0 ? [changed(documentId, subject.userId)] : [] };
}

/** Rejects (editors) or withdraws (its author): the suggested text is never written anywhere. */
export async function dismissSuggestions(
  db: Kysely<Database>,
  subject: AccessSubject,
  documentId: string,
  suggestionIds: string[] | 'all',
  ip?: string,
): Promise<SuggestionChange> {
  const rows = suggestionIds === 'all' ? await listOpenSuggestions(db, documentId) : await Promise.all(suggestionIds.map((id) => requireOpen(db, documentId, id)));
  if (suggestionIds === 'all') await authorizeOn(db, subject, documentId, 'decide', undefined, ip);
  const dismissed: SuggestionView[] = [];
  const decidedMeanwhile: SuggestionView[] = [];
  for (const row of rows) {
    const own = row.author_id === subject.userId;
    await authorizeOn(db, subject, documentId, own ? 'withdraw' : 'decide', row.author_id, ip);
    if (!(await close(db, row.id, own ? 'withdrawn' : 'rejected', subject))) {
      decidedMeanwhile.push(row);
      continue;
    }
    if (!own)
      await recordAudit(db, {
        actorUserId: subject.userId,
        action: 'suggestion.rejected',
        objectType: 'document',
        objectId: documentId,
        details: { suggestionId: row.id, authorId: row.author_id },
        ip,
      });
    dismissed.push(row);
  }
  if (suggestionIds !== 'all' && decidedMeanwhile.length > 0 && dismissed.length === 0) await throwDecidedMeanwhile(db, decidedMeanwhile[0]!);
  return { suggestions: dismissed, events: dismissed.length > 0 ? [changed(documentId, subject.userId)] : [] };
}

/** Links the comment thread that discusses a suggestion (created through the comments API). */
export async function linkThread(db: Kysely<Database>, subject: AccessSubject, documentId: string, suggestionId: string, threadId: string, ip?: string): Promise<SuggestionChange> {
  await authorizeOn(db, subject, documentId, 'suggest', undefined, ip);
  const row = await requireOpen(db, documentId, suggestionId);
  const thread = await db.selectFrom('comments').select(['document_id', 'thread_id']).where('id', '=', threadId).executeTakeFirst();
  if (!thread || thread.document_id !== documentId || thread.thread_id !== null) throw new AppError(400, 'unknown_thread', 'No such thread in this document.');
  await db.updateTable('suggestions').set({ thread_id: threadId }).where('id', '=', row.id).where('thread_id', 'is', null).execute();
  return { suggestions: [(await findSuggestion(db, suggestionId))!], events: [changed(documentId, subject.userId)] };
}
