import { ByteReader, ProtocolError } from './byte-reader.ts';
import { reasonFor } from './update-v1.ts';

/**
 * A Yjs state vector (yjs encoding.js readStateVector): a count, then (client id, clock) pairs.
 * Sent by a client in sync step 1; the server answers with encodeStateAsUpdate(doc, vector).
 */
export type StateVectorValidation = { ok: true; stateVector: ReadonlyMap<number, number> } | { ok: false; reason: string };

export function validateStateVector(bytes: Uint8Array, maxEntries: number): StateVectorValidation {
  try {
    const reader = new ByteReader(bytes);
    // Each entry is two varuints, so at least 2 bytes: checked before the loop.
    const count = reader.count('state vector size', 2, maxEntries);
    const stateVector = new Map<number, number>();
    for (let i = 0; i < count; i++) {
      const client = reader.varUint('state vector client id');
      const clock = reader.varUint('state vector clock');
      // Encoded from a Map by every implementation; a repeat means the bytes were forged.
      if (stateVector.has(client)) throw new ProtocolError(`client ${client} appears twice in the state vector`);
      stateVector.set(client, clock);
    }
    if (reader.remaining > 0) throw new ProtocolError(`${reader.remaining} trailing bytes after the state vector`);
    return { ok: true, stateVector };
  } catch (error) {
    return { ok: false, reason: reasonFor(error) };
  }
}
