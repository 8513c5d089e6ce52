import { del, get, patch, post, query } from './client.ts';
import type { Comment, Mentions, Thread } from '../../../shared/api/comments.ts';
import type { CreateCommentRequest, ListCommentsRequest, UpdateCommentRequest } from '../../../shared/api/schemas/comments.ts';

/** Comments of a document (server/routes/comments.ts, presenters/comment.ts). */

export type { Comment, CommentAnchor, Mentions, TextAnchor, Thread } from '../../../shared/api/comments.ts';

export type NewComment = Pick<CreateCommentRequest, 'body' | 'threadId' | 'anchor' | 'mentions'>;

const base = (documentId: string) => `/api/documents/${documentId}/comments`;

export const comments = {
  list: (documentId: string) => get<{ threads: Thread[] }>(`${base(documentId)}${query({ limit: 500 } satisfies ListCommentsRequest)}`).then((r) => r.threads),
  create: (documentId: string, input: NewComment) => post<{ comment: Comment }>(base(documentId), input).then((r) => r.comment),
  edit: (documentId: string, commentId: string, body: string, mentions?: Mentions) =>
    patch<{ comment: Comment }>(`${base(documentId)}/${commentId}`, (mentions ? { body, mentions } : { body }) satisfies UpdateCommentRequest).then((r) => r.comment),
  remove: (documentId: string, commentId: string) => del(`${base(documentId)}/${commentId}`),
  resolve: (documentId: string, commentId: string, resolved: boolean) =>
    post<{ comment: Comment }>(`${base(documentId)}/${commentId}/${resolved ? 'resolve' : 'reopen'}`).then((r) => r.comment),
};
