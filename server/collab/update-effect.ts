import * as Y from 'yjs';

/**
 * Whether a (validated) update would change the document: structs it does not have yet, or
 * deletions of items it has not deleted. Used for read-only connections only, so a viewer whose
 * sync step 2 merely repeats the document (it always carries the whole delete set) is not told
 * off for edits it never made.
 */
export function updateChangesDocument(doc: Y.Doc, update: Uint8Array): boolean {
  const known = Y.decodeStateVector(Y.encodeStateVector(doc));
  for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVectorFromUpdate(update))) {
    if (clock > (known.get(client) ?? 0)) return true;
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
