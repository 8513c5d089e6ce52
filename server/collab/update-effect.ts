import * as Y from 'yjs';
import type { UpdateExtent } from './protocol/index.ts';

/**
 * Whether an update repeats structs the document already has (a sync step 2, a resent update):
 * only then must it be cut down to what is new (Y.diffUpdate) before it is relayed and stored.
 * A keystroke's update starts exactly where the document's copy of its client ends.
 */
export function overlapsDocument(doc: Y.Doc, extent: UpdateExtent): boolean {
  const { structs } = extent;
  for (let i = 0; i < structs.length; i += 3) {
    if (structs[i + 1]! < Y.getState(doc.store, structs[i]!)) return true;
  }
  return false;
}

/**
 * Whether a (validated) update would change the document: structs it does not have yet, or
 * deletions of items it has not deleted. Read from the extent the validator recorded, so the
 * update is not decoded again. A sync step 2 that merely repeats the document (it always carries
 * the whole delete set) changes nothing, and a viewer sending one is not told off for it.
 */
export function updateChangesDocument(doc: Y.Doc, extent: UpdateExtent): boolean {
  const { structs, deletes } = extent;
  for (let i = 0; i < structs.length; i += 3) {
    if (structs[i + 2]! > Y.getState(doc.store, structs[i]!)) return true;
  }
  for (let i = 0; i < deletes.length; i += 3) {
    const client = deletes[i]!;
    const clock = deletes[i + 1]!;
    const end = clock + deletes[i + 2]!;
    const clientStructs = doc.store.clients.get(client);
    if (!clientStructs || end > Y.getState(doc.store, client)) return true;
    for (let index = Y.findIndexSS(clientStructs, clock); index < clientStructs.length; index++) {
      const struct = clientStructs[index]!;
      if (struct.id.clock >= end) break;
      if (!struct.deleted) return true;
    }
  }
  return false;
}

/**
 * Whether the document holds updates still waiting for missing dependencies. Pending structs
 * that arrived since in another version (Yjs keeps the first it integrates) wait for nothing any
 * more: they are dropped by the next state encoding, so they do not count.
 */
export function hasMissingDependencies(doc: Y.Doc): boolean {
  return doc.store.pendingDs !== null || pendingStructCount(doc) > 0;
}

/** How many structs (counted by clock, as Yjs counts them) wait for missing dependencies. */
export function pendingStructCount(doc: Y.Doc): number {
  const pending = doc.store.pendingStructs;
  if (!pending) return 0;
  const live = Y.diffUpdateV2(pending.update, Y.encodeStateVector(doc));
  const { from, to } = Y.parseUpdateMetaV2(live);
  let count = 0;
  for (const [client, end] of to) count += end - (from.get(client) ?? end);
  return count;
}
