import { del, get, patch, post, query } from './client.ts';

/** Comments of a document (server/routes/comments.ts, presenters/comment.ts). */

export interface TextAnchor {
  type: 'text';
  /** base64 of Y.encodeRelativePosition, inside the document's body */
  start: string;
  end: string;
  /** the text selected when the thread was opened */
  quote: string;
}

export interface MeasureAnchor {
  type: 'measure';
  measureId: string;
}

export type CommentAnchor = TextAnchor | MeasureAnchor;

export interface Mentions {
  userIds: string[];
  organisationIds: string[];
}

export interface Comment {
  id: string;
  documentId: string;
  /** the first comment of the thread; null for that first comment itself */
  threadId: string | null;
  author: { id: string; name: string; organisationId: string };
  body: string;
  mentions: Mentions;
  anchor: CommentAnchor | null;
  sessionId: string | null;
  agendaItemId: string | null;
  resolved: boolean;
  resolvedAt: string | null;
  resolvedBy: string | null;
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
  deletedAt: string | null;
}

export interface Thread extends Comment {
  anchorStatus: 'attached' | 'detached' | null;
  anchorText: string | null;
  replies: Comment[];
}

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
