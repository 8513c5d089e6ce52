import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { PreferenceKey } from '../../shared/user-preferences.ts';

export interface StoredPreference {
  key: PreferenceKey;
  value: unknown;
  updatedAt: Date | null;
}

export async function readPreference(db: Kysely<Database>, userId: string, key: PreferenceKey): Promise<StoredPreference> {
  const row = await db.selectFrom('user_preferences').select(['value', 'updated_at']).where('user_id', '=', userId).where('key', '=', key).executeTakeFirst();
  return { key, value: row?.value ?? null, updatedAt: row?.updated_at ?? null };
}

/** Replaces the whole value: the client sends what it shows, so the last write is what they see. */
export async function writePreference(db: Kysely<Database>, userId: string, key: PreferenceKey, value: unknown): Promise<StoredPreference> {
  const json = JSON.stringify(value);
  const row = await db
    .insertInto('user_preferences')
    .values({ user_id: userId, key, value: json })
    .onConflict((oc) => oc.columns(['user_id', 'key']).doUpdateSet({ value: json, updated_at: new Date() }))
    .returning(['value', 'updated_at'])
    .executeTakeFirstOrThrow();
  return { key, value: row.value, updatedAt: row.updated_at };
}

export async function deletePreference(db: Kysely<Database>, userId: string, key: PreferenceKey): Promise<void> {
  await db.deleteFrom('user_preferences').where('user_id', '=', userId).where('key', '=', key).execute();
}
