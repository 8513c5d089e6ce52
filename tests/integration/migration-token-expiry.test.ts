import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tokenExpiry from '../../db/migrations/2026_12_04_0101_token_expiry_login_throttle.ts';
import { createTestDatabase, testDatabaseKind, type TestDatabase } from '../helpers/database.ts';
import { organisation, user } from '../helpers/fixtures.ts';

describe(`token expiry migration on ${testDatabaseKind}`, () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database?.close());

  it('gives tokens made "until revoked" a year from their creation, and every new token 90 days by default', async () => {
    const db = database.db;
    const owner = await user(db, (await organisation(db, 'sante')).id, 'amina@sante.gov.ma');
    // As before the migration: a token without expiry, made in March.
    await tokenExpiry.down(db);
    const createdAt = new Date('2026-03-01T10:00:00Z');
    const old = await db
      .insertInto('api_tokens')
      .values({ user_id: owner.id, name: 'ancien', token_hash: 'h1', prefix: 'tsq_ab', created_at: createdAt, expires_at: null as unknown as Date })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tokenExpiry.up(db);
    const migrated = await db.selectFrom('api_tokens').select('expires_at').where('id', '=', old.id).executeTakeFirstOrThrow();
    expect(migrated.expires_at.toISOString()).toBe('2027-03-01T10:00:00.000Z');
    const fresh = await db
      .insertInto('api_tokens')
      .values({ user_id: owner.id, name: 'neuf', token_hash: 'h2', prefix: 'tsq_cd' })
      .returning(['created_at', 'expires_at'])
      .executeTakeFirstOrThrow();
    expect(Math.round((fresh.expires_at.getTime() - fresh.created_at.getTime()) / 86_400_000)).toBe(90);
    await expect(
      db
        .updateTable('api_tokens')
        .set({ expires_at: null as unknown as Date })
        .where('id', '=', old.id)
        .execute(),
    ).rejects.toThrow();
  });
});
