import fs from 'node:fs/promises';
import path from 'node:path';
import { Kysely, PGliteDialect, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { RemotePGlite } from './pglite-remote.ts';
import { createPostgresPool } from './postgres-pool.ts';
import type { Database } from './schema.ts';

export type DatabaseKind = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: DatabaseKind;
  /** true when the database answers a trivial query */
  ping(): Promise<boolean>;
  /** null when the database answers a trivial query, else why not */
  problem(): Promise<string | null>;
  /** the embedded database's folder; undefined for PostgreSQL or in memory */
  dataDir?: string;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… — when absent, the embedded PGlite database is used */
  url?: string;
  /** folder for the embedded database; `memory://` keeps it in memory (tests) */
  dataDir?: string;
  poolSize?: number;
  /** no database call waits longer than this (DATABASE_QUERY_TIMEOUT_MS) */
  queryTimeoutMs?: number;
  /** embedded only: a dump (tar, PGlite's dumpDataDir) a new database starts as; tests start from a migrated one */
  initialDump?: string;
}

export const DEFAULT_QUERY_TIMEOUT_MS = 30_000;
/** an embedded database that answered a request this recently, with more waiting, counts as up (see RemotePGlite.busyAndAnswering) */
const BUSY_ANSWER_MS = 500;

const INT8_OID = 20;
const DATE_OID = 1082;

// bigint ids and counts fit in a double for any realistic volume; numbers are easier downstream.
pg.types.setTypeParser(INT8_OID, (value: string) => Number(value));
// A calendar date stays the 'YYYY-MM-DD' string it is; a Date object would shift it by time zone.
pg.types.setTypeParser(DATE_OID, (value: string) => value);

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  const timeoutMs = options.queryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS;
  const handle = options.url ? openPostgres(options.url, options.poolSize ?? 10, timeoutMs) : await openPGlite(options.dataDir, timeoutMs, options.initialDump);
  return handle;
}

function openPostgres(url: string, poolSize: number, timeoutMs: number): DatabaseHandle {
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: createPostgresPool(url, poolSize, timeoutMs) }) });
  return {
    db,
    kind: 'postgres',
    ping: async () => (await problem(db)) === null,
    problem: () => problem(db),
    close: () => db.destroy(),
  };
}

async function openPGlite(dataDir = './data', timeoutMs: number, initialDump?: string): Promise<DatabaseHandle> {
  let location: string | undefined;
  if (dataDir !== 'memory://') {
    location = path.resolve(dataDir, 'pglite');
    await fs.mkdir(location, { recursive: true });
  }
  // In a worker thread: its queries must not stall the main thread (see pglite-worker.js).
  const pglite = await RemotePGlite.create(location, timeoutMs, initialDump);
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
  const embeddedProblem = async () => {
    // Stalled, failed or restarting: said at once, without queueing behind what is stuck.
    if (pglite.failure) return `the embedded database is not answering: ${pglite.failure.message}`;
    if (pglite.busyAndAnswering(BUSY_ANSWER_MS)) return null;
    return problem(db);
  };
  return {
    db,
    kind: 'pglite',
    dataDir: location,
    ping: async () => (await embeddedProblem()) === null,
    problem: embeddedProblem,
    close: async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}

async function problem(db: Kysely<Database>): Promise<string | null> {
  try {
    await sql`SELECT 1`.execute(db);
    return null;
  } catch (error) {
    return `the database does not answer: ${error instanceof Error ? error.message : String(error)}`;
  }
}
