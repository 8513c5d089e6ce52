import { onCleanup } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import * as Y from 'yjs';
import { measuresOf, ORDER_KEY, readMeasure, type MeasureFields } from '../../../../shared/doc-schema.ts';
import { measureMap } from '../../lib/measure-index.ts';
import { listMeasures } from '../../lib/measures.ts';

/**
 * The measures of a Y.Doc as a Solid store that follows every local and remote change. Rows keep
 * their identity (reconciled by id), so an input being typed in is not re-created under the cursor.
 * A change inside rows (typing, a status) re-reads those rows only: re-reading a 2,000-row plan on
 * every keystroke was most of a key's time in a long plan. Rows added, removed or moved re-read all.
 */
export function createMeasuresStore(doc: Y.Doc): { rows: MeasureFields[] } {
  const [state, setState] = createStore<{ rows: MeasureFields[] }>({ rows: listMeasures(doc) });
  const measures = measuresOf(doc);
  const refreshAll = () => setState('rows', reconcile(listMeasures(doc), { key: 'id', merge: true }));
  const refresh = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => {
    const changed = new Set<Y.Map<unknown>>();
    for (const event of events) {
      const row = rowOf(event.target, measures);
      const keys = event.target === row ? (event as Y.YMapEvent<unknown>).keysChanged : null;
      if (!row || keys?.has(ORDER_KEY) || keys?.has('id')) return refreshAll();
      changed.add(row);
    }
    const places = new Map(state.rows.map((row, index) => [row.id, index]));
    for (const row of changed) {
      const fields = readMeasure(row);
      const index = places.get(fields.id);
      // A row not shown (the second copy of an id) or not in the store yet: read everything.
      if (index === undefined || measureMap(doc, fields.id) !== row) return refreshAll();
      setState('rows', index, reconcile(fields, { merge: true }));
    }
  };
  measures.observeDeep(refresh);
  onCleanup(() => measures.unobserveDeep(refresh));
  return state;
}

/** The row map holding `type` (itself, or the map of a text cell), or null for the array itself. */
function rowOf(type: Y.AbstractType<any>, measures: Y.Array<Y.Map<unknown>>): Y.Map<unknown> | null {
  let current: Y.AbstractType<any> | null = type;
  while (current && current.parent !== measures) current = current.parent as Y.AbstractType<any> | null;
  return current instanceof Y.Map ? current : null;
}
