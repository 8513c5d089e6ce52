import * as Y from 'yjs';

/**
 * The mark a projection records next to its rows (documents.projected_state): the Yjs snapshot
 * of the document it was computed from. A state vector alone would miss deletions, which add no
 * struct: deleting a measure leaves the state vector as it was.
 */
export function projectionMark(doc: Y.Doc): Uint8Array {
  return Y.encodeSnapshot(Y.snapshot(doc));
}

/** True when the projection recorded with `mark` was not computed from this state of `doc`. */
export function projectionLags(doc: Y.Doc, mark: Uint8Array | null): boolean {
  if (!mark || mark.byteLength === 0) return true;
  return !Y.equalSnapshots(Y.snapshot(doc), Y.decodeSnapshot(mark));
}
