import * as Y from 'yjs';
import { findMeasure, measuresOf, newMeasureMap, readMeasure, type MeasureFields } from '../../../shared/doc-schema.ts';
import { newId } from './ids.ts';

/**
 * Row operations on the measures array of a Y.Doc (shared/doc-schema.ts). Each is one
 * transaction, so collaborators see a whole change or none of it.
 */

function indexOf(doc: Y.Doc, id: string): number {
  return measuresOf(doc)
    .toArray()
    .findIndex((item) => item instanceof Y.Map && item.get('id') === id);
}

export function addMeasure(doc: Y.Doc, fields: Partial<MeasureFields> = {}, at?: number): string {
  const id = fields.id ?? newId();
  const measures = measuresOf(doc);
  doc.transact(() => measures.insert(Math.min(at ?? measures.length, measures.length), [newMeasureMap({ ...fields, id })]));
  return id;
}

export function deleteMeasure(doc: Y.Doc, id: string): boolean {
  const index = indexOf(doc, id);
  if (index < 0) return false;
  doc.transact(() => measuresOf(doc).delete(index, 1));
  return true;
}

/**
 * Moves a row by `delta` places. Yjs arrays cannot move items, so the row is re-inserted as a
 * copy with the same id and fields at its new place, in the same transaction.
 */
export function moveMeasure(doc: Y.Doc, id: string, delta: number): boolean {
  const measures = measuresOf(doc);
  const from = indexOf(doc, id);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= measures.length || delta === 0) return false;
  const original = findMeasure(doc, id)!;
  const copy = new Y.Map<unknown>();
  doc.transact(() => {
    for (const [key, value] of original.entries()) copy.set(key, Array.isArray(value) ? [...value] : value);
    measures.delete(from, 1);
    measures.insert(to, [copy]);
  });
  return true;
}

/** The rows as plain objects, in order, skipping anything that is not a measure. */
export function listMeasures(doc: Y.Doc): MeasureFields[] {
  return measuresOf(doc)
    .toArray()
    .filter((item): item is Y.Map<unknown> => item instanceof Y.Map)
    .map(readMeasure)
    .filter((measure) => measure.id !== '');
}
