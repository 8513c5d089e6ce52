import pg from 'pg';
import sqlite3 from 'sqlite3';
import * as Y from 'yjs';
import { now } from './protocol.ts';
import { STAMP_PREFIX, type Stamp } from './workload.ts';

/**
 * Watches a server's database from the benchmark process and notes when each writer's stamped
 * edits became visible there (committed), so durability lag = visible − sent.
 */
export class CommitLog {
  private readonly byWriter = new Map<number, Array<[number, number]>>();

  /** everything up to `seq` of `writer` is committed by `at` (stores keep each writer's order) */
  record(writer: number, seq: number, at: number): void {
    const entries = this.byWriter.get(writer) ?? [];
    if (entries.length && entries.at(-1)![0] >= seq) return;
    entries.push([seq, at]);
    this.byWriter.set(writer, entries);
  }

  committedAt(writer: number, seq: number): number | undefined {
    return this.byWriter.get(writer)?.find(([upTo]) => upTo >= seq)?.[1];
  }
}

export interface Watcher {
  log: CommitLog;
  /** milliseconds one poll took, median: the resolution of what is measured */
  pollMs(): number;
  stop(): Promise<void>;
}

function poller(intervalMs: number, poll: () => Promise<void>, close: () => Promise<void>, log: CommitLog): Watcher {
  let running = true;
  const durations: number[] = [];
  const loop = (async () => {
    while (running) {
      const started = now();
      await poll().catch(() => {}); // a busy database is read again on the next round
      durations.push(now() - started);
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  })();
  return {
    log,
    pollMs: () => durations.sort((a, b) => a - b)[Math.floor(durations.length / 2)] ?? 0,
    stop: async () => {
      running = false;
      await loop;
      await close();
    },
  };
}

/** Tansiq on PostgreSQL: each new doc_updates row is one client update; its stamp says whose and which. */
export async function watchPostgres(url: string, intervalMs = 2): Promise<Watcher> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const log = new CommitLog();
  const start = await client.query<{ max: string | null }>('SELECT max(id)::text AS max FROM doc_updates');
  let last = Number(start.rows[0]?.max ?? 0);
  return poller(
    intervalMs,
    async () => {
      const { rows } = await client.query<{ id: string; data: Buffer }>('SELECT id::text AS id, data FROM doc_updates WHERE id > $1 ORDER BY id', [last]);
      const at = now();
      for (const row of rows) {
        last = Number(row.id);
        for (const struct of Y.decodeUpdate(new Uint8Array(row.data)).structs) {
          if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentAny)) continue;
          // An item after the first of its key carries no key (its origin implies it): the stamp names its writer.
          for (const value of struct.content.arr) if (isStamp(value)) log.record(value.c, value.s, at);
        }
      }
    },
    () => client.end(),
    log,
  );
}

const isStamp = (value: unknown): value is Stamp =>
  typeof value === 'object' && value !== null && typeof (value as Stamp).t === 'number' && typeof (value as Stamp).s === 'number' && typeof (value as Stamp).c === 'number';

/** Hocuspocus's SQLite store (opened read-only): each row is a whole document state; decode it and read the stamps. */
export function watchSqlite(file: string, intervalMs = 10): Watcher {
  const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY);
  const log = new CommitLog();
  const seen = new Map<string, Buffer>();
  const all = () =>
    new Promise<Array<{ name: string; data: Buffer }>>((resolve, reject) =>
      db.all('SELECT name, data FROM documents', (error: Error | null, rows: Array<{ name: string; data: Buffer }>) => (error ? reject(error) : resolve(rows))),
    );
  return poller(
    intervalMs,
    async () => {
      const rows = await all();
      const at = now();
      for (const row of rows) {
        if (seen.get(row.name)?.equals(row.data)) continue;
        seen.set(row.name, row.data);
        const doc = new Y.Doc();
        Y.applyUpdate(doc, new Uint8Array(row.data));
        for (const [key, value] of doc.getMap('meta').entries()) {
          if (key.startsWith(STAMP_PREFIX)) log.record(Number(key.slice(STAMP_PREFIX.length)), (value as Stamp).s, at);
        }
        doc.destroy();
      }
    },
    () => new Promise<void>((resolve) => db.close(() => resolve())),
    log,
  );
}
