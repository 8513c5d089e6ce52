import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { compactedState, compactState } from '../../server/collab/document-store.ts';
import { appendBlocks, bodyOf, bodyText, measuresOf, newMeasureMap } from '../../shared/doc-schema.ts';

/**
 * A compaction encodes the live document instead of replaying the log only when the live
 * document holds every stored part; otherwise the replay keeps what the log holds.
 */

/** A live document and the log it wrote: a snapshot, then one row per edit. */
function liveWithLog() {
  const live = new Y.Doc();
  const parts: Uint8Array[] = [];
  live.transact(() => {
    appendBlocks(live, [
      { type: 'paragraph', text: 'Mesure 1 : renforcer l’accès aux soins.' },
      { type: 'paragraph', text: 'الإجراء 2: تعزيز الولوج إلى الخدمات', dir: 'rtl' },
    ]);
    measuresOf(live).push([0, 1, 2].map((i) => newMeasureMap({ id: `m${i}`, title: `Mesure ${i}` })));
  });
  parts.push(Y.encodeStateAsUpdate(live));
  live.on('update', (update: Uint8Array) => parts.push(update));
  measuresOf(live).get(0).set('progress', 40);
  return { live, parts };
}

/** Another process's copy of the live document: what it changes reaches the log, not `live`. */
function elsewhere(live: Y.Doc, parts: Uint8Array[]): Y.Doc {
  const other = new Y.Doc();
  Y.applyUpdate(other, Y.encodeStateAsUpdate(live));
  other.on('update', (update: Uint8Array) => parts.push(update));
  return other;
}

const decoded = (state: Uint8Array) => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc;
};
const textOf = (state: Uint8Array) => bodyText(decoded(state));

describe('compactedState', () => {
  it('encodes the live document when it holds every part', () => {
    const { live, parts } = liveWithLog();
    const { state, fromLive } = compactedState(parts, live, 'doc');
    expect(fromLive).toBe(true);
    expect(state).toEqual(Y.encodeStateAsUpdate(live));
    expect(textOf(state)).toBe(textOf(compactState(parts)));
  });

  it('keeps what the live document has and the log does not yet (updates on their way to it)', () => {
    const { live, parts } = liveWithLog();
    const stored = [...parts];
    measuresOf(live).get(1).set('progress', 90);
    const { state, fromLive } = compactedState(stored, live, 'doc');
    expect(fromLive).toBe(true);
    expect(measuresOf(decoded(state)).get(1).get('progress')).toBe(90);
  });

  it('replays the log when a row holds structs the live document lacks (committed by another process)', () => {
    const { live, parts } = liveWithLog();
    measuresOf(elsewhere(live, parts)).get(2).set('progress', 7);
    const { state, fromLive } = compactedState(parts, live, 'doc');
    expect(fromLive).toBe(false);
    expect(measuresOf(decoded(state)).get(2).get('progress')).toBe(7);
  });

  it('replays the log when a row only deletes what the live document still shows', () => {
    const { live, parts } = liveWithLog();
    const other = elsewhere(live, parts);
    const before = Y.encodeStateVector(other);
    const paragraph = (bodyOf(other).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    paragraph.delete(0, 5);
    // The deletion adds no struct: the state vectors still agree, only the delete set tells.
    expect(Y.encodeStateVector(other)).toEqual(before);
    const { state, fromLive } = compactedState(parts, live, 'doc');
    expect(fromLive).toBe(false);
    expect(textOf(state)).toBe(bodyText(other));
    expect(textOf(state)).not.toBe(bodyText(live));
  });

  it('replays the log without a live document, and refuses a damaged part either way', () => {
    const { live, parts } = liveWithLog();
    expect(compactedState(parts, null, 'doc').fromLive).toBe(false);
    const damaged = [...parts, new Uint8Array([1, 200, 200, 200])];
    expect(() => compactedState(damaged, live, 'doc')).toThrow(/stored state of document doc is not a valid update/);
    expect(() => compactedState(damaged, null, 'doc')).toThrow(/stored state of document doc is not a valid update/);
  });
});
