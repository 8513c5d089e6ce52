import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { canView, documentAccess, type DocumentAccessFacts } from '../policies/document-access.ts';

export interface MentionCandidates {
  /** active people who may read the document, whose name has a word starting with what was typed */
  users: Array<{ id: string; name: string; organisationCode: string }>;
  /** organisations whose code is, or whose name (in any language) has a word starting with, what was typed */
  organisations: Array<{ id: string; code: string; names: { fr: string; ar: string; en: string } }>;
}

/** Lower case, no accents, words only: "Karim" finds "Karim Benali" and "karim.benali" finds it too. */
function words(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f\u064b-\u065f\u0670\u0640]/g, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Every typed word starts a different word of the name, in order ("karim", "karim b", "k benali"). */
function nameMatches(name: string, typed: readonly string[]): boolean {
  const have = words(name);
  let from = 0;
  for (const word of typed) {
    const at = have.findIndex((candidate, index) => index >= from && candidate.startsWith(word));
    if (at < 0) return false;
    from = at + 1;
  }
  return typed.length > 0;
}

/**
 * Who or what `@name` may mean for a comment on a document, as the app's mentions would store it
 * (`@[user id]`, `@code`). Only people who may read the document are candidates: a mention must
 * not reveal who has an account (the same rule as resolveMentions). Organisations are public.
 */
export async function findMentionCandidates(db: Kysely<Database>, document: DocumentAccessFacts, typed: string, limit = 10): Promise<MentionCandidates> {
  const wanted = words(typed);
  if (wanted.length === 0) return { users: [], organisations: [] };
  const [people, organisations] = await Promise.all([
    db
      .selectFrom('users')
      .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
      .select(['users.id', 'users.name', 'users.email', 'users.organisation_id', 'users.role', 'organisations.code'])
      .where('users.disabled_at', 'is', null)
      .execute(),
    db.selectFrom('organisations').select(['id', 'code', 'name_fr', 'name_ar', 'name_en']).execute(),
  ]);
  const users = people
    .filter((row) => nameMatches(row.name, wanted) || (wanted.length === 1 && row.email.toLowerCase().split('@')[0] === typed.toLowerCase()))
    .filter((row) => canView(documentAccess({ userId: row.id, organisationId: row.organisation_id, role: row.role }, document)))
    .slice(0, limit)
    .map((row) => ({ id: row.id, name: row.name, organisationCode: row.code }));
  const matching = organisations
    .filter((row) => row.code.toLowerCase() === typed.toLowerCase() || [row.name_fr, row.name_ar, row.name_en].some((name) => nameMatches(name, wanted)))
    .slice(0, limit)
    .map((row) => ({ id: row.id, code: row.code, names: { fr: row.name_fr, ar: row.name_ar, en: row.name_en } }));
  return { users, organisations: matching };
}
