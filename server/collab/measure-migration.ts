import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import { migrateMeasures, needsMeasureMigration } from '../../shared/doc-schema.ts';

/**
 * The update that brings a document's measures to the current model (shared/measure-model.ts),
 * or null when they already are. Made on a copy whose Yjs client id is derived from the
 * document's state vector: two processes that load the same stored document at once make
 * byte-identical updates (same struct ids, same content), which Yjs merges as one. Had each used
 * its own client id, each converted cell would be two Y.Texts under one key, and what someone
 * typed into the losing one would vanish once the two updates met.
 *
 * Applied on top of the log like any change: the history before it stays.
 */
export function measureMigration(doc: Y.Doc): Uint8Array | null {
  if (!needsMeasureMigration(doc)) return null;
  const stateVector = Y.encodeStateVector(doc);
  const copy = new Y.Doc({ gc: doc.gc });
  try {
    copy.clientID = migrationClientId(stateVector, Y.decodeStateVector(stateVector));
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    let changed = false;
    copy.transact(() => {
      changed = migrateMeasures(copy);
    });
    return changed ? Y.encodeStateAsUpdate(copy, stateVector) : null;
  } finally {
    copy.destroy();
  }
}

/** A Yjs client id (uint32) that only this state gives, and that has written nothing yet. */
export function migrationClientId(stateVector: Uint8Array, known: Map<number, number>): number {
  let id = createHash('sha256').update('tansiq measures migration').update(stateVector).digest().readUInt32BE(0);
  while (known.has(id)) id = (id + 1) >>> 0;
  return id;
}
