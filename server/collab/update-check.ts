import type { CollabLimits } from './limits.ts';

export type UpdateCheck = { ok: true; empty: boolean } | { ok: false; reason: string };

/**
 * Checks client bytes before Yjs decodes them (Yjs's decoder can loop or allocate without bound
 * on hostile input).
 * TODO(collab-protocol): replaced by the structural validator in ./protocol/.
 */
export function checkUpdate(update: Uint8Array, limits: Pick<CollabLimits, 'maxStructsPerUpdate'>): UpdateCheck {
  void limits;
  if (update.length < 2) return { ok: false, reason: 'truncated update' };
  return { ok: true, empty: update.length === 2 && update[0] === 0 && update[1] === 0 };
}

/** A state vector: a count, then that many (client id, clock) pairs of varints, and nothing after. */
export function checkStateVector(bytes: Uint8Array): { ok: true } | { ok: false; reason: string } {
  let pos = 0;
  const readVarUint = (): number | null => {
    let value = 0;
    let multiplier = 1;
    for (let i = 0; i < 8 && pos < bytes.length; i++) {
      const byte = bytes[pos++]!;
      value += (byte & 0x7f) * multiplier;
      if (byte < 0x80) return value <= Number.MAX_SAFE_INTEGER ? value : null;
      multiplier *= 128;
    }
    return null;
  };
  const count = readVarUint();
  if (count === null) return { ok: false, reason: 'malformed state vector' };
  if (count * 2 > bytes.length - pos) return { ok: false, reason: 'state vector count beyond the end of the message' };
  for (let i = 0; i < count; i++) {
    if (readVarUint() === null || readVarUint() === null) return { ok: false, reason: 'malformed state vector' };
  }
  if (pos !== bytes.length) return { ok: false, reason: 'trailing bytes after the state vector' };
  return { ok: true };
}
