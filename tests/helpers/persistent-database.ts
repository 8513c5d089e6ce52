import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { openDatabase, type DatabaseHandle } from '../../db/database.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { adminQuery, createDatabaseStatement, migratedPGliteTemplate, withDatabase as databaseUrl } from './database.ts';
import { loadConfig } from '../../server/config.ts';
import { startServer, type RunningServer, type StartOptions } from '../../server/server.ts';
import { TEST_METRICS_ENV } from './child-server.ts';

/**
 * A database that outlives the servers started on it, for restart and crash tests: a PGlite data
 * folder in a temporary directory, or a throwaway database on the PostgreSQL server of
 * DATABASE_URL. `env` is what a server process needs to find it.
 */
export interface PersistentDatabase {
  env: Record<string, string>;
  /** opens it directly (PGlite: only while no server holds the folder) */
  open(): Promise<DatabaseHandle>;
  dispose(): Promise<void>;
}

export async function createPersistentDatabase(): Promise<PersistentDatabase> {
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tansiq-test-'));
    // The folder starts as the run's migrated template (written and synced like one made by initdb).
    const database = await persistentDatabaseAt({ dataDir: dir }, migratedPGliteTemplate());
    return { ...database, dispose: () => fs.rm(dir, { recursive: true, force: true }) };
  }
  const name = `tansiq_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(baseUrl, createDatabaseStatement(name, true));
  const database = await persistentDatabaseAt({ url: databaseUrl(baseUrl, name) });
  return { ...database, dispose: () => adminQuery(baseUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/**
 * A migrated database where the test says: a PGlite folder (on a volume the test breaks), or a
 * PostgreSQL database (on a server of its own). Disposing of it is the test's business.
 * `created.initialDump`: what a new PGlite folder starts as (else initdb's empty cluster).
 */
export async function persistentDatabaseAt(where: { dataDir: string } | { url: string }, created: { initialDump?: string } = {}): Promise<PersistentDatabase> {
  const open = 'url' in where ? () => openDatabase({ url: where.url, poolSize: 3 }) : () => openDatabase({ dataDir: where.dataDir });
  const handle = 'url' in where ? await open() : await openDatabase({ dataDir: where.dataDir, ...created });
  await migrateToLatest(handle.db);
  await handle.close();
  return {
    env: 'url' in where ? { DATABASE_URL: where.url } : { TANSIQ_DATA_DIR: where.dataDir },
    open,
    dispose: async () => {},
  };
}

/** Opens the database, runs `work`, closes it again (so a PGlite folder is free for a server). */
export async function withDatabase<T>(database: PersistentDatabase, work: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const handle = await database.open();
  try {
    return await work(handle);
  } finally {
    await handle.close();
  }
}

/**
 * A server in this process over a persistent database; it opens the database itself and closes it
 * on `close()`, as a real process would. Pass the previous `port` to restart where clients expect it.
 */
export async function startServerOn(database: PersistentDatabase, env: Record<string, string> = {}, options: Omit<StartOptions, 'database'> = {}): Promise<RunningServer> {
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', TANSIQ_DEMO: 'false', ...TEST_METRICS_ENV, ...database.env, ...env });
  return startServer(config, { logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }), ...options });
}
