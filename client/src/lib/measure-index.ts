import * as Y from 'yjs';
import { findMeasure, measuresOf } from '../../../shared/doc-schema.ts';

interface Index {
  byId: Map<string, Y.Map<unknown>>;
  /** ids held by two rows (two clients of model 1 inserting one row): the shared reader decides */
  doubled: Set<string>;
}

const indexes = new WeakMap<Y.Doc, Index | null>();
const watched = new WeakSet<Y.Doc>();

/**
 * findMeasure (shared/measure-model.ts) for a client that looks rows up by id all the time: each
 * cell of a rendered row binds to its row, and a scan of a 2,000-row array per cell made a
 * scroll step of a long plan cost tens of milliseconds. The index is dropped whenever rows are
 * added or removed, and a row found is checked before being trusted.
 */
export function measureMap(doc: Y.Doc, id: string): Y.Map<unknown> | undefined {
  if (!watched.has(doc)) {
    watched.add(doc);
    measuresOf(doc).observe(() => indexes.set(doc, null));
  }
  let index = indexes.get(doc);
  if (!index) indexes.set(doc, (index = build(doc)));
  if (index.doubled.has(id)) return findMeasure(doc, id);
  const found = index.byId.get(id);
  if (found && found.get('id') === id && found.parent === measuresOf(doc)) return found;
  return findMeasure(doc, id);
}

function build(doc: Y.Doc): Index {
  const index: Index = { byId: new Map(), doubled: new Set() };
  for (const item of measuresOf(doc).toArray()) {
    const id = item instanceof Y.Map ? item.get('id') : undefined;
    if (typeof id !== 'string') continue;
    if (index.byId.has(id)) index.doubled.add(id);
    else index.byId.set(id, item);
  }
  return index;
}
