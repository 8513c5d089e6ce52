import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { appendBlocks, bodyOf, measuresOf, newMeasureMap, readMeasures, updateMeasure, type BlockSpec } from '../../shared/doc-schema.ts';
import { restoreContent } from '../../server/domain/version-restore.ts';
import { contentKey } from '../../server/domain/yjs-clone.ts';

const sameContent = (a: Y.Doc, b: Y.Doc) => {
  expect(contentKey(bodyOf(a))).toBe(contentKey(bodyOf(b)));
  expect(contentKey(measuresOf(a))).toBe(contentKey(measuresOf(b)));
};

/** A version, then a live document that moved on from it (the same history, edited further). */
function versionAndLive(): { version: Y.Doc; live: Y.Doc } {
  const version = new Y.Doc();
  appendBlocks(version, [
    { type: 'heading', level: 2, text: 'Contexte' },
    { type: 'paragraph', text: 'Couverture médicale des MRE retraités.' },
    { type: 'paragraph', text: 'Paragraphe supprimé ensuite.' },
  ]);
  ((bodyOf(version).get(1) as Y.XmlElement).get(0) as Y.XmlText).format(0, 10, { bold: true });
  measuresOf(version).push([newMeasureMap({ id: 'm1', title: 'Mutuelle', status: 'in_progress', progress: 40 }), newMeasureMap({ id: 'm2', title: 'Guichet' })]);
  const live = new Y.Doc();
  Y.applyUpdate(live, Y.encodeStateAsUpdate(version));
  live.transact(() => {
    bodyOf(live).delete(2, 1);
    ((bodyOf(live).get(1) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'Nouvelle ');
    appendBlocks(live, [{ type: 'paragraph', text: 'Ajout après la version.' }]);
    updateMeasure(live, 'm1', { status: 'done', progress: 100 });
    measuresOf(live).delete(1, 1);
    measuresOf(live).push([newMeasureMap({ id: 'm3', title: 'Nouvelle mesure' })]);
  });
  return { version, live };
}

describe('restoring a version into a live document', () => {
  it('makes body and measures equal to the version, formatting included', () => {
    const { version, live } = versionAndLive();
    const changes = live.transact(() => restoreContent(live, version));
    sameContent(live, version);
    expect(readMeasures(live)).toEqual(readMeasures(version));
    expect(changes).toEqual({ body: { kept: 1, removed: 2, inserted: 2 }, measures: { kept: 0, removed: 2, inserted: 2 } });
  });

  it('sends one update that brings a connected replica to the same content', () => {
    const { version, live } = versionAndLive();
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(live));
    const updates: Uint8Array[] = [];
    live.on('update', (update: Uint8Array) => updates.push(update));
    live.transact(() => restoreContent(live, version));
    expect(updates).toHaveLength(1);
    Y.applyUpdate(replica, updates[0]!);
    sameContent(replica, version);
  });

  it('leaves unchanged blocks in place, so anchors inside them stay attached', () => {
    const { version, live } = versionAndLive();
    const heading = bodyOf(live).get(0) as Y.XmlElement;
    const anchor = Y.createRelativePositionFromTypeIndex(heading.get(0) as Y.XmlText, 3);
    live.transact(() => restoreContent(live, version));
    expect(bodyOf(live).get(0)).toBe(heading);
    const resolved = Y.createAbsolutePositionFromRelativePosition(anchor, live);
    expect(resolved?.type).toBe(heading.get(0));
    expect(resolved?.index).toBe(3);
  });

  it('changes nothing when the content is already the version', () => {
    const { version } = versionAndLive();
    const live = new Y.Doc();
    Y.applyUpdate(live, Y.encodeStateAsUpdate(version));
    const updates: Uint8Array[] = [];
    live.on('update', (update: Uint8Array) => updates.push(update));
    expect(live.transact(() => restoreContent(live, version))).toEqual({ body: { kept: 3, removed: 0, inserted: 0 }, measures: { kept: 2, removed: 0, inserted: 0 } });
    expect(updates).toHaveLength(0);
  });

  it('converges for any pair of bodies', () => {
    const block: fc.Arbitrary<BlockSpec> = fc.oneof(
      fc.record({ type: fc.constant('paragraph' as const), text: fc.constantFrom('', 'un', 'deux', 'trois mots ici') }),
      fc.record({ type: fc.constant('heading' as const), level: fc.constantFrom(1 as const, 2 as const), text: fc.constantFrom('A', 'B') }),
      fc.record({ type: fc.constant('bulletList' as const), items: fc.array(fc.constantFrom('x', 'y'), { maxLength: 3 }) }),
    );
    fc.assert(
      fc.property(fc.array(block, { maxLength: 8 }), fc.array(block, { maxLength: 8 }), (before, after) => {
        const version = new Y.Doc();
        appendBlocks(version, after);
        const live = new Y.Doc();
        appendBlocks(live, before);
        live.transact(() => restoreContent(live, version));
        expect(contentKey(bodyOf(live))).toBe(contentKey(bodyOf(version)));
      }),
      { numRuns: 200 },
    );
  });
});
