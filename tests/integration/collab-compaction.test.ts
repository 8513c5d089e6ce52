import * as prng from 'lib0/prng';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { metaOf } from '../../shared/doc-schema.ts';
import { openDatabase, type DatabaseHandle } from '../../db/database.ts';
import { DocumentStore } from '../../server/collab/document-store.ts';
import { metricValue } from '../helpers/child-server.ts';
import { connectPeer, eventually, type TestPeer } from '../helpers/collab.ts';
import { collabWorld, type CollabWorld } from '../helpers/collab-world.ts';
import { applyRandomEdit, documentContent, testSeed, withSeed } from '../helpers/random-edits.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { loadStoredDocument } from '../helpers/stored-document.ts';

/** The update log is merged into a snapshot while people keep typing, by one or two processes. */
describe('compaction under concurrent edits', () => {
  let server: TestServer;
  let world: CollabWorld;
  /** a second process's view of the database: its own connection pool on PostgreSQL */
  let other: DatabaseHandle | undefined;
  let otherStore: DocumentStore;
  const peers: TestPeer[] = [];

  beforeAll(async () => {
    server = await startTestServer({ COLLAB_COMPACT_AFTER: '5', COLLAB_UNLOAD_DELAY_MS: '0' });
    world = await collabWorld(server.database.db, server.url, { editors: 3 });
    if (server.database.url) other = await openDatabase({ url: server.database.url, poolSize: 3 });
    otherStore = new DocumentStore(other?.db ?? server.database.db, pino({ level: 'silent' }));
  });
  afterAll(async () => {
    for (const peer of peers) peer.destroy();
    await other?.close();
    await server?.close();
  });

  it('loses nothing while the hub compacts every few updates and a second store compacts too', async () => {
    await withSeed(testSeed(), async (gen) => {
      const clients = world.editors.map((editor) => connectPeer(server.url, world.documentId, editor.token));
      peers.push(...clients);
      await Promise.all(clients.map((client) => client.synced()));
      const compactionsBefore = await metricValue(server.url, 'tansiq_collab_compactions_total');

      const edit = async () => {
        for (let i = 0; i < 400; i++) {
          if (prng.int32(gen, 0, 4) === 0) await new Promise((resolve) => setTimeout(resolve, prng.int32(gen, 0, 2)));
          applyRandomEdit(prng.oneOf(gen, clients).doc, gen);
        }
        await eventually(() => {
          const first = documentContent(clients[0]!.doc);
          for (const client of clients.slice(1)) expect(documentContent(client.doc)).toEqual(first);
        }, 20_000);
        await server.hub.store.flush();
      };
      // The other "process" compacts the same document over and over, racing the hub's own compactions.
      let editing = true;
      const rival = (async () => {
        let rounds = 0;
        while (editing || rounds < 3) {
          await Promise.all([otherStore.compact(world.documentId), server.hub.compact(world.documentId)]);
          rounds++;
          // Embedded PGlite answers through microtasks only: without a real pause this loop would starve the sockets.
          await new Promise((resolve) => setTimeout(resolve, 1));
        }
        return rounds;
      })();
      try {
        await edit();
      } finally {
        editing = false;
      }
      expect(await rival).toBeGreaterThanOrEqual(3);

      expect(await metricValue(server.url, 'tansiq_collab_compactions_total')).toBeGreaterThan(compactionsBefore);

      // The rival gone, the hub compacts logs its own clients wrote (every 5 entries): its live
      // copy holds all of them, so it encodes that copy instead of replaying the log.
      const liveBefore = await metricValue(server.url, 'tansiq_collab_compactions_total', { from: 'live' });
      for (let i = 0; i < 12; i++) metaOf(clients[i % clients.length]!.doc).set('after the rival', i);
      await eventually(async () => expect(await metricValue(server.url, 'tansiq_collab_compactions_total', { from: 'live' })).toBeGreaterThan(liveBefore));
      const snapshot = await server.database.db.selectFrom('doc_snapshots').select('update_count').where('document_id', '=', world.documentId).executeTakeFirstOrThrow();
      expect(snapshot.update_count).toBeGreaterThan(0);
      const stored = await loadStoredDocument(server.database.db, world.documentId);
      expect(documentContent(stored)).toEqual(documentContent(clients[0]!.doc));

      // A last compaction leaves an empty log and the same content.
      await otherStore.compact(world.documentId);
      const rows = await server.database.db.selectFrom('doc_updates').select('id').where('document_id', '=', world.documentId).execute();
      expect(rows).toEqual([]);
      expect(documentContent(await loadStoredDocument(server.database.db, world.documentId))).toEqual(documentContent(clients[0]!.doc));
    });
  });

  it.skipIf(!process.env.DATABASE_URL)('a compaction another process is running is left to it, not waited for (PostgreSQL)', async () => {
    const writer = new Y.Doc();
    Y.applyUpdate(writer, Y.encodeStateAsUpdate(await loadStoredDocument(server.database.db, world.documentId)));
    const before = Y.encodeStateVector(writer);
    metaOf(writer).set('left to the other compaction', true);
    await otherStore.append(world.documentId, Y.encodeStateAsUpdate(writer, before));
    const logRows = () => server.database.db.selectFrom('doc_updates').select('id').where('document_id', '=', world.documentId).execute();
    const waiting = (await logRows()).length;
    expect(waiting).toBeGreaterThan(0);
    // "Another process" is compacting this document: it holds the document's compaction lock.
    const holder = new pg.Client({ connectionString: server.database.url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [world.documentId]);
      // Settles while the lock is still held (a wait would hang here until the test's timeout).
      expect(await otherStore.compact(world.documentId)).toMatchObject({ merged: 0 });
      expect((await logRows()).length).toBe(waiting);
      await holder.query('ROLLBACK');
    } finally {
      await holder.end();
    }
    expect((await otherStore.compact(world.documentId)).merged).toBe(waiting);
    expect(await logRows()).toEqual([]);
    const stored = await loadStoredDocument(server.database.db, world.documentId);
    expect(metaOf(stored).get('left to the other compaction')).toBe(true);
  });

  it('loading while another process compacts always sees every update', async () => {
    for (const peer of peers.splice(0)) peer.destroy();
    // Writes of "another process" reach this one's loaded copy only through fan-out; start unloaded.
    await eventually(() => expect(server.hub.openDocuments).toBe(0));
    const writer = new Y.Doc();
    Y.applyUpdate(writer, Y.encodeStateAsUpdate(await loadStoredDocument(server.database.db, world.documentId)));
    // PGlite has one connection, so only PostgreSQL can interleave; there, many rounds make it likely.
    const rounds = server.database.url ? 120 : 10;
    for (let round = 1; round <= rounds; round++) {
      const before = Y.encodeStateVector(writer);
      metaOf(writer).set('round', round);
      await otherStore.append(world.documentId, Y.encodeStateAsUpdate(writer, before));
      // Without one consistent read, a load could see the old snapshot and the emptied log.
      const [, ...loaded] = await Promise.all([otherStore.compact(world.documentId), ...[1, 2, 3, 4].map(() => server.hub.store.load(world.documentId))]);
      for (const { state } of loaded) {
        const doc = new Y.Doc();
        Y.applyUpdate(doc, state);
        expect(metaOf(doc).get('round'), `round ${round}`).toBe(round);
        expect(documentContent(doc).stateVector).toEqual(documentContent(writer).stateVector);
      }
    }
    const peer = connectPeer(server.url, world.documentId, world.editors[0]!.token);
    peers.push(peer);
    await peer.synced();
    expect(documentContent(peer.doc)).toEqual(documentContent(writer));
  });
});
