import * as prng from 'lib0/prng';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bodyOf, measuresOf, newMeasureMap } from '../../shared/doc-schema.ts';
import { freePort, metricValue, spawnServer, type ChildServer } from '../helpers/child-server.ts';
import { connectPeer, eventually, type TestPeer } from '../helpers/collab.ts';
import { collabWorld, type CollabWorld } from '../helpers/collab-world.ts';
import { createPersistentDatabase, startServerOn, withDatabase, type PersistentDatabase } from '../helpers/persistent-database.ts';
import { applyRandomEdit, documentContent, testSeed, withSeed } from '../helpers/random-edits.ts';
import { loadStoredDocument } from '../helpers/stored-document.ts';

/**
 * kill -9 of a real server process in the middle of a burst of edits: what it had committed is in
 * the database, the stock clients reconnect on their own and push what it had not, and the merged
 * result holds everything any client had seen.
 */
describe('kill -9 during a burst of edits', () => {
  let database: PersistentDatabase;
  let world: CollabWorld;
  let child: ChildServer | undefined;
  let port: number;
  const peers: TestPeer[] = [];
  const env = { COLLAB_COMPACT_AFTER: '40', COLLAB_UNLOAD_DELAY_MS: '0' };

  beforeAll(async () => {
    database = await createPersistentDatabase();
    const setup = await startServerOn(database);
    world = await collabWorld(setup.database.db, setup.url, { editors: 4 });
    await setup.close();
    port = await freePort();
    child = await spawnServer(port, { ...database.env, ...env });
  }, 180_000);
  afterAll(async () => {
    for (const peer of peers) peer.destroy();
    await child?.stop();
    await database?.dispose();
  });

  const connect = (index: number) => {
    const peer = connectPeer(child!.url, world.documentId, world.editors[index]!.token);
    peers.push(peer);
    return peer;
  };

  it('loses nothing that was committed or that any client saw', { timeout: 180_000 }, async () => {
    const seed = testSeed();
    await withSeed(seed, async (gen) => {
      // A writer whose edits only the database will keep: it leaves before the crash. (The burst
      // may delete them again; what must survive is the history, checked with `includes`.)
      const writer = connect(0);
      await writer.synced();
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText('Écrit avant le crash')]);
      bodyOf(writer.doc).insert(0, [paragraph]);
      measuresOf(writer.doc).push([newMeasureMap({ id: 'durable-1', title: 'Mesure durable' })]);
      await eventually(async () => {
        const accepted = await metricValue(child!.url, 'tansiq_collab_updates_total');
        expect(accepted).toBeGreaterThanOrEqual(2);
        expect(await metricValue(child!.url, 'tansiq_collab_durability_lag_seconds_count')).toBe(accepted);
      });
      const written = Y.encodeStateAsUpdate(writer.doc);
      writer.destroy();

      const clients = [connect(1), connect(2), connect(3)];
      await Promise.all(clients.map((client) => client.synced()));
      let killed: Promise<void> | undefined;
      for (let i = 0; i < 400; i++) {
        if (i === 200) killed = child!.kill9();
        if (prng.int32(gen, 0, 3) === 0) await new Promise((resolve) => setTimeout(resolve, prng.int32(gen, 0, 2)));
        applyRandomEdit(prng.oneOf(gen, clients).doc, gen);
      }
      await killed;
      // What each client has seen, its own offline edits included.
      const seen = clients.map((client) => Y.encodeStateAsUpdate(client.doc));

      // Everything the dead server had committed is in the database.
      const stored = await withDatabase(database, async (handle) => loadStoredDocument(handle.db, world.documentId));
      expect(includes(stored, written), 'a committed update is missing').toBe(true);

      child = await spawnServer(port, { ...database.env, ...env });
      await eventually(() => {
        const first = documentContent(clients[0]!.doc);
        expect(first.pending).toBe(false);
        for (const client of clients) expect(client.provider.synced).toBe(true);
        for (const client of clients.slice(1)) expect(documentContent(client.doc)).toEqual(first);
      }, 30_000);
      for (const update of seen) expect(includes(clients[0]!.doc, update), 'a client lost what it had seen').toBe(true);

      // A clean stop writes everything out: the database then equals what the clients hold.
      const final = documentContent(clients[0]!.doc);
      for (const client of clients) client.provider.disconnect();
      await child.stop();
      child = undefined;
      const afterStop = await withDatabase(database, async (handle) => documentContent(await loadStoredDocument(handle.db, world.documentId)));
      expect(afterStop).toEqual(final);
    });
  });
});

/** True when applying `update` to a copy of `doc` would add nothing. */
function includes(doc: Y.Doc, update: Uint8Array): boolean {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  const before = JSON.stringify(documentContent(copy));
  Y.applyUpdate(copy, update);
  const same = JSON.stringify(documentContent(copy)) === before;
  copy.destroy();
  return same;
}

