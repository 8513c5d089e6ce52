import { get, post, put } from './client.ts';
import type { Suggestion, SuggestionsDecided } from '../../../shared/api/suggestions.ts';
import type { CreateSuggestionRequest, CreateSuggestionsRequest, LinkThreadRequest } from '../../../shared/api/schemas/suggestions.ts';

/** Suggestions of a document (server/routes/suggestions.ts, presenters/suggestion.ts). */

export type { Suggestion, SuggestionBlock, SuggestionMarkName } from '../../../shared/api/suggestions.ts';

/** One suggestion as the editor builds it: the text and the mark always said, the kind and block for structural changes. */
export type NewSuggestion = Required<Pick<CreateSuggestionRequest, 'start' | 'end' | 'text' | 'mark'>> & Pick<CreateSuggestionRequest, 'kind' | 'block'>;

const base = (documentId: string) => `/api/documents/${documentId}/suggestions`;

export const suggestions = {
  list: (documentId: string) => get<{ suggestions: Suggestion[] }>(base(documentId)).then((r) => r.suggestions),
  create: (documentId: string, list: NewSuggestion[]) =>
    post<{ suggestions: Suggestion[] }>(base(documentId), { suggestions: list } satisfies CreateSuggestionsRequest).then((r) => r.suggestions),
  accept: (documentId: string, id: string) => post<SuggestionsDecided>(`${base(documentId)}/${id}/accept`),
  /** rejects (an editor) or withdraws (its author) */
  reject: (documentId: string, id: string) => post<Pick<SuggestionsDecided, 'decided'>>(`${base(documentId)}/${id}/reject`),
  acceptAll: (documentId: string) => post<SuggestionsDecided>(`${base(documentId)}/accept-all`),
  rejectAll: (documentId: string) => post<Pick<SuggestionsDecided, 'decided'>>(`${base(documentId)}/reject-all`),
  linkThread: (documentId: string, id: string, threadId: string) =>
    put<{ suggestion: Suggestion }>(`${base(documentId)}/${id}/thread`, { threadId } satisfies LinkThreadRequest).then((r) => r.suggestion),
};
