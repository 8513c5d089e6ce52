import type { AccessLevel } from '../../db/schema.ts';
import { canComment, canEdit } from './document-access.ts';
import { allow, hide, refuse, when, type Policy } from './policy.ts';

/**
 * Suggestions of a document. Suggesting needs the right to comment; deciding (accept, reject)
 * the right to edit, since accepting writes into the document; the author may withdraw their own.
 */
export type SuggestionAction = 'view' | 'suggest' | 'decide' | 'withdraw';

export interface SuggestionFacts {
  /** the actor's level on the document; null when they cannot see it */
  level: AccessLevel | null;
  /** the suggestion's author (absent for a new one) */
  authorId?: string;
}

export const suggestionPolicy: Policy<SuggestionAction, SuggestionFacts> = {
  objectType: 'suggestion',
  label: 'Suggestion',
  decide(actor, action, { level, authorId }) {
    if (!level) return hide({ need: action, had: 'no_access' });
    switch (action) {
      case 'view':
        return allow;
      case 'suggest':
        return when(canComment(level), () => refuse(`Your access to this document is "${level}": you cannot suggest changes.`, { need: action, had: level }));
      case 'decide':
        return when(canEdit(level), () => refuse('Only editors of this document accept or reject suggestions.', { need: action, had: level }));
      case 'withdraw':
        return when(authorId === actor.userId || canEdit(level), () => refuse('Only its author (or an editor) withdraws a suggestion.', { need: action }));
    }
  },
};
