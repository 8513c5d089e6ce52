import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { measuresOf, updateMeasure } from '../../../shared/doc-schema.ts';
import { addMeasure, deleteMeasure, listMeasures, moveMeasure } from '../../../client/src/lib/measures.ts';

/** Two replicas that exchange every update, as two browsers through the sync server would. */
function pair() {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.on('update', (update: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(b, update, 'remote'));
  b.on('update', (update: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(a, update, 'remote'));
  return { a, b };
}

describe('measure row operations', () => {
  it('adds rows with defaults and reads them back in order', () => {
    const doc = new Y.Doc();
    const first = addMeasure(doc, { title: 'Former les enseignants' });
    addMeasure(doc, { title: 'Ouvrir des classes' });
    addMeasure(doc, { title: 'En tête' }, 0);
    expect(listMeasures(doc).map((m) => m.title)).toEqual(['En tête', 'Former les enseignants', 'Ouvrir des classes']);
    expect(listMeasures(doc)[1]).toMatchObject({ id: first, status: 'planned', progress: 0, budget: null, partnerOrganisationIds: [] });
  });

  it('moves a row keeping its id and fields, and deletes rows', () => {
    const doc = new Y.Doc();
    const a = addMeasure(doc, { title: 'A', partnerOrganisationIds: ['p1'], budget: 1000 });
    const b = addMeasure(doc, { title: 'B' });
    expect(moveMeasure(doc, a, 1)).toBe(true);
    expect(listMeasures(doc).map((m) => m.id)).toEqual([b, a]);
    expect(listMeasures(doc)[1]).toMatchObject({ title: 'A', partnerOrganisationIds: ['p1'], budget: 1000 });
    expect(moveMeasure(doc, a, 1)).toBe(false);
    expect(deleteMeasure(doc, b)).toBe(true);
    expect(deleteMeasure(doc, b)).toBe(false);
    expect(measuresOf(doc).length).toBe(1);
  });

  it('converges when two people edit different cells of the same row at once', () => {
    const { a, b } = pair();
    const id = addMeasure(a, { title: 'Mesure' });
    updateMeasure(a, id, { status: 'in_progress' });
    updateMeasure(b, id, { progress: 40, due: '2025-12-31' });
    expect(listMeasures(a)).toEqual(listMeasures(b));
    expect(listMeasures(a)[0]).toMatchObject({ status: 'in_progress', progress: 40, due: '2025-12-31' });
  });
});

describe('caret under remote changes', () => {
  it('moves with text inserted or deleted before it, not with text typed at it', async () => {
    const { shiftIndex } = await import('../../../client/src/lib/text-binding.ts');
    expect(shiftIndex([{ insert: 'ab' }], 3)).toBe(5);
    expect(shiftIndex([{ retain: 3 }, { insert: 'ab' }], 3)).toBe(3);
    expect(shiftIndex([{ retain: 5 }, { insert: 'ab' }], 3)).toBe(3);
    expect(shiftIndex([{ retain: 1 }, { delete: 5 }], 3)).toBe(1);
    expect(shiftIndex([{ delete: 1 }, { retain: 1 }, { insert: 'x' }], 3)).toBe(3);
  });
});
