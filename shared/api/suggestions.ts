/** Suggestions as the API and socket.io present them (server/presenters/suggestion.ts). */
import type { SuggestionStatus } from '../enums.ts';

/** 'text': characters or a mark inside one run of text; the others change structure (server/domain/suggestion-blocks.ts) */
export const SUGGESTION_KINDS = ['text', 'insert_block', 'split', 'join', 'delete_block', 'set_block'] as const;
export type SuggestionKind = (typeof SUGGESTION_KINDS)[number];
export const SUGGESTION_MARKS = ['bold', 'italic', 'underline', 'strike'] as const;
export type SuggestionMarkName = (typeof SUGGESTION_MARKS)[number];
export const MAX_SUGGESTION_TEXT = 5000;

export interface SuggestionBlock {
  type?: 'paragraph' | 'heading' | 'list_item' | 'bullet_item' | 'ordered_item';
  level?: number;
  side?: 'before' | 'after';
}

/** A format change: a mark of the rich-text schema put on (`on`) or taken off the range. */
export interface SuggestionMark {
  name: SuggestionMarkName;
  on: boolean;
}

export interface Suggestion {
  id: string;
  documentId: string;
  author: { id: string; name: string; organisationId: string };
  kind: SuggestionKind;
  /** structural changes: the new block, or what the paragraph becomes */
  block: SuggestionBlock | null;
  /** base64 of Y.encodeRelativePosition, both inside one text node of the body */
  start: string;
  end: string;
  /** replaces what lies between start and end ('' deletes it) */
  text: string;
  /** a format change instead of a text change */
  mark: SuggestionMark | null;
  /** the text the range covered when it was suggested */
  quote: string;
  threadId: string | null;
  status: SuggestionStatus;
  createdAt: string;
}

/** POST …/accept, …/accept-all (stale: no longer applicable, left open); …/reject, …/reject-all have no `stale` */
export interface SuggestionsDecided {
  decided: string[];
  stale: string[];
}
