/**
 * npx tsx tests/bench/collab/cold-phases.ts [updates=100000]  (DATABASE_URL or BENCH_PG_URL: a PostgreSQL server)
 *
 * The server side of a cold open, phase by phase, in CPU milliseconds of this process (which a busy
 * machine does not blur as it blurs wall time): reading the stored snapshot of a document with
 * `updates` edits of history through kysely + pg (and, indented, the same through the document
 * store, and as base64), checking it (update-check.ts) or comparing the checksum written with it
 * instead, answering a fresh client from the stored bytes, building the server's Y.Doc from them,
 * and encoding that document again (what answering costs once the copy is built, without the
 * stored answer). Median of 7.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { openDatabase } from '../../../db/database.ts';
import pino from 'pino';
import { migrateToLatest } from '../../../db/migrate.ts';
import { DocumentStore, snapshotChecksum } from '../../../server/collab/document-store.ts';
import { assertStoredUpdates } from '../../../server/collab/update-check.ts';
import { syncStep2 } from '../../../server/collab/messages.ts';
import { binaryFrame } from '../../../server/collab/wire-frame.ts';
import { buildHistory } from './workload.ts';

const updates = Number(process.argv[2] ?? 100_000);
const DOCUMENT_ID = '00000000-0000-4000-8000-000000000020';
const adminUrl = process.env.BENCH_PG_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const database = `tansiq_cold_phases_${process.pid}`;
const admin = async (query: string) => {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
};

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tansiq-cold-phases-'));
const history = buildHistory(path.join(dir, 'history.bin'), updates, 100);
const doc = new Y.Doc();
const decoder = decoding.createDecoder(fs.readFileSync(history.file));
while (decoding.hasContent(decoder)) Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
const snapshot = Y.encodeStateAsUpdate(doc);
doc.destroy();
fs.rmSync(dir, { recursive: true, force: true });

await admin(`CREATE DATABASE ${database}`);
const url = Object.assign(new URL(adminUrl), { pathname: `/${database}` }).toString();
const handle = await openDatabase({ url });
try {
  await sql`CREATE TABLE snapshots (id int PRIMARY KEY, state bytea NOT NULL)`.execute(handle.db);
  await sql`INSERT INTO snapshots VALUES (1, ${snapshot})`.execute(handle.db);
  // The same state as the store keeps it: a document's snapshot with its checksum, no log.
  await migrateToLatest(handle.db);
  const organisation = await handle.db
    .insertInto('organisations')
    .values({ code: 'bench', kind: 'ministry', name_fr: 'Banc', name_ar: 'Banc', name_en: 'Bench' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await handle.db.insertInto('documents').values({ id: DOCUMENT_ID, kind: 'note', title: 'Cold', lead_organisation_id: organisation.id, status: 'draft' }).execute();
  const checksum = snapshotChecksum(snapshot);
  await handle.db.insertInto('doc_snapshots').values({ document_id: DOCUMENT_ID, state: snapshot, state_crc32: checksum, last_update_id: 0 }).execute();
  const store = new DocumentStore(handle.db, pino({ level: 'silent' }));
  const phases: Record<string, { cpu: number[]; wall: number[] }> = {};
  const time = async <T>(name: string, run: () => T | Promise<T>): Promise<T> => {
    const cpu = process.cpuUsage();
    const wall = performance.now();
    const result = await run();
    const used = process.cpuUsage(cpu);
    (phases[name] ??= { cpu: [], wall: [] }).cpu.push((used.user + used.system) / 1000);
    phases[name]!.wall.push(performance.now() - wall);
    return result;
  };
  for (let i = 0; i < 8; i++) {
    const { rows } = await time('read the snapshot (kysely + pg, bytea)', () => sql<{ state: Uint8Array }>`SELECT state FROM snapshots WHERE id = 1`.execute(handle.db));
    const stored = rows[0]!.state;
    await time('  the same read through the store (DocumentStore.load)', () => store.load(DOCUMENT_ID));
    await time('  read it as base64 (encode(state, base64))', async () => {
      const { rows: encoded } = await sql<{ state: string }>`SELECT encode(state, 'base64') AS state FROM snapshots WHERE id = 1`.execute(handle.db);
      return Buffer.from(encoded[0]!.state, 'base64');
    });
    await time('check it (update-check.ts), without a checksum', () => assertStoredUpdates([stored], 'bench'));
    await time('compare its checksum instead (zlib.crc32)', () => snapshotChecksum(stored) === checksum);
    await time('answer from the stored bytes (frame it)', () => binaryFrame(syncStep2(stored)));
    const copy = await time('build the server copy (Y.applyUpdate)', () => {
      const built = new Y.Doc({ gc: true });
      Y.applyUpdate(built, stored);
      return built;
    });
    await time('encode the copy for a client (Y.encodeStateAsUpdate)', () => binaryFrame(syncStep2(Y.encodeStateAsUpdate(copy))));
    copy.destroy();
  }
  const median = (values: number[]) => [...values.slice(1)].sort((a, b) => a - b)[Math.floor((values.length - 2) / 2)]!;
  console.log(
    `cold open of a ${updates}-update document (${(snapshot.byteLength / 1024).toFixed(1)} KB stored), PostgreSQL; load average ${os.loadavg()[0]!.toFixed(1)}; median of 7 (the first run is warm-up):`,
  );
  for (const [name, { cpu, wall }] of Object.entries(phases))
    console.log(`  ${name.padEnd(56)} ${median(cpu).toFixed(1).padStart(7)} ms CPU ${median(wall).toFixed(1).padStart(7)} ms wall`);
} finally {
  await handle.close();
  await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
}
