import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError, conflict } from '../errors.ts';
import { authorize } from '../policies/authorize.ts';
import { commentPolicy } from '../policies/comment.ts';
import type { DomainEvent } from '../events/bus.ts';
import { recordEvents } from '../events/outbox.ts';
import type { AccessSubject } from '../policies/document-access.ts';
import type { UpdateCommentInput } from '../../shared/api/schemas/comments.ts';
import { recordAudit } from './audit.ts';
import { requireComment, type CommentChange } from './comments.ts';
import { mentionRecipients, resolveMentions } from '../queries/comments-mentions.ts';
import { findComment } from '../queries/comments.ts';
import { requireDocument } from '../queries/document-guard.ts';
import { accessFacts } from '../queries/documents.ts';

/**
 * Changes the body of one's own comment. People newly mentioned are told; those already told are
 * not told again. The comment's row is locked while its mentions are compared, so the same edit
 * sent twice at once tells each person once, and an edit that comes after a deletion is refused.
 */
export async function editComment(
  db: Kysely<Database>,
  subject: AccessSubject,
  documentId: string,
  commentId: string,
  input: UpdateCommentInput,
  ip?: string,
): Promise<CommentChange> {
  const document = await requireDocument(db, subject, documentId, 'comment', ip);
  const before = await requireComment(db, documentId, commentId);
  await authorize({ db, ip }, subject, commentPolicy, 'edit', { id: commentId, facts: { authorId: before.author_id } });
  if (before.deleted_at) throw conflict('This comment was deleted.');
  const mentions = await resolveMentions(db, accessFacts(document.row, document.grants), input.body, input.mentions);

  const events = await db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('comments')
      .select(['deleted_at', 'mentioned_user_ids', 'mentioned_organisation_ids'])
      .where('id', '=', commentId)
      .forNoKeyUpdate()
      .executeTakeFirstOrThrow();
    if (current.deleted_at) throw conflict('This comment was deleted.');
    const told = new Set(await mentionRecipients(trx, { userIds: current.mentioned_user_ids, organisationIds: current.mentioned_organisation_ids }));
    const newlyMentioned = (await mentionRecipients(trx, mentions)).filter((userId) => !told.has(userId) && userId !== subject.userId);
    const events: DomainEvent[] = [{ type: 'comment.updated', documentId, commentId, actorUserId: subject.userId }];
    if (newlyMentioned.length > 0) events.push({ type: 'mention', documentId, commentId, actorUserId: subject.userId, userIds: newlyMentioned });
    await trx
      .updateTable('comments')
      .set({ body: input.body, mentioned_user_ids: mentions.userIds, mentioned_organisation_ids: mentions.organisationIds, edited_at: new Date() })
      .where('id', '=', commentId)
      .execute();
    // The new mentions are told once committed, whatever happens to the process (events/outbox.ts).
    await recordEvents(trx, events);
    return events;
  });
  return { comment: (await findComment(db, commentId))!, events };
}

/**
 * Soft-deletes a comment: its text goes, its place in the thread stays (replies keep their
 * context). Authors delete their own; the coordination unit may remove anyone's, and that is audited.
 */
export async function deleteComment(db: Kysely<Database>, subject: AccessSubject, documentId: string, commentId: string, ip?: string): Promise<CommentChange> {
  await requireDocument(db, subject, documentId, 'comment', ip);
  const before = await requireComment(db, documentId, commentId);
  await authorize({ db, ip }, subject, commentPolicy, 'delete', { id: commentId, facts: { authorId: before.author_id } });
  const own = before.author_id === subject.userId;
  if (before.deleted_at) return { comment: before, events: [] };

  // Only the request that actually deletes it records and announces it, when two race.
  const deleted = await db.transaction().execute(async (trx) => {
    const row = await trx.updateTable('comments').set({ deleted_at: new Date() }).where('id', '=', commentId).where('deleted_at', 'is', null).returning('id').executeTakeFirst();
    if (!row) return false;
    await recordAudit(trx, {
      actorUserId: subject.userId,
      action: 'comment.deleted',
      objectType: 'comment',
      objectId: commentId,
      details: { documentId, authorId: before.author_id, moderated: !own },
      ip,
    });
    return true;
  });
  const comment = (await findComment(db, commentId))!;
  if (!deleted) return { comment, events: [] };
  return { comment, events: [{ type: 'comment.deleted', documentId, commentId, actorUserId: subject.userId }] };
}

/** Resolves or reopens a thread (anyone who may comment). Asking for the state it is already in changes nothing. */
export async function setThreadResolved(
  db: Kysely<Database>,
  subject: AccessSubject,
  documentId: string,
  commentId: string,
  resolved: boolean,
  ip?: string,
): Promise<CommentChange> {
  await requireDocument(db, subject, documentId, 'comment', ip);
  const before = await requireComment(db, documentId, commentId);
  if (before.thread_id !== null) throw new AppError(400, 'not_a_thread', 'Resolve or reopen the thread through its first comment (the threadId of this reply).');
  if ((before.resolved_at !== null) === resolved) return { comment: before, events: [] };

  // Only the request that actually flips the state announces it, when two race.
  const event: DomainEvent = { type: 'comment.resolved', documentId, commentId, actorUserId: subject.userId, resolved };
  const changed = await db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('comments')
      .set(resolved ? { resolved_at: new Date(), resolved_by: subject.userId } : { resolved_at: null, resolved_by: null })
      .where('id', '=', commentId)
      .where('resolved_at', resolved ? 'is' : 'is not', null)
      .returning('id')
      .executeTakeFirst();
    // Slack cards showing the thread are drawn again from the outbox (events/outbox.ts).
    if (row) await recordEvents(trx, [event]);
    return row;
  });
  const comment = (await findComment(db, commentId))!;
  if (!changed) return { comment, events: [] };
  return { comment, events: [event] };
}
