import fs from 'node:fs/promises';
import path from 'node:path';
import { Kysely, PGliteDialect, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { RemotePGlite } from './pglite-remote.ts';
import type { Database } from './schema.ts';

export type DatabaseKind = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: DatabaseKind;
  /** true when the database answers a trivial query */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… — when absent, the embedded PGlite database is used */
  url?: string;
  /** folder for the embedded database; `memory://` keeps it in memory (tests) */
  dataDir?: string;
  poolSize?: number;
}

const INT8_OID = 20;
const DATE_OID = 1082;

// bigint ids and counts fit in a double for any realistic volume; numbers are easier downstream.
pg.types.setTypeParser(INT8_OID, (value: string) => Number(value));
// A calendar date stays the 'YYYY-MM-DD' string it is; a Date object would shift it by time zone.
pg.types.setTypeParser(DATE_OID, (value: string) => value);

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  const handle = options.url ? openPostgres(options.url, options.poolSize ?? 10) : await openPGlite(options.dataDir);
  return handle;
}

function openPostgres(url: string, poolSize: number): DatabaseHandle {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, idleTimeoutMillis: 30_000 });
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'postgres',
    ping: () => ping(db),
    close: () => db.destroy(),
  };
}

async function openPGlite(dataDir = './data'): Promise<DatabaseHandle> {
  let location: string | undefined;
  if (dataDir !== 'memory://') {
    location = path.resolve(dataDir, 'pglite');
    await fs.mkdir(location, { recursive: true });
  }
  // In a worker thread: its queries must not stall the main thread (see pglite-worker.js).
  const pglite = await RemotePGlite.create(location);
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
  return {
    db,
    kind: 'pglite',
    ping: () => ping(db),
    close: async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}

async function ping(db: Kysely<Database>): Promise<boolean> {
  try {
    await sql`SELECT 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
