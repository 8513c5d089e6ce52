import type { Kysely } from 'kysely';
import type { Database, Locale } from '../../db/schema.ts';
import { parseMentions, type MentionNames } from '../../shared/mentions.ts';

const NAME_COLUMN = { fr: 'name_fr', ar: 'name_ar', en: 'name_en' } as const;

/**
 * The names of everyone and every organisation the bodies mention, to show them as names (Slack
 * messages, exports); organisations in `locale`. Three small queries whatever the number of bodies.
 */
export async function loadMentionNames(db: Kysely<Database>, bodies: readonly string[], locale: Locale): Promise<MentionNames> {
  const parsed = bodies.map(parseMentions);
  const ids = [...new Set(parsed.flatMap((entry) => entry.userIds))];
  const emails = [...new Set(parsed.flatMap((entry) => entry.emails))];
  const codes = [...new Set(parsed.flatMap((entry) => entry.organisationCodes))];
  const [byId, byEmail, organisations] = await Promise.all([
    ids.length ? db.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).execute() : [],
    emails.length
      ? db
          .selectFrom('users')
          .select(['email', 'name'])
          .where((eb) => eb(eb.fn('lower', ['email']), 'in', emails))
          .execute()
      : [],
    codes.length ? db.selectFrom('organisations').select(['code', NAME_COLUMN[locale]]).where('code', 'in', codes).execute() : [],
  ]);
  return {
    users: new Map(byId.map((row) => [row.id.toLowerCase(), row.name])),
    emails: new Map(byEmail.map((row) => [row.email.toLowerCase(), row.name])),
    organisations: new Map(organisations.map((row) => [row.code.toLowerCase(), (row as Record<string, string>)[NAME_COLUMN[locale]]!])),
  };
}
