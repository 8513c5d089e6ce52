import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { metaOf } from '../../shared/doc-schema.ts';
import { clientIdOf, EditSource } from '../bench/collab/wire/edits.ts';
import { findStamps, Framer, readMessage, UPDATE } from '../bench/collab/wire/frames.ts';
import { seedDocument, STAMP_PREFIX, Typist, type Stamp } from '../bench/collab/workload.ts';

/** The protocol-level load clients send pre-encoded edits and read stamps without applying Yjs. */

function seeded(): Uint8Array {
  const doc = new Y.Doc();
  seedDocument(doc, true);
  return Y.encodeStateAsUpdate(doc);
}

const unframe = (kind: 'y-websocket' | 'hocuspocus', frame: Uint8Array) => {
  const message = readMessage(kind, frame);
  if (message.type !== 'sync') throw new Error('not a sync message');
  expect(message.step).toBe(UPDATE);
  return message.payload;
};

describe('pre-encoded edits', () => {
  it.each(['y-websocket', 'hocuspocus'] as const)('send the time written at send, found again in what a %s server relays', (kind) => {
    const base = seeded();
    const source = new EditSource(7, base, 5, new Framer(kind, 'doc-1'));
    source.prepare(40);
    const server = new Y.Doc();
    Y.applyUpdate(server, base);
    const relayed: Uint8Array[] = [];
    for (let i = 0; i < 40; i++) {
      const { edit, late } = source.next();
      expect(late).toBe(false);
      edit.frame.writeDoubleBE(1_700_000_000_000.25 + i, edit.timeAt);
      const update = unframe(kind, edit.frame);
      Y.applyUpdate(server, update);
      relayed.push(Uint8Array.from(update));
    }
    // Every edit integrates (no pending structs): it depends only on the base and its own edits.
    expect(server.store.pendingStructs).toBeNull();
    const stamp = metaOf(server).get(`${STAMP_PREFIX}7`) as Stamp;
    expect(stamp).toMatchObject({ t: 1_700_000_000_039.25, s: 40, c: 7 });
    // One by one (Hocuspocus, the reference) and merged (Tansiq relays a turn's updates merged).
    expect(relayed.flatMap((update) => findStamps(update)).map((found) => found.s)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    const merged = findStamps(Y.mergeUpdates(relayed));
    expect(merged.map((found) => [found.c, found.s, found.t])).toEqual(Array.from({ length: 40 }, (_, i) => [7, i + 1, 1_700_000_000_000.25 + i]));
  });

  it('are the bytes a stock client sends, but for the time and the clientID', () => {
    const base = seeded();
    const stockDoc = new Y.Doc();
    stockDoc.clientID = clientIdOf(3);
    Y.applyUpdate(stockDoc, base);
    const stock = new Typist(3, stockDoc);
    const stockSizes: number[] = [];
    stockDoc.on('update', (update: Uint8Array) => stockSizes.push(update.byteLength));
    const source = new EditSource(3, base, 5, new Framer('y-websocket', 'd'));
    source.prepare(200);
    let t = 1_700_000_000_000.5;
    for (let i = 0; i < 200; i++) stock.edit((t += 200));
    const wireSizes = Array.from({ length: 200 }, () => unframe('y-websocket', source.next().edit.frame).byteLength);
    const total = (sizes: number[]) => sizes.reduce((a, b) => a + b, 0);
    // The same edits (same seed); the stamps' gaps differ by a byte or two at most.
    expect(Math.abs(total(wireSizes) - total(stockSizes)) / total(stockSizes)).toBeLessThan(0.02);
  });

  it('finds nothing in bytes that only look like a stamp', () => {
    expect(findStamps(new Uint8Array([118, 4, 1, 0x74, 123, 1, 2]))).toEqual([]);
  });
});
