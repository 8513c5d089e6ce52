import * as prng from 'lib0/prng';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { appendMeasures, createMeasure, deleteMeasureRow, MEASURE_STATUSES, moveMeasureTo, readMeasures, updateMeasure, type MeasureTextField } from '../../shared/doc-schema.ts';
import { eventually, type TestPeer } from '../helpers/collab.ts';
import { editorsOnNewDocument, type CollabWorld } from '../helpers/collab-world.ts';
import { CellTypist, rowCopies } from '../helpers/measure-typing.ts';
import { testSeed, withSeed } from '../helpers/random-edits.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { loadStoredDocument } from '../helpers/stored-document.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The measures table under concurrent use, with stock WebsocketProvider clients against a real
 * server: no typed character lost, no row duplicated, storage equal to every client.
 */
describe('measures converge under concurrent editing', () => {
  let server: TestServer;
  let world: CollabWorld;
  const peers: TestPeer[] = [];

  beforeAll(async () => {
    server = await startTestServer({ COLLAB_PROJECTION_WAIT_MS: '50' });
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

  /** Every client and the database hold the same rows, each once. */
  async function expectConverged(all: TestPeer[]): Promise<ReturnType<typeof readMeasures>> {
    await eventually(() => {
      const first = readMeasures(all[0]!.doc);
      for (const peer of all.slice(1)) expect(readMeasures(peer.doc)).toEqual(first);
      for (const peer of all) expect(peer.doc.getArray('measures').toJSON()).toEqual(all[0]!.doc.getArray('measures').toJSON());
    }, 20_000);
    for (const peer of all)
      expect(
        [...rowCopies(peer.doc).values()].every((copies) => copies === 1),
        'no duplicated row',
      ).toBe(true);
    await server.hub.store.flush();
    const stored = await loadStoredDocument(server.database.db, world.documentId);
    expect(readMeasures(stored), 'the database holds what the clients see').toEqual(readMeasures(all[0]!.doc));
    expect(stored.getArray('measures').toJSON()).toEqual(all[0]!.doc.getArray('measures').toJSON());
    stored.destroy();
    return readMeasures(all[0]!.doc);
  }

  /** Runs `change` on each client while none of them hears the others, then reconnects them. */
  async function atOnce(all: TestPeer[], ...changes: Array<(doc: Y.Doc) => void>): Promise<void> {
    for (const peer of all) peer.provider.disconnect();
    for (const [i, change] of changes.entries()) change(all[i]!.doc);
    for (const peer of all) peer.provider.connect();
    await Promise.all(all.map((peer) => peer.synced()));
  }

  it('both users move the same row: one row remains', async () => {
    const [a, b] = await clients(2);
    appendMeasures(
      a!.doc,
      ['w', 'x', 'y', 'z'].map((id) => ({ id, title: `Mesure ${id}` })),
    );
    await eventually(() => expect(readMeasures(b!.doc)).toHaveLength(4));
    await atOnce(
      [a!, b!],
      (doc) => moveMeasureTo(doc, 'x', 0),
      (doc) => moveMeasureTo(doc, 'x', 3),
    );
    const rows = await expectConverged([a!, b!]);
    expect(rows.map((m) => m.id).sort()).toEqual(['w', 'x', 'y', 'z']);
  });

  it('one user moves a row while the other edits it: both changes kept', async () => {
    const [a, b] = await clients(2);
    appendMeasures(
      a!.doc,
      ['w', 'x', 'y'].map((id) => ({ id, title: `Mesure ${id}` })),
    );
    await eventually(() => expect(readMeasures(b!.doc)).toHaveLength(3));
    const typist = new CellTypist(b!.doc, 'y', 'title');
    await atOnce(
      [a!, b!],
      (doc) => moveMeasureTo(doc, 'y', 0),
      (doc) => {
        for (const character of ' (révisée)') typist.type(character);
        updateMeasure(doc, 'y', { status: 'in_progress', budget: 250_000 });
      },
    );
    const rows = await expectConverged([a!, b!]);
    expect(rows[0]).toMatchObject({ id: 'y', title: 'Mesure y (révisée)', status: 'in_progress', budget: 250_000 });
  });

  it('both users type in one cell at 25 ms a key: every character kept, each string whole', async () => {
    const [a, b] = await clients(2);
    createMeasure(a!.doc, { id: 'cell', title: 'Titre : ' });
    await eventually(() => expect(readMeasures(b!.doc)).toHaveLength(1));
    const left = new CellTypist(a!.doc, 'cell', 'title');
    const right = new CellTypist(b!.doc, 'cell', 'title');
    const first = 'Guichet unique';
    const second = 'شباك موحد';
    for (let i = 0; i < Math.max(first.length, second.length); i++) {
      if (i < first.length) left.type(first[i]!);
      if (i < second.length) right.type(second[i]!);
      await sleep(25);
    }
    const [row] = await expectConverged([a!, b!]);
    expect(row!.title).toHaveLength('Titre : '.length + first.length + second.length);
    expect(row!.title).toContain(first);
    expect(row!.title).toContain(second);
  });

  it('ten seeded random clients typing, moving, adding, deleting and dropping off', async () => {
    const seed = testSeed();
    await withSeed(seed, async (gen) => {
      const all = await clients(10);
      appendMeasures(
        all[0]!.doc,
        Array.from({ length: 6 }, (_, i) => ({ id: `seed-${i}`, title: `mesure ${i}` })),
      );
      await eventually(() => {
        for (const peer of all) expect(readMeasures(peer.doc)).toHaveLength(6);
      });
      // Each client types its own letter: what a cell holds of it is what it typed there.
      const letters = 'ABCDEFGHIJ';
      const typed = new Map<string, number>();
      const typists = new Map<string, CellTypist>();
      const fields: MeasureTextField[] = ['title', 'indicator', 'notes'];
      let created = 0;
      for (let step = 0; step < 600; step++) {
        const index = prng.int32(gen, 0, all.length - 1);
        const peer = all[index]!;
        const rows = readMeasures(peer.doc);
        const row = rows.length > 0 ? prng.oneOf(gen, rows) : null;
        const roll = prng.int32(gen, 0, 99);
        if (roll < 3) {
          if (peer.provider.shouldConnect) peer.provider.disconnect();
          else peer.provider.connect();
        } else if (roll < 30) {
          await sleep(prng.int32(gen, 0, 5));
        } else if (roll < 70 && row) {
          const field = prng.oneOf(gen, fields);
          const key = `${index}/${row.id}/${field}`;
          let typist = typists.get(key);
          if (!typist) typists.set(key, (typist = new CellTypist(peer.doc, row.id, field, prng.bool(gen) ? 'start' : 'end')));
          if (typist.type(letters[index]!)) typed.set(key, (typed.get(key) ?? 0) + 1);
        } else if (roll < 82 && row) {
          moveMeasureTo(peer.doc, row.id, prng.int32(gen, 0, rows.length - 1));
        } else if (roll < 92 && row) {
          updateMeasure(peer.doc, row.id, { status: prng.oneOf(gen, [...MEASURE_STATUSES]), progress: prng.int32(gen, 0, 100) });
        } else if (roll < 97) {
          createMeasure(peer.doc, { id: `new-${index}-${created++}`, title: 'nouvelle' }, prng.int32(gen, 0, rows.length));
        } else if (row && rows.length > 3) {
          deleteMeasureRow(peer.doc, row.id);
        }
      }
      for (const peer of all) if (!peer.provider.shouldConnect) peer.provider.connect();
      const rows = await expectConverged(all);
      const byId = new Map(rows.map((row) => [row.id, row]));
      let lost = 0;
      for (const [key, count] of typed) {
        const [index, id, field] = key.split('/') as [string, string, MeasureTextField];
        const row = byId.get(id);
        if (!row) continue; // deleted rows take their text with them
        const kept = [...row[field]].filter((character) => character === letters[Number(index)]).length;
        lost += Math.max(0, count - kept);
        expect(kept, `${key}: characters kept of those typed`).toBe(count);
      }
      expect(lost).toBe(0);
      expect(typed.size).toBeGreaterThan(20);
    });
  }, 120_000);
});
