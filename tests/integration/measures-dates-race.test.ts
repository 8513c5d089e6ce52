import * as prng from 'lib0/prng';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { appendMeasures, findMeasure, measureRows, needsMeasureMigration, readMeasures, setMeasureDates, type MeasureFields } from '../../shared/doc-schema.ts';
import { connectPeer, eventually, type TestPeer } from '../helpers/collab.ts';
import { editorsOnNewDocument, type CollabWorld } from '../helpers/collab-world.ts';
import * as fixtures from '../helpers/fixtures.ts';
import { testSeed, withSeed } from '../helpers/random-edits.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { loadStoredDocument, storedRows } from '../helpers/stored-document.ts';
import { apiToken } from '../helpers/collab.ts';

/**
 * A measure's start never falls after its due date, even when two people change them at once
 * (stock WebsocketProvider clients against a real server): every reader reads them in order
 * (shared/measure-model.ts), and the server writes that back into the document, so the raw map
 * a stock client holds, and storage, hold it too.
 */

/** start and due as stored in the row's map (what a client not using our readers sees) */
const raw = (doc: Y.Doc, id: string) => {
  const map = findMeasure(doc, id)!;
  return { start: map.get('start') as string | null, due: map.get('due') as string | null };
};
const inOrder = (dates: { start: string | null; due: string | null }) => dates.start === null || dates.due === null || dates.start <= dates.due;
const datesOf = (measure: MeasureFields) => ({ start: measure.start, due: measure.due });

describe('start and due dates stay in order under concurrent edits', () => {
  let server: TestServer;
  let world: CollabWorld;
  const peers: TestPeer[] = [];

  beforeAll(async () => {
    server = await startTestServer({ COLLAB_PROJECTION_WAIT_MS: '50', COLLAB_UNLOAD_DELAY_MS: '0' });
  });
  afterAll(async () => {
    for (const peer of peers) peer.destroy();
    await server?.close();
  });

  async function clients(count: number): Promise<TestPeer[]> {
    const started = await editorsOnNewDocument(server, count, peers);
    world = started.world;
    return started.peers;
  }

  /** Every client and storage hold the same rows, their dates in order both as read and as stored. */
  async function expectInOrder(all: TestPeer[], ids: string[]): Promise<MeasureFields[]> {
    await eventually(() => {
      for (const peer of all) {
        expect(peer.doc.getArray('measures').toJSON()).toEqual(all[0]!.doc.getArray('measures').toJSON());
        for (const id of ids) expect(inOrder(raw(peer.doc, id)), `raw dates of ${id}: ${JSON.stringify(raw(peer.doc, id))}`).toBe(true);
      }
    }, 20_000);
    for (const peer of all) for (const measure of readMeasures(peer.doc)) expect(inOrder(datesOf(measure))).toBe(true);
    await server.hub.store.flush();
    const stored = await loadStoredDocument(server.database.db, world.documentId);
    expect(readMeasures(stored)).toEqual(readMeasures(all[0]!.doc));
    for (const id of ids) expect(inOrder(raw(stored, id))).toBe(true);
    stored.destroy();
    return readMeasures(all[0]!.doc);
  }

  it('one moves the start later while the other moves the due date earlier: the due date is kept, the start pulled to it', async () => {
    const [a, b] = await clients(2);
    appendMeasures(a!.doc, [{ id: 'm', title: 'Caravane médicale', start: '2026-01-01', due: '2026-04-01' }]);
    await eventually(() => expect(readMeasures(b!.doc)).toHaveLength(1));
    // Neither hears the other: both changes are valid where they are made.
    for (const peer of [a!, b!]) peer.provider.disconnect();
    expect(setMeasureDates(a!.doc, 'm', { start: '2026-03-01' })).toBe(true);
    expect(setMeasureDates(b!.doc, 'm', { due: '2026-02-01' })).toBe(true);
    for (const peer of [a!, b!]) peer.provider.connect();
    await Promise.all([a!, b!].map((peer) => peer.synced()));
    const [measure] = await expectInOrder([a!, b!], ['m']);
    expect(datesOf(measure!)).toEqual({ start: '2026-02-01', due: '2026-02-01' });
  });

  it('three clients dragging the same bar and its ends over live sockets, seeded: always in order, everywhere', async () => {
    const seed = testSeed();
    await withSeed(seed, async (gen) => {
      const all = await clients(3);
      appendMeasures(all[0]!.doc, [{ id: 'bar', title: 'Portail des MRE', start: '2026-03-01', due: '2026-06-30' }]);
      await eventually(() => {
        for (const peer of all) expect(readMeasures(peer.doc)).toHaveLength(1);
      });
      // Every state a client passes through reads in order.
      let outOfOrder = 0;
      for (const peer of all) peer.doc.on('update', () => void (inOrder(datesOf(readMeasures(peer.doc)[0]!)) || outOfOrder++));
      const shift = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
      for (let round = 0; round < 30; round++) {
        // In one tick, before any of them hears the others: the changes cross on the wire.
        for (const peer of all) {
          const { start, due } = readMeasures(peer.doc)[0]!;
          const days = prng.int32(gen, -20, 20);
          const kind = prng.int32(gen, 0, 2);
          if (kind === 0) setMeasureDates(peer.doc, 'bar', { start: shift(start!, days), due: shift(due!, days) });
          else if (kind === 1) setMeasureDates(peer.doc, 'bar', { start: shift(start!, days) });
          else setMeasureDates(peer.doc, 'bar', { due: shift(due!, days) });
        }
        // Wait for the round to settle (each client's state reached the others) before the next.
        await eventually(() => {
          for (const peer of all) expect(Y.encodeStateVector(peer.doc)).toEqual(Y.encodeStateVector(all[0]!.doc));
        }, 20_000);
      }
      await expectInOrder(all, ['bar']);
      expect(outOfOrder).toBe(0);
    });
  });

  it('a stored document with a start after its due date is put in order when opened, once', async () => {
    const organisation = await fixtures.organisation(server.database.db, 'dates1');
    const token = await apiToken(server.database.db, (await fixtures.user(server.database.db, organisation.id, 'editor@dates1.ma')).id);
    const documentId = (await fixtures.document(server.database.db, organisation.id, 'Plan aux dates croisées')).id;
    // As two concurrent edits (or an old client) may have left it.
    const doc = new Y.Doc();
    appendMeasures(doc, [
      { id: 'x', title: 'Mesure', start: '2026-01-01', due: '2026-12-31' },
      { id: 'y', title: 'Autre', start: '2026-01-01', due: '2026-02-01' },
    ]);
    findMeasure(doc, 'x')!.set('start', '2027-03-01');
    expect(needsMeasureMigration(doc)).toBe(true);
    await server.database.db
      .insertInto('doc_updates')
      .values({ document_id: documentId, data: Y.encodeStateAsUpdate(doc) })
      .execute();
    doc.destroy();
    for (let open = 0; open < 2; open++) {
      const peer = connectPeer(server.url, documentId, token);
      await peer.synced();
      await eventually(() => expect(raw(peer.doc, 'x')).toEqual({ start: '2026-12-31', due: '2026-12-31' }));
      expect(readMeasures(peer.doc).map(datesOf)).toEqual([
        { start: '2026-12-31', due: '2026-12-31' },
        { start: '2026-01-01', due: '2026-02-01' },
      ]);
      peer.destroy();
      await server.hub.store.flush();
      const stored = await loadStoredDocument(server.database.db, documentId);
      expect(raw(stored, 'x')).toEqual({ start: '2026-12-31', due: '2026-12-31' });
      expect(measureRows(stored)).toHaveLength(2);
      stored.destroy();
      // The repair is one update on top of the log; opening again adds none.
      expect((await storedRows(server.database.db, documentId)).updates).toBe(2);
    }
  });
});
