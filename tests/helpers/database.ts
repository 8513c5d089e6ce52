import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from '../../db/schema.ts';
import { openDatabase, type DatabaseHandle } from '../../db/database.ts';
import { migrateToLatest } from '../../db/migrate.ts';

/** The database under test: PostgreSQL when DATABASE_URL is set (CI runs both), else embedded PGlite. */
export const testDatabaseKind = process.env.DATABASE_URL ? 'postgres' : 'pglite';

export interface TestDatabase extends DatabaseHandle {
  /** postgres:// URL of this throwaway database (PostgreSQL only) */
  url?: string;
}

/**
 * Where the migrated template of this test run is (see `prepareMigratedTemplate`): a PGlite dump
 * file, or a database on the PostgreSQL server. Absent outside vitest (benchmarks): then each
 * database is migrated when created.
 */
const PGLITE_TEMPLATE_ENV = 'TANSIQ_TEST_PGLITE_TEMPLATE';
const POSTGRES_TEMPLATE_ENV = 'TANSIQ_TEST_POSTGRES_TEMPLATE';

/**
 * A fresh, migrated, empty database for one test file: an in-memory PGlite, or a throwaway
 * database created on the PostgreSQL server from DATABASE_URL and dropped on close.
 *
 * Migrated = a copy of the run's template, which the real migrations built once at the start of
 * the run (creating PGlite's cluster and migrating it cost seconds per database, a copy a
 * fraction); `migrate: false` gives an empty database, for tests of the migrations themselves.
 */
export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const migrate = options.migrate ?? true;
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) {
    const handle = await openDatabase({ dataDir: 'memory://', ...(migrate ? migratedPGliteTemplate() : {}) });
    if (migrate) await migrateToLatest(handle.db);
    return handle;
  }
  const name = `tansiq_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(baseUrl, createDatabaseStatement(name, migrate));
  const url = withDatabase(baseUrl, name);
  const handle = await openDatabase({ url, poolSize: 5 });
  if (migrate) await migrateToLatest(handle.db);
  return {
    ...handle,
    url,
    close: async () => {
      await handle.close();
      await adminQuery(baseUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** For openDatabase: a new embedded database starts as the run's migrated template, when there is one. */
export function migratedPGliteTemplate(): { initialDump?: string } {
  const file = process.env[PGLITE_TEMPLATE_ENV];
  return file ? { initialDump: file } : {};
}

/** CREATE DATABASE `name`, as a copy of the run's migrated template when `migrated` and there is one. */
export function createDatabaseStatement(name: string, migrated: boolean): string {
  const template = migrated ? process.env[POSTGRES_TEMPLATE_ENV] : undefined;
  return template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`;
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Runs one statement on the server of `url` (CREATE/DROP DATABASE cannot run in a pool's transaction). */
export async function adminQuery(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * Builds the migrated template that `createTestDatabase` copies, with the real migrations, once
 * per test run (vitest's globalSetup, see tests/helpers/global-setup.ts), and says where it is in
 * the environment the test workers inherit. Returns what removes it.
 *
 * The PGlite dump is kept in the temporary folder under a hash of everything it is made of (the
 * migrations, the migrator, PGlite's and Kysely's versions), so later runs on the machine reuse
 * it and a change to any of them builds a new one.
 */
export async function prepareMigratedTemplate(): Promise<() => Promise<void>> {
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) {
    const file = path.join(os.tmpdir(), `tansiq-test-template-${await templateKey()}.tar`);
    if (!existsSync(file)) {
      const pglite = await PGlite.create();
      const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
      await migrateToLatest(db);
      const dump = await pglite.dumpDataDir('none');
      await db.destroy();
      // Written whole, then renamed: a run started meanwhile never reads half a file.
      const partial = `${file}.${process.pid}.partial`;
      await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
      await rename(partial, file);
    }
    process.env[PGLITE_TEMPLATE_ENV] = file;
    return async () => {};
  }
  const name = `tansiq_template_${randomBytes(6).toString('hex')}`;
  await adminQuery(baseUrl, `CREATE DATABASE ${name}`);
  const handle = await openDatabase({ url: withDatabase(baseUrl, name), poolSize: 1 });
  try {
    await migrateToLatest(handle.db);
  } finally {
    // A database is copied only while nobody is connected to it.
    await handle.close();
  }
  process.env[POSTGRES_TEMPLATE_ENV] = name;
  return () => adminQuery(baseUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

/** A hash of what the migrated PGlite template is made of. */
async function templateKey(): Promise<string> {
  const root = path.resolve(import.meta.dirname, '../..');
  const migrationsFolder = path.join(root, 'db/migrations');
  const files = [path.join(root, 'db/migrate.ts'), ...(await readdir(migrationsFolder)).sort().map((name) => path.join(migrationsFolder, name))];
  const hash = createHash('sha256');
  for (const file of files) hash.update(file.slice(root.length)).update(await readFile(file));
  for (const dependency of ['@electric-sql/pglite', 'kysely']) {
    hash.update(await readFile(path.join(root, 'node_modules', dependency, 'package.json')));
  }
  return hash.digest('hex').slice(0, 16);
}
