import type { AnchorState } from '../domain/comment-anchors.ts';
import type { CommentView, ThreadRows } from '../queries/comments.ts';
import type { Comment, Thread } from '../../shared/api/comments.ts';

/**
 * One comment as clients see it (REST and socket.io alike). A deleted comment keeps its place
 * (replies may hang on it) but shows neither its text nor its mentions.
 */
export function presentComment(row: CommentView): Comment {
  const deleted = row.deleted_at !== null;
  return {
    id: row.id,
    documentId: row.document_id,
    threadId: row.thread_id,
    author: { id: row.author_id, name: row.author_name, organisationId: row.author_organisation_id },
    body: deleted ? '' : row.body,
    mentions: { userIds: deleted ? [] : row.mentioned_user_ids, organisationIds: deleted ? [] : row.mentioned_organisation_ids },
    anchor: row.anchor,
    sessionId: row.session_id,
    agendaItemId: row.agenda_item_id,
    resolved: row.resolved_at !== null,
    resolvedAt: row.resolved_at?.toISOString() ?? null,
    resolvedBy: row.resolved_by,
    createdAt: row.created_at.toISOString(),
    editedAt: row.edited_at?.toISOString() ?? null,
    deleted,
    deletedAt: row.deleted_at?.toISOString() ?? null,
  };
}

/**
 * A thread: its first comment, where its anchor stands now (`attached` / `detached`, null when it
 * has no anchor) with the text it currently covers, and its replies.
 */
export function presentThread(thread: ThreadRows, anchor: AnchorState | null): Thread {
  return {
    ...presentComment(thread.root),
    anchorStatus: anchor?.status ?? null,
    anchorText: anchor?.text ?? null,
    replies: thread.replies.map(presentComment),
  };
}
