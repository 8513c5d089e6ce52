import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { projectionLags, projectionMark } from '../../server/collab/projection-mark.ts';
import { describeWriteProblem } from '../../server/http/storage-readiness.ts';
import { measuresOf, newMeasureMap } from '../../shared/doc-schema.ts';

describe('projection mark', () => {
  it('a document lags a projection it was changed after, a deletion included', () => {
    const doc = new Y.Doc();
    expect(projectionLags(doc, null), 'never projected').toBe(true);
    measuresOf(doc).push([newMeasureMap({ id: 'm1', title: 'Une' }), newMeasureMap({ id: 'm2', title: 'Deux' })]);
    const mark = projectionMark(doc);
    expect(projectionLags(doc, mark)).toBe(false);

    // A deletion adds no struct: the state vector alone would not see it.
    const vector = Y.encodeStateVector(doc);
    measuresOf(doc).delete(0, 1);
    expect(Y.encodeStateVector(doc)).toEqual(vector);
    expect(projectionLags(doc, mark)).toBe(true);
    expect(projectionLags(doc, projectionMark(doc))).toBe(false);
  });

  it('the same state loaded elsewhere from its update does not lag', () => {
    const doc = new Y.Doc();
    measuresOf(doc).push([newMeasureMap({ id: 'm1', title: 'Une' })]);
    measuresOf(doc).delete(0, 1);
    measuresOf(doc).push([newMeasureMap({ id: 'm2', title: 'Deux' })]);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    expect(projectionLags(copy, projectionMark(doc))).toBe(false);
  });
});

describe('write problems on /readyz', () => {
  it('says disk full for PostgreSQL and the operating system, failing writes otherwise, nothing when writes work', () => {
    expect(describeWriteProblem(null)).toBeNull();
    expect(describeWriteProblem(Object.assign(new Error('could not extend file'), { code: '53100' }))).toMatch(/^disk full/);
    expect(describeWriteProblem(new Error('could not extend file "base/5/16385": No space left on device'))).toMatch(/^disk full/);
    expect(describeWriteProblem(new Error('the database did not answer within 3500 ms'))).toMatch(/^failing writes.*3500 ms/);
  });
});
