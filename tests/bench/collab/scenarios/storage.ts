import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import sqlite3 from 'sqlite3';
import * as Y from 'yjs';
import type { Target } from '../targets.ts';
import { bodyLength } from '../workload.ts';
import { clientGroups, measureWindow, openDocs, round, sleep, waitUnloaded, type Scenario } from './common.ts';

/**
 * 7. storage: documents edited for a while, then the clients leave, the server stores, compacts
 * and stops; the bytes it keeps per document (read from its database afterwards) against
 * Y.encodeStateAsUpdate of the same content (from a client that holds it).
 */
export const storage: Scenario = {
  name: 'storage',
  title: 'stored bytes per document vs encoded state',
  fresh: () => false,
  applies: (target) => target.label !== 'reference',
  async run(ctx) {
    const { docs, perDoc, rate, seconds } = ctx.sizes.storage;
    const groups = clientGroups(ctx.target, ctx.ranges.storage, perDoc);
    const ids = groups.flat().map((spec) => spec.id);
    await openDocs(ctx, groups);
    ctx.log(`  ${docs} documents × ${perDoc} writers × ${rate} edits/s for ${seconds} s`);
    await ctx.pool.edit(ids, rate);
    const { merged } = await measureWindow(ctx, { warmupS: 0, seconds });
    await ctx.pool.broadcast({ op: 'stopEdits' });
    await sleep(1_000);
    const states = await ctx.pool.states(groups.map((group) => group[0]!.id));
    await ctx.pool.close();
    ctx.log('  clients gone; waiting for the server to store and unload, then stopping it');
    await waitUnloaded(ctx);
    const docIds = groups.map((group) => group[0]!.doc);
    const docOfClient = new Map(groups.map((group) => [group[0]!.id, group[0]!.doc]));
    const expected = new Map(states.map((state) => [docOfClient.get(state.id)!, state.textLength]));
    const complete = (stored: Map<string, StoredDoc>) => docIds.filter((id) => stored.get(id)?.textLength === expected.get(id)).length;
    if (ctx.target.store.sqliteFile) {
      // Hocuspocus's SQLite store does not await its write: give it time to land before the stop.
      const deadline = Date.now() + 30_000;
      while (complete(await readStored(ctx.target, docIds)) < docIds.length && Date.now() < deadline) await sleep(200);
    }
    await ctx.target.stop();
    const stored = await readStored(ctx.target, docIds);
    const bytes = [...stored.values()].reduce((sum, doc) => sum + doc.bytes, 0);
    const encoded = states.reduce((sum, state) => sum + state.encodedBytes, 0);
    return {
      documents: docs,
      editsPerDocument: Math.round(merged.editsSent / docs),
      storedBytesPerDoc: Math.round(bytes / docs),
      encodedBytesPerDoc: Math.round(encoded / docs),
      storedOverEncoded: round(bytes / encoded, 2),
      logRowsLeft: [...stored.values()].reduce((sum, doc) => sum + doc.rows, 0),
      completeDocs: `${complete(stored)}/${docIds.length}`,
    };
  },
};

interface StoredDoc {
  bytes: number;
  /** log rows besides the snapshot (Tansiq) */
  rows: number;
  /** body text length of the stored content, to check nothing is missing */
  textLength: number;
}

function describe(parts: Uint8Array[], rows: number): StoredDoc {
  const doc = new Y.Doc();
  for (const part of parts) Y.applyUpdate(doc, part);
  const result = { bytes: parts.reduce((sum, part) => sum + part.byteLength, 0), rows, textLength: bodyLength(doc) };
  doc.destroy();
  return result;
}

async function readStored(target: Target, docs: string[]): Promise<Map<string, StoredDoc>> {
  const out = new Map<string, StoredDoc>();
  const query = `SELECT document_id, 0 AS kind, state AS data, 0 AS id FROM doc_snapshots WHERE document_id = ANY($1::uuid[])
    UNION ALL SELECT document_id, 1, data, id FROM doc_updates WHERE document_id = ANY($1::uuid[]) ORDER BY 1, 2, 4`;
  type Row = { document_id: string; kind: number; data: Uint8Array };
  let rows: Row[];
  if (target.store.pgUrl) {
    const client = new pg.Client({ connectionString: target.store.pgUrl });
    await client.connect();
    rows = (await client.query<Row>(query, [docs]).finally(() => client.end())).rows;
  } else if (target.store.pgliteDir) {
    // The server is stopped: its embedded database folder can be opened by us.
    const db = await PGlite.create(target.store.pgliteDir);
    rows = (await db.query<Row>(query, [docs]).finally(() => db.close())).rows;
  } else {
    const db = new sqlite3.Database(target.store.sqliteFile!, sqlite3.OPEN_READONLY);
    rows = await new Promise<Row[]>((resolve, reject) =>
      db.all(`SELECT name AS document_id, 0 AS kind, data FROM documents WHERE name IN (${docs.map(() => '?').join(',')})`, docs, (error: Error | null, result: Row[]) =>
        error ? reject(error) : resolve(result),
      ),
    );
    await new Promise<void>((resolve) => db.close(() => resolve()));
  }
  for (const id of docs) {
    const mine = rows.filter((row) => row.document_id === id);
    out.set(
      id,
      describe(
        mine.map((row) => new Uint8Array(row.data)),
        mine.filter((row) => Number(row.kind) === 1).length,
      ),
    );
  }
  return out;
}
