import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { validateUpdateV1 } from '../../server/collab/protocol/index.ts';
import { overlapsDocument, updateChangesDocument } from '../../server/collab/update-effect.ts';
import { runSession, sessionArb } from './collab-protocol/random-docs.ts';

/**
 * The room decides from the validator's extent whether an update repeats what the document has
 * (then it is cut down with Y.diffUpdate) and whether it changes anything at all. Both answers
 * must agree with what Yjs itself does with the update.
 */
const extent = (update: Uint8Array) => {
  const result = validateUpdateV1(update, {}, { extent: true });
  if (!result.ok || !result.extent) throw new Error('not valid');
  return result.extent;
};

const metaOf = (update: Uint8Array) => {
  const { from, to } = Y.parseUpdateMeta(update);
  return [...from].sort(([a], [b]) => a - b).map(([client, clock]) => [client, clock, to.get(client)]);
};

/** What Yjs says: the document's state (encoded) before and after applying the update. */
function changesByYjs(doc: Y.Doc, update: Uint8Array): boolean {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  const before = Y.encodeStateAsUpdate(copy);
  Y.applyUpdate(copy, update);
  return !Buffer.from(Y.encodeStateAsUpdate(copy)).equals(Buffer.from(before));
}

describe('update extent', () => {
  it('lists each client group and delete range as Yjs decodes them', () => {
    fc.assert(
      fc.property(sessionArb, (session) => {
        const { updates } = runSession(session);
        const merged = Y.mergeUpdates(updates);
        const { structs, deletes } = extent(merged);
        const meta = Y.parseUpdateMeta(merged);
        const groups = new Map<number, [number, number]>();
        for (let i = 0; i < structs.length; i += 3) groups.set(structs[i]!, [structs[i + 1]!, structs[i + 2]!]);
        expect([...groups.keys()].sort()).toEqual([...meta.from.keys()].sort());
        for (const [client, [from, to]] of groups) {
          expect(from).toBe(meta.from.get(client));
          expect(to).toBe(meta.to.get(client));
        }
        const ranges: number[] = [];
        for (const [client, items] of Y.decodeUpdate(merged).ds.clients) for (const item of items) ranges.push(client, item.clock, item.len);
        expect(deletes).toEqual(ranges);
      }),
      { numRuns: 400 },
    );
  });

  it('tells overlap and change the way Yjs sees them, for every update against every document state', () => {
    fc.assert(
      fc.property(sessionArb, fc.nat(), (session, pick) => {
        const { docs, updates } = runSession(session);
        const target = docs[pick % docs.length]!;
        const candidates = [...updates, ...docs.map((d) => Y.encodeStateAsUpdate(d)), Y.mergeUpdates(updates)];
        for (const update of candidates) {
          const fresh = Y.diffUpdate(update, Y.encodeStateVector(target));
          // Cut: Yjs dropped structs (it may also just re-encode the same ones differently).
          const cut = JSON.stringify(metaOf(fresh)) !== JSON.stringify(metaOf(update));
          // Yjs only cuts what overlaps; an overlap that Yjs keeps whole is impossible.
          if (cut) expect(overlapsDocument(target, extent(update))).toBe(true);
          if (!overlapsDocument(target, extent(update))) expect(cut).toBe(false);
          expect(updateChangesDocument(target, extent(fresh))).toBe(changesByYjs(target, fresh));
        }
      }),
      { numRuns: 400 },
    );
  });

  it('a keystroke applied in order neither overlaps nor is a no-op; its repeat is both', () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    const updates: Uint8Array[] = [];
    client.on('update', (u: Uint8Array) => updates.push(u));
    client.getText('t').insert(0, 'abc');
    client.getText('t').delete(1, 1);
    for (const update of updates) {
      expect(overlapsDocument(server, extent(update))).toBe(false);
      expect(updateChangesDocument(server, extent(update))).toBe(true);
      Y.applyUpdate(server, update);
      expect(updateChangesDocument(server, extent(update))).toBe(false);
    }
    // A sync step 2 repeating the whole document overlaps and changes nothing.
    const state = Y.encodeStateAsUpdate(client);
    expect(overlapsDocument(server, extent(state))).toBe(true);
    expect(updateChangesDocument(server, extent(Y.diffUpdate(state, Y.encodeStateVector(server))))).toBe(false);
  });
});
