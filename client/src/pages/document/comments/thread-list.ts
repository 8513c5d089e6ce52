import type { Comment, Thread } from '../../../api/comments.ts';
import { unreachable } from '../../../../../shared/unreachable.ts';

/**
 * Pure operations on the list of threads a document page shows: merging a comment that arrived
 * (created, edited, deleted, resolved — upsert by id), filtering and counting.
 */

/** Puts `comment` where it belongs: a thread of its own, or a reply of its thread (created or replaced). */
export function mergeComment(threads: readonly Thread[], comment: Comment): Thread[] {
  if (comment.threadId === null) {
    const index = threads.findIndex((thread) => thread.id === comment.id);
    if (index < 0) {
      const created: Thread = {
        ...comment,
        anchorStatus: comment.anchor ? 'attached' : null,
        anchorText: comment.anchor?.type === 'text' ? comment.anchor.quote : null,
        replies: [],
      };
      return [...threads, created];
    }
    const current = threads[index]!;
    const next = [...threads];
    next[index] = { ...current, ...comment, anchorStatus: current.anchorStatus, anchorText: current.anchorText, replies: current.replies };
    return next;
  }
  const index = threads.findIndex((thread) => thread.id === comment.threadId);
  if (index < 0) return [...threads];
  const thread = threads[index]!;
  const at = thread.replies.findIndex((reply) => reply.id === comment.id);
  const replies = at < 0 ? [...thread.replies, comment] : thread.replies.map((reply) => (reply.id === comment.id ? comment : reply));
  replies.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const next = [...threads];
  next[index] = { ...thread, replies };
  return next;
}

export type ThreadFilter = 'open' | 'resolved' | 'mine' | 'session' | 'all';

export interface FilterContext {
  myUserId: string | null;
  /** the live session the page is shown in, for the "this session" filter */
  sessionId: string | null;
  /** only threads about this measure */
  measureId: string | null;
}

/** Whether I took part in a thread: I wrote its first comment or a reply. */
const involves = (thread: Thread, userId: string | null) =>
  userId !== null && (thread.author.id === userId || thread.replies.some((reply) => reply.author.id === userId && !reply.deleted));

/** A thread whose every comment is deleted says nothing any more. */
const isEmpty = (thread: Thread) => thread.deleted && thread.replies.every((reply) => reply.deleted);

export function filterThreads(threads: readonly Thread[], filter: ThreadFilter, context: FilterContext): Thread[] {
  return threads
    .filter((thread) => !isEmpty(thread))
    .filter((thread) => (context.measureId ? thread.anchor?.type === 'measure' && thread.anchor.measureId === context.measureId : true))
    .filter((thread) => {
      switch (filter) {
        case 'open':
          return !thread.resolved;
        case 'resolved':
          return thread.resolved;
        case 'mine':
          return involves(thread, context.myUserId);
        case 'session':
          return context.sessionId !== null && (thread.sessionId === context.sessionId || thread.replies.some((reply) => reply.sessionId === context.sessionId));
        case 'all':
          return true;
        default:
          return unreachable(filter);
      }
    });
}

/** Open threads per measure id, for the badges of the measures table. */
export function openThreadsPerMeasure(threads: readonly Thread[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const thread of threads) {
    if (thread.anchor?.type !== 'measure' || thread.resolved || isEmpty(thread)) continue;
    counts.set(thread.anchor.measureId, (counts.get(thread.anchor.measureId) ?? 0) + 1);
  }
  return counts;
}

/** The thread holding comment `commentId` (its first comment or a reply). */
export function threadOf(threads: readonly Thread[], commentId: string): Thread | undefined {
  return threads.find((thread) => thread.id === commentId || thread.replies.some((reply) => reply.id === commentId));
}
