import { get, post, put } from './client.ts';

/** Suggestions of a document (server/routes/suggestions.ts, presenters/suggestion.ts). */

export type SuggestionMarkName = 'bold' | 'italic' | 'underline' | 'strike';

/** 'text': characters or a mark inside one run of text; the others change structure (server/domain/suggestion-blocks.ts) */
export type SuggestionKind = 'text' | 'insert_block' | 'split' | 'join' | 'delete_block' | 'set_block';

export interface SuggestionBlock {
  type?: 'paragraph' | 'heading' | 'list_item' | 'bullet_item' | 'ordered_item';
  level?: number;
  side?: 'before' | 'after';
}

export interface NewSuggestion {
  kind?: SuggestionKind;
  /** structural changes: the new block, or what the paragraph becomes */
  block?: SuggestionBlock | null;
  /** base64 of Y.encodeRelativePosition, both inside one text node of the body */
  start: string;
  end: string;
  /** replaces what lies between start and end ('' deletes it) */
  text: string;
  /** a format change instead of a text change */
  mark: { name: SuggestionMarkName; on: boolean } | null;
}

export interface Suggestion extends NewSuggestion {
  id: string;
  documentId: string;
  author: { id: string; name: string; organisationId: string };
  /** the text the range covered when it was suggested */
  quote: string;
  threadId: string | null;
  status: 'open' | 'accepted' | 'rejected' | 'withdrawn';
  createdAt: string;
}

const base = (documentId: string) => `/api/documents/${documentId}/suggestions`;

export const suggestions = {
  list: (documentId: string) => get<{ suggestions: Suggestion[] }>(base(documentId)).then((r) => r.suggestions),
  create: (documentId: string, list: NewSuggestion[]) => post<{ suggestions: Suggestion[] }>(base(documentId), { suggestions: list }).then((r) => r.suggestions),
  accept: (documentId: string, id: string) => post<{ decided: string[]; stale: string[] }>(`${base(documentId)}/${id}/accept`),
  /** rejects (an editor) or withdraws (its author) */
  reject: (documentId: string, id: string) => post<{ decided: string[] }>(`${base(documentId)}/${id}/reject`),
  acceptAll: (documentId: string) => post<{ decided: string[]; stale: string[] }>(`${base(documentId)}/accept-all`),
  rejectAll: (documentId: string) => post<{ decided: string[] }>(`${base(documentId)}/reject-all`),
  linkThread: (documentId: string, id: string, threadId: string) => put<{ suggestion: Suggestion }>(`${base(documentId)}/${id}/thread`, { threadId }).then((r) => r.suggestion),
};
