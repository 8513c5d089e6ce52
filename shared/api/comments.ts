/** Comments as the API and socket.io present them (server/presenters/comment.ts). */

/** An encoded Yjs relative position is ~10–40 bytes; anything much longer is not one. */
export const MAX_POSITION_CHARS = 256;

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
