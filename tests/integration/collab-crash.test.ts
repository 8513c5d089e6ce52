import * as prng from 'lib0/prng';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bodyOf, measuresOf, newMeasureMap } from '../../shared/doc-schema.ts';
import { metricValue } from '../helpers/child-server.ts';
import { eventually } from '../helpers/collab.ts';
import { reportFaultFigures } from '../helpers/fault-figures.ts';
import { startFaultRig, type FaultRig } from '../helpers/fault-rig.ts';
import { createPersistentDatabase, withDatabase, type PersistentDatabase } from '../helpers/persistent-database.ts';
import { applyRandomEdit, documentContent, testSeed, withSeed } from '../helpers/random-edits.ts';
import { loadStoredDocument } from '../helpers/stored-document.ts';

/**
 * kill -9 of a real server process in the middle of a burst of edits: what it had committed is in
 * the database, the stock clients reconnect on their own and push what it had not, and the merged
 * result holds everything any client had seen.
 */
describe('kill -9 during a burst of edits', () => {
  let database: PersistentDatabase;
  let rig: FaultRig;

  beforeAll(async () => {
    database = await createPersistentDatabase();
    rig = await startFaultRig(database, { editors: 4, env: { COLLAB_COMPACT_AFTER: '40', COLLAB_UNLOAD_DELAY_MS: '0' } });
  }, 180_000);
  afterAll(async () => {
    await rig?.dispose();
    await database?.dispose();
  });

  it('loses nothing that was committed or that any client saw', { timeout: 180_000 }, async () => {
    const seed = testSeed();
    await withSeed(seed, async (gen) => {
      // A writer whose edits only the database will keep: it leaves before the crash. (The burst
      // may delete them again; what must survive is the history, checked with `includes`.)
      const writer = rig.connect(0);
      await writer.synced();
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText('Écrit avant le crash')]);
      bodyOf(writer.doc).insert(0, [paragraph]);
      measuresOf(writer.doc).push([newMeasureMap({ id: 'durable-1', title: 'Mesure durable' })]);
      await eventually(async () => {
        const accepted = await metricValue(rig.url, 'tansiq_collab_updates_total');
        expect(accepted).toBeGreaterThanOrEqual(2);
        expect(await metricValue(rig.url, 'tansiq_collab_durability_lag_seconds_count')).toBe(accepted);
      });
      const written = Y.encodeStateAsUpdate(writer.doc);
      writer.destroy();

      const clients = [rig.connect(1), rig.connect(2), rig.connect(3)];
      await Promise.all(clients.map((client) => client.synced()));
      let killed: Promise<void> | undefined;
      const edits = 400;
      for (let i = 0; i < edits; i++) {
        if (i === edits / 2) killed = rig.kill9();
        if (prng.int32(gen, 0, 3) === 0) await new Promise((resolve) => setTimeout(resolve, prng.int32(gen, 0, 2)));
        applyRandomEdit(prng.oneOf(gen, clients).doc, gen);
      }
      await killed;
      // What each client has seen, its own offline edits included.
      const seen = clients.map((client) => Y.encodeStateAsUpdate(client.doc));

      // Everything the dead server had committed is in the database.
      const stored = await withDatabase(database, async (handle) => loadStoredDocument(handle.db, rig.world.documentId));
      expect(includes(stored, written), 'a committed update is missing').toBe(true);

      await rig.restart();
      const restartedAt = performance.now();
      await eventually(() => {
        const first = documentContent(clients[0]!.doc);
        expect(first.pending).toBe(false);
        for (const client of clients) expect(client.provider.synced).toBe(true);
        for (const client of clients.slice(1)) expect(documentContent(client.doc)).toEqual(first);
      }, 30_000);
      const convergedMs = performance.now() - restartedAt;
      const lostStates = seen.filter((update) => !includes(clients[0]!.doc, update)).length;
      expect(lostStates, 'a client lost what it had seen').toBe(0);

      // A clean stop writes everything out: the database then equals what the clients hold.
      const final = documentContent(clients[0]!.doc);
      for (const client of clients) client.provider.disconnect();
      await rig.stop();
      const afterStop = await withDatabase(database, async (handle) => documentContent(await loadStoredDocument(handle.db, rig.world.documentId)));
      expect(afterStop).toEqual(final);
      // Random edits are not countable one by one: what is counted lost is a client's state
      // (everything it typed or received) missing from the result.
      reportFaultFigures({
        scenario: 'SIGKILL under load',
        typed: edits + 2,
        acknowledged: null,
        lost: lostStates,
        convergedMs,
        note: `random edits by 3 clients, the server killed after ${edits / 2}; "lost" counts client states missing from the result (of ${seen.length})`,
      });
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
