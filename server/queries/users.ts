import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

/** An active user as a permission subject, with what messages to them need. */
const PERSON = ['users.id as userId', 'users.organisation_id as organisationId', 'users.role', 'users.name', 'users.email', 'users.locale'] as const;

/** An active (not disabled) user, or undefined. */
export function findActiveUser(db: Kysely<Database>, id: string) {
  return db.selectFrom('users').select(PERSON).where('users.id', '=', id).where('users.disabled_at', 'is', null).executeTakeFirst();
}

/** The active user with this address (compared in lower case), or undefined. */
export function findActiveUserByEmail(db: Kysely<Database>, email: string) {
  return db
    .selectFrom('users')
    .select(PERSON)
    .where((eb) => eb(eb.fn('lower', ['users.email']), '=', email.trim().toLowerCase()))
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();
}

/** Those of these users who are active. */
export async function activeUsers(db: Kysely<Database>, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('users')
    .select(PERSON)
    .where('users.id', 'in', [...ids])
    .where('users.disabled_at', 'is', null)
    .execute();
}

/** Names of users by id (disabled ones too: a name in a history stays). */
export async function userNames(db: Kysely<Database>, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'name']).where('id', 'in', unique).execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** The active users of some organisations. */
export async function activeUsersOf(db: Kysely<Database>, organisationIds: readonly string[]) {
  if (organisationIds.length === 0) return [];
  return db
    .selectFrom('users')
    .select(PERSON)
    .where('users.organisation_id', 'in', [...organisationIds])
    .where('users.disabled_at', 'is', null)
    .execute();
}
