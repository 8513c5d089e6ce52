import { del, get, patch, post, query } from './client.ts';

/** Comments of a document (server/routes/comments.ts, presenters/comment.ts). */

export type { Comment, CommentAnchor, MeasureAnchor, Mentions, TextAnchor, Thread } from '../../../shared/api/comments.ts';
import type { Comment, CommentAnchor, Mentions, Thread } from '../../../shared/api/comments.ts';

export interface NewComment {
  body: string;
  threadId?: string;
  anchor?: CommentAnchor;
  mentions?: Mentions;
}

const base = (documentId: string) => `/api/documents/${documentId}/comments`;

export const comments = {
  list: (documentId: string) => get<{ threads: Thread[] }>(`${base(documentId)}${query({ limit: 500 })}`).then((r) => r.threads),
  create: (documentId: string, input: NewComment) => post<{ comment: Comment }>(base(documentId), input).then((r) => r.comment),
  edit: (documentId: string, commentId: string, body: string, mentions?: Mentions) =>
    patch<{ comment: Comment }>(`${base(documentId)}/${commentId}`, mentions ? { body, mentions } : { body }).then((r) => r.comment),
  remove: (documentId: string, commentId: string) => del(`${base(documentId)}/${commentId}`),
  resolve: (documentId: string, commentId: string, resolved: boolean) =>
    post<{ comment: Comment }>(`${base(documentId)}/${commentId}/${resolved ? 'resolve' : 'reopen'}`).then((r) => r.comment),
};
