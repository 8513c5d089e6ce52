import { createSignal, onCleanup, type Accessor } from 'solid-js';
import { comments as api, type Comment, type CommentAnchor, type Mentions, type Thread } from '../../../api/comments.ts';
import { onResync, onServerEvent, followRoom } from '../../../realtime/socket.ts';
import { mergeComment } from './thread-list.ts';
import { currentUser } from '../../../state/session.ts';

export interface CommentsStore {
  threads: Accessor<Thread[]>;
  /** the author of the last comment that arrived live from someone else, for screen readers */
  lastArrival: Accessor<{ author: string; at: number } | null>;
  loading: Accessor<boolean>;
  error: Accessor<unknown>;
  reload(): Promise<void>;
  create(body: string, anchor?: CommentAnchor, mentions?: Mentions): Promise<Comment>;
  reply(threadId: string, body: string, mentions?: Mentions): Promise<Comment>;
  edit(commentId: string, body: string, mentions?: Mentions): Promise<Comment>;
  remove(commentId: string): Promise<void>;
  setResolved(threadId: string, resolved: boolean): Promise<void>;
}

/**
 * The comment threads of one document: loaded once, then kept current by the document room's
 * comment:* events (each carries the comment as it now is) and by our own writes' answers.
 * After a reconnection the list is read again; now and then too, for the anchors' status.
 */
export function createCommentsStore(documentId: string): CommentsStore {
  const [threads, setThreads] = createSignal<Thread[]>([]);
  const [loading, setLoading] = createSignal(true);
  const [error, setError] = createSignal<unknown>();
  let generation = 0;

  const reload = async () => {
    const mine = ++generation;
    try {
      const list = await api.list(documentId);
      if (mine === generation) {
        setThreads(list);
        setError(undefined);
      }
    } catch (failure) {
      if (mine === generation) setError(failure);
    } finally {
      if (mine === generation) setLoading(false);
    }
  };
  const [lastArrival, setLastArrival] = createSignal<{ author: string; at: number } | null>(null);
  const apply = (comment: Comment) => {
    if (comment.documentId !== documentId) return;
    setThreads((list) => mergeComment(list, comment));
  };

  const stops = [
    followRoom({ type: 'document', id: documentId }),
    onServerEvent('comment:created', (comment: Comment) => {
      if (comment.documentId === documentId && comment.author.id !== currentUser()?.id) setLastArrival({ author: comment.author.name, at: Date.now() });
      apply(comment);
    }),
    onServerEvent('comment:updated', apply),
    onServerEvent('comment:deleted', apply),
    onServerEvent('comment:resolved', apply),
    onResync(() => void reload()),
  ];
  onCleanup(() => {
    for (const stop of stops) stop();
  });
  void reload();

  const write = async <T extends Comment>(call: Promise<T>): Promise<T> => {
    const comment = await call;
    apply(comment);
    return comment;
  };

  return {
    threads,
    lastArrival,
    loading,
    error,
    reload,
    create: (body, anchor, mentions) => write(api.create(documentId, { body, anchor, mentions })),
    reply: (threadId, body, mentions) => write(api.create(documentId, { body, threadId, mentions })),
    edit: (commentId, body, mentions) => write(api.edit(documentId, commentId, body, mentions)),
    remove: async (commentId) => {
      await api.remove(documentId, commentId);
      // The server sends comment:deleted with the tombstone; until then, show it gone.
      setThreads((list) => list.map((thread) => markDeleted(thread, commentId)));
    },
    setResolved: async (threadId, resolved) => {
      await write(api.resolve(documentId, threadId, resolved));
    },
  };
}

function markDeleted(thread: Thread, commentId: string): Thread {
  if (thread.id === commentId) return { ...thread, deleted: true, body: '' };
  if (!thread.replies.some((reply) => reply.id === commentId)) return thread;
  return { ...thread, replies: thread.replies.map((reply) => (reply.id === commentId ? { ...reply, deleted: true, body: '' } : reply)) };
}
