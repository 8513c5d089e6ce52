import type { SuggestionView } from '../queries/suggestions.ts';
import type { Suggestion } from '../../shared/api/suggestions.ts';

/** A suggestion as clients see it (REST and socket.io alike). */
export function presentSuggestion(row: SuggestionView): Suggestion {
  return {
    id: row.id,
    documentId: row.document_id,
    author: { id: row.author_id, name: row.author_name, organisationId: row.author_organisation_id },
    start: row.start_pos,
    end: row.end_pos,
    text: row.text,
    quote: row.quote,
    mark: row.mark,
    kind: row.kind,
    block: row.block,
    threadId: row.thread_id,
    status: row.status,
    createdAt: row.created_at.toISOString(),
  };
}
