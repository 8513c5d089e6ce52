import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { validateUpdateV1 } from '../../../server/collab/protocol/index.ts';
import { runSession, sessionArb, type Session } from './random-docs.ts';

/**
 * The validator must accept everything real Yjs produces, in every form a server sees it: full
 * states, incremental updates, merges (with Skip structs where updates are missing), diffs, and
 * states of docs holding pending structs.
 */
/** Struct kinds seen across all runs, to prove the generator really covers every content type. */
const seenKinds = new Set<string>();
function recordKinds(update: Uint8Array): void {
  for (const struct of Y.decodeUpdate(update).structs) {
    if (!(struct instanceof Y.Item)) seenKinds.add(struct.constructor.name);
    else if (struct.content instanceof Y.ContentType) seenKinds.add(`ContentType:${struct.content.type.constructor.name}`);
    else seenKinds.add(struct.content.constructor.name);
  }
}

const gcOfNestedContent: Session = {
  gc: true,
  docs: 1,
  ops: [
    { op: 'arrayInsert', doc: 0, target: 0, pos: 0, values: [{ kind: 'type', type: 'text' }] },
    { op: 'delete', doc: 0, target: 1, pos: 0, len: 1 }, // target 1 of the lists is the root array
  ],
};

function expectAccepted(update: Uint8Array, label: string): void {
  const result = validateUpdateV1(update);
  if (!result.ok) throw new Error(`${label} refused: ${result.reason} (${Buffer.from(update).toString('hex')})`);
}

describe('validateUpdateV1 accepts real Yjs output', () => {
  it('accepts state, incremental, merged and diff updates of random sessions', () => {
    fc.assert(
      fc.property(sessionArb, fc.array(fc.boolean(), { maxLength: 64 }), (session, mask) => {
        const { docs, updates } = runSession(session);
        for (const [i, u] of updates.entries()) expectAccepted(u, `incremental update ${i}`);
        for (const d of docs) {
          const state = Y.encodeStateAsUpdate(d);
          expectAccepted(state, 'state');
          recordKinds(state);
        }
        const merged = Y.mergeUpdates(updates);
        expectAccepted(merged, 'merge of all updates');
        recordKinds(merged);
        // Leaving updates out makes gaps: merges then carry Skip structs, docs pending structs.
        const subset = updates.filter((_, i) => mask[i % Math.max(mask.length, 1)] ?? true);
        const mergedSubset = Y.mergeUpdates(subset);
        expectAccepted(mergedSubset, 'merge of a subset');
        recordKinds(mergedSubset);
        const partial = new Y.Doc();
        for (const u of subset) Y.applyUpdate(partial, u);
        expectAccepted(Y.encodeStateAsUpdate(partial), 'state with pending structs');
        const last = docs[docs.length - 1]!;
        expectAccepted(Y.encodeStateAsUpdate(docs[0]!, Y.encodeStateVector(last)), 'state diff');
        expectAccepted(Y.diffUpdate(merged, Y.encodeStateVector(last)), 'diffUpdate');
        // And the stats agree with what Yjs itself decodes.
        const decoded = Y.decodeUpdate(merged);
        const result = validateUpdateV1(merged);
        expect(result.ok && result.stats.structs).toBe(decoded.structs.length);
      }),
      // Random sessions produce GC structs only now and then; this one always does (a deleted
      // nested text's children are collected), so the coverage check below cannot depend on luck.
      { numRuns: 200, examples: [[gcOfNestedContent, []]] },
    );
    // ContentJSON is legacy (no current API writes it): covered by a hand-encoded case instead.
    expect([...seenKinds].sort()).toEqual([
      'ContentAny',
      'ContentBinary',
      'ContentDeleted',
      'ContentDoc',
      'ContentEmbed',
      'ContentFormat',
      'ContentString',
      'ContentType:YArray',
      'ContentType:YMap',
      'ContentType:YText',
      'ContentType:YXmlElement',
      'ContentType:YXmlFragment',
      'ContentType:YXmlHook',
      'ContentType:YXmlText',
      'GC',
      'Skip',
    ]);
  });

  it('detects truncation at every offset of a real update', () => {
    fc.assert(
      fc.property(sessionArb, (session) => {
        const { docs, updates } = runSession(session);
        for (const update of [Y.encodeStateAsUpdate(docs[0]!), Y.mergeUpdates(updates)]) {
          for (let k = 0; k < update.length; k++) {
            const result = validateUpdateV1(update.subarray(0, k));
            if (result.ok) throw new Error(`prefix of ${k}/${update.length} bytes accepted`);
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});
