import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDownAll, migrateToLatest } from '../../db/migrate.ts';
import { createTestDatabase, testDatabaseKind, type TestDatabase } from '../helpers/database.ts';

const FOUNDATION_TABLES = ['api_tokens', 'audit_log', 'doc_snapshots', 'doc_updates', 'document_access', 'document_partners', 'documents', 'organisations', 'sessions', 'users'];

async function tables(db: Kysely<any>): Promise<string[]> {
  const result = await sql<{ table_name: string }>`
    SELECT table_name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_name NOT LIKE 'kysely_%'
    ORDER BY table_name
  `.execute(db);
  return result.rows.map((row) => row.table_name);
}

describe(`migrations on ${testDatabaseKind}`, () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ migrate: false });
  });
  afterAll(() => database?.close());

  it('start from an empty database', async () => {
    expect(await tables(database.db)).toEqual([]);
  });

  it('create every foundation table, in order, the first time', async () => {
    const applied = await migrateToLatest(database.db);
    expect(applied[0]).toBe('2026_11_28_0001_foundation');
    expect([...applied].sort()).toEqual(applied);
    expect(await tables(database.db)).toEqual(expect.arrayContaining(FOUNDATION_TABLES));
  });

  it('give a working schema: defaults, generated search column and constraints', async () => {
    const db = database.db;
    const organisation = await db
      .insertInto('organisations')
      .values({ code: 'sante', kind: 'ministry', name_fr: 'Santé', name_ar: 'الصحة', name_en: 'Health' })
      .returning(['id', 'created_at'])
      .executeTakeFirstOrThrow();
    expect(organisation.id).toMatch(/^[0-9a-f-]{36}$/);
    const document = await db
      .insertInto('documents')
      .values({ kind: 'note', title: 'Plan de santé', lead_organisation_id: organisation.id, status: 'draft' })
      .returning(['id', sql<string>`search::text`.as('search')])
      .executeTakeFirstOrThrow();
    expect(document.search).toContain('sant');
    await expect(db.insertInto('organisations').values({ code: 'Not Valid', kind: 'ministry', name_fr: 'x', name_ar: 'x', name_en: 'x' }).execute()).rejects.toThrow();
    await db.deleteFrom('documents').execute();
    await db.deleteFrom('organisations').execute();
  });

  it('do nothing when run again', async () => {
    expect(await migrateToLatest(database.db)).toEqual([]);
  });

  it('go all the way down, leaving no table behind', async () => {
    const undone = await migrateDownAll(database.db);
    expect(undone.at(-1)).toBe('2026_11_28_0001_foundation');
    expect(await tables(database.db)).toEqual([]);
  });

  it('come back up after going down', async () => {
    expect(await migrateToLatest(database.db)).toContain('2026_11_28_0001_foundation');
    expect(await tables(database.db)).toEqual(expect.arrayContaining(FOUNDATION_TABLES));
  });
});
