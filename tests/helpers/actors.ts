import { expect } from 'vitest';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { ApiClient } from './http.ts';
import { PASSWORD } from './fixtures.ts';

/** Signs a fixture user in (cookie session) and fails the test if that does not work. */
export async function signIn(baseUrl: string, email: string, password = PASSWORD): Promise<ApiClient> {
  const api = new ApiClient(baseUrl);
  const response = await api.login(email, password);
  expect(response.status, `sign-in of ${email}`).toBe(200);
  return api;
}

/** Audit entries for one action (oldest first), to assert what was recorded. */
export function auditEntries(db: Kysely<Database>, action: string) {
  return db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();
}

/** Number of rows in a table, to show that a refused request wrote nothing. */
export async function countRows(db: Kysely<Database>, table: keyof Database): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
