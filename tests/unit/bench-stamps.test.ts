import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { metaOf } from '../../shared/doc-schema.ts';
import { editsOfStamp, seedDocument, STAMP_PREFIX, Typist, type Stamp } from '../bench/collab/workload.ts';

/**
 * The benchmark's latency stamps: a server that merges several edits of one client into one
 * message must not have them counted as lost (only the last stamp is left in the map).
 */
describe('benchmark stamps', () => {
  it('recover every edit of a client that arrived merged into one update, with its own send time', () => {
    const sender = new Y.Doc();
    seedDocument(sender, false);
    const receiver = new Y.Doc();
    Y.applyUpdate(receiver, Y.encodeStateAsUpdate(sender));
    const typist = new Typist(7, sender);
    const key = `${STAMP_PREFIX}7`;
    const updates: Uint8Array[] = [];
    sender.on('update', (update: Uint8Array) => updates.push(update));
    typist.edit();
    Y.applyUpdate(receiver, updates.shift()!);
    const first = metaOf(receiver).get(key) as Stamp;
    expect(editsOfStamp(first, undefined)).toEqual([[1, first.t]]);
    const sentAt: number[] = [];
    for (let i = 0; i < 3; i++) {
      const before = performance.now();
      while (performance.now() - before < 3); // sends apart in time
      typist.edit();
      sentAt.push((metaOf(sender).get(key) as Stamp).t);
    }
    Y.applyUpdate(receiver, Y.mergeUpdates(updates));
    const last = metaOf(receiver).get(key) as Stamp;
    const edits = editsOfStamp(last, first.s);
    expect(edits.map(([seq]) => seq)).toEqual([4, 3, 2]);
    // Gaps are sent in whole milliseconds: each send time within a millisecond per step back.
    for (const [i, [, t]] of edits.entries()) expect(Math.abs(t - sentAt[2 - i]!)).toBeLessThanOrEqual(0.5 * (i + 1));
  });

  it('do not make up edits before the first one a receiver saw, nor beyond the history a stamp carries', () => {
    const stamp: Stamp = { t: 1000, s: 20, c: 1, d: [200, 200, 200, 200, 200, 200] };
    expect(editsOfStamp(stamp, undefined)).toEqual([[20, 1000]]);
    expect(editsOfStamp(stamp, 19)).toEqual([[20, 1000]]);
    expect(editsOfStamp(stamp, 2).map(([seq]) => seq)).toEqual([20, 19, 18, 17, 16, 15, 14]);
  });
});
