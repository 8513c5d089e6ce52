import { onCleanup } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import type * as Y from 'yjs';
import { measuresOf, type MeasureFields } from '../../../../shared/doc-schema.ts';
import { listMeasures } from '../../lib/measures.ts';

/**
 * The measures of a Y.Doc as a Solid store that follows every local and remote change. Rows keep
 * their identity (reconciled by id), so an input being typed in is not re-created under the cursor.
 */
export function createMeasuresStore(doc: Y.Doc): { rows: MeasureFields[] } {
  const [state, setState] = createStore<{ rows: MeasureFields[] }>({ rows: listMeasures(doc) });
  const refresh = () => setState('rows', reconcile(listMeasures(doc), { key: 'id', merge: true }));
  const measures = measuresOf(doc);
  measures.observeDeep(refresh);
  onCleanup(() => measures.unobserveDeep(refresh));
  return state;
}
