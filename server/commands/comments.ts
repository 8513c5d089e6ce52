import type { Kysely } from 'kysely';
import type { CommentAnchor, Database } from '../../db/schema.ts';
import { AppError, notFound } from '../errors.ts';
import type { CommentMeasure, DomainEvent } from '../events/bus.ts';
import { recordEvents } from '../events/outbox.ts';
import { findMeasure, readMeasure } from '../../shared/doc-schema.ts';
import { anchorState, checkAnchor, layoutBody, type AnchorProblem, type AnchorState } from '../domain/comment-anchors.ts';
import type { AccessSubject } from '../policies/document-access.ts';
import type { CreateCommentInput, ListCommentsQuery } from '../../shared/api/schemas/comments.ts';
import type { DocumentContent } from '../queries/comments-content.ts';
import { mentionRecipients, resolveMentions } from '../queries/comments-mentions.ts';
import { findComment, listThreads, type CommentView, type ThreadRows } from '../queries/comments.ts';
import { sessionTagFor } from '../queries/comments-session.ts';
import { requireDocument } from '../queries/document-guard.ts';
import { accessFacts } from '../queries/documents.ts';

/** What a comment write did: the comment as it now is, and the events to announce once committed. */
export interface CommentChange {
  comment: CommentView;
  events: DomainEvent[];
}

const ANCHOR_PROBLEMS: Record<AnchorProblem, string> = {
  malformed: 'is not an encoded Yjs relative position',
  outside: 'does not point into the text of this document',
  empty: 'selects no text (it may just have been deleted)',
  unknown_measure: 'names no measure of this document',
};

export async function createComment(
  db: Kysely<Database>,
  content: DocumentContent,
  subject: AccessSubject,
  documentId: string,
  input: CreateCommentInput,
  ip?: string,
  /** more to write in the comment's own transaction (the Slack bot notes where a reply came from) */
  alongside?: (trx: Kysely<Database>, commentId: string) => Promise<void>,
): Promise<CommentChange> {
  const document = await requireDocument(db, subject, documentId, 'comment', ip);
  const threadAnchor = input.threadId ? await requireThread(db, documentId, input.threadId) : null;
  if (input.anchor) await assertAnchor(content, documentId, input.anchor);
  const measure = await measureAbout(content, documentId, input.anchor ?? threadAnchor);
  const mentions = await resolveMentions(db, accessFacts(document.row, document.grants), input.body, input.mentions);
  const tag = await sessionTagFor(db, subject, documentId, input);
  const recipients = (await mentionRecipients(db, mentions)).filter((userId) => userId !== subject.userId);

  const { id, events } = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('comments')
      .values({
        document_id: documentId,
        thread_id: input.threadId ?? null,
        author_id: subject.userId,
        body: input.body,
        anchor: input.anchor ? JSON.stringify(input.anchor) : null,
        mentioned_user_ids: mentions.userIds,
        mentioned_organisation_ids: mentions.organisationIds,
        session_id: tag.sessionId,
        agenda_item_id: tag.agendaItemId,
      })
      .returning(['id', 'thread_id', 'session_id'])
      .executeTakeFirstOrThrow();
    const events: DomainEvent[] = [
      {
        type: 'comment.created',
        documentId,
        commentId: row.id,
        threadId: row.thread_id,
        actorUserId: subject.userId,
        sessionId: row.session_id,
        mentionedUserIds: recipients,
        ...(measure ? { measure } : {}),
      },
    ];
    if (recipients.length > 0) events.push({ type: 'mention', documentId, commentId: row.id, actorUserId: subject.userId, userIds: recipients, ...(measure ? { measure } : {}) });
    // In the comment's own transaction: stored comment, stored notification (see events/outbox.ts).
    await recordEvents(trx, events);
    if (alongside) await alongside(trx, row.id);
    return { id: row.id, events };
  });

  const comment = (await findComment(db, id))!;
  return { comment, events };
}

export interface ThreadWithAnchor extends ThreadRows {
  anchor: AnchorState | null;
}

/** The threads a reader may see, each with where its anchor stands in the current Y.Doc. */
export async function listComments(
  db: Kysely<Database>,
  content: DocumentContent,
  subject: AccessSubject,
  documentId: string,
  filter: ListCommentsQuery,
  ip?: string,
): Promise<ThreadWithAnchor[]> {
  await requireDocument(db, subject, documentId, 'view', ip);
  const threads = await listThreads(db, documentId, subject.userId, filter);
  if (!threads.some((thread) => thread.root.anchor)) return threads.map((thread) => ({ ...thread, anchor: null }));
  // One read of the document and one layout of its body for all anchors.
  return content(documentId, (doc) => {
    const layout = layoutBody(doc);
    return threads.map((thread) => ({ ...thread, anchor: thread.root.anchor ? anchorState(doc, thread.root.anchor, layout) : null }));
  });
}

/** One comment, for whoever may see its document (a notification links to it). */
export async function readComment(db: Kysely<Database>, subject: AccessSubject, documentId: string, commentId: string, ip?: string): Promise<CommentView> {
  await requireDocument(db, subject, documentId, 'view', ip);
  return requireComment(db, documentId, commentId);
}

/** A reply goes under the first comment of a thread of the same document; returns the thread's anchor. */
async function requireThread(db: Kysely<Database>, documentId: string, threadId: string): Promise<CommentAnchor | null> {
  const root = await db.selectFrom('comments').select(['document_id', 'thread_id', 'anchor']).where('id', '=', threadId).executeTakeFirst();
  if (!root || root.document_id !== documentId) throw new AppError(400, 'unknown_thread', 'No such thread in this document.');
  if (root.thread_id !== null) throw new AppError(400, 'unknown_thread', 'Reply to the first comment of the thread (its threadId), not to a reply.');
  return root.anchor;
}

/**
 * The measure a comment is about (its own anchor, or its thread's), titled as it is now, so that
 * notifications and Slack messages can name it. Null for text threads and unanchored ones.
 */
async function measureAbout(content: DocumentContent, documentId: string, anchor: CommentAnchor | null): Promise<CommentMeasure | null> {
  if (anchor?.type !== 'measure') return null;
  const title = await content(documentId, (doc) => {
    const map = findMeasure(doc, anchor.measureId);
    return map ? readMeasure(map).title : null;
  });
  return { id: anchor.measureId, title: title ?? '' };
}

async function assertAnchor(content: DocumentContent, documentId: string, anchor: CommentAnchor): Promise<void> {
  const problem = await content(documentId, (doc) => checkAnchor(doc, anchor));
  if (!problem) return;
  const field = anchor.type === 'measure' ? 'anchor.measureId' : 'anchor';
  throw new AppError(400, 'invalid_anchor', `The anchor ${ANCHOR_PROBLEMS[problem]}.`, [{ path: field, message: ANCHOR_PROBLEMS[problem], reason: problem }]);
}

/** The comment `commentId` of document `documentId`, or 404 (a comment id of another document tells nothing). */
export async function requireComment(db: Kysely<Database>, documentId: string, commentId: string): Promise<CommentView> {
  const comment = await findComment(db, commentId);
  if (!comment || comment.document_id !== documentId) throw notFound('Comment');
  return comment;
}
