import type { Kysely, Selectable } from 'kysely';
import type { Database, SuggestionsTable } from '../../db/schema.ts';

export type SuggestionView = Selectable<SuggestionsTable> & { author_name: string; author_organisation_id: string };

const base = (db: Kysely<Database>) =>
  db
    .selectFrom('suggestions')
    .innerJoin('users', 'users.id', 'suggestions.author_id')
    .selectAll('suggestions')
    .select(['users.name as author_name', 'users.organisation_id as author_organisation_id']);

export const findSuggestion = (db: Kysely<Database>, id: string): Promise<SuggestionView | undefined> => base(db).where('suggestions.id', '=', id).executeTakeFirst();

export const listOpenSuggestions = (db: Kysely<Database>, documentId: string): Promise<SuggestionView[]> =>
  base(db).where('suggestions.document_id', '=', documentId).where('suggestions.status', '=', 'open').orderBy('suggestions.seq').execute();
