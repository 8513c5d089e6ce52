import * as Y from 'yjs';

/**
 * Whether a (validated) update would change the document: structs it does not have yet, or
 * deletions of items it has not deleted. Used for read-only connections only, so a viewer whose
 * sync step 2 merely repeats the document (it always carries the whole delete set) is not told
 * off for edits it never made.
 */
export function updateChangesDocument(doc: Y.Doc, update: Uint8Array): boolean {
  const known = Y.decodeStateVector(Y.encodeStateVector(doc));
  // Where each client's structs end (encodeStateVectorFromUpdate would say 0 for an update not
  // starting at clock 0, i.e. for every incremental one).
  for (const [client, end] of Y.parseUpdateMeta(update).to) {
    if (end > (known.get(client) ?? 0)) return true;
  }
  const { ds } = Y.decodeUpdate(update);
  for (const [client, ranges] of ds.clients) {
    const structs = doc.store.clients.get(client);
    for (const range of ranges) {
      if (!structs || range.clock + range.len > (known.get(client) ?? 0)) return true;
      for (let index = Y.findIndexSS(structs, range.clock); index < structs.length; index++) {
        const struct = structs[index]!;
        if (struct.id.clock >= range.clock + range.len) break;
        if (!struct.deleted) return true;
      }
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
  if (doc.store.pendingDs) return true;
  const pending = doc.store.pendingStructs;
  if (!pending) return false;
  const live = Y.diffUpdateV2(pending.update, Y.encodeStateVector(doc));
  return Y.parseUpdateMetaV2(live).to.size > 0;
}
