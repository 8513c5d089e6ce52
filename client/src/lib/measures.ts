import type * as Y from 'yjs';
import { createMeasure, deleteMeasureRow, measureRows, moveMeasureTo, readMeasures, type MeasureFields } from '../../../shared/doc-schema.ts';
import { newId } from './ids.ts';

/**
 * Row operations on the measures of a Y.Doc, through shared/measure-model.ts. Each is one
 * transaction, so collaborators see a whole change or none of it.
 */

export function addMeasure(doc: Y.Doc, fields: Partial<MeasureFields> = {}, at?: number): string {
  const id = fields.id ?? newId();
  createMeasure(doc, { ...fields, id }, at);
  return id;
}

export function deleteMeasure(doc: Y.Doc, id: string): boolean {
  return deleteMeasureRow(doc, id);
}

/** Moves a row by `delta` places: its order key changes, the row itself stays (edits in it too). */
export function moveMeasure(doc: Y.Doc, id: string, delta: number): boolean {
  const from = measureRows(doc).findIndex((row) => row.id === id);
  return from >= 0 && moveMeasureTo(doc, id, from + delta);
}

/** The rows as plain objects, in order, skipping anything that is not a measure. */
export function listMeasures(doc: Y.Doc): MeasureFields[] {
  return readMeasures(doc);
}
