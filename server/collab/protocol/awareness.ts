import { ByteReader, ProtocolError } from './byte-reader.ts';
import { parseJsonBounded } from './json-text.ts';
import { DEFAULT_AWARENESS_LIMITS, withDefaults, type AwarenessLimits } from './limits.ts';
import { reasonFor } from './update-v1.ts';

/**
 * A y-protocols awareness update (awareness.js encodeAwarenessUpdate): a count, then per entry
 * client id, clock and the state as JSON text ("null" when the client left).
 */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** the parsed state; null means the client is gone */
  state: Record<string, unknown> | null;
}

export type AwarenessValidation = { ok: true; entries: AwarenessEntry[] } | { ok: false; reason: string };

// client id, clock and string length are one byte at least, and JSON text is never empty.
const MIN_ENTRY_BYTES = 4;

export function validateAwarenessUpdate(bytes: Uint8Array, limits: Partial<AwarenessLimits> = {}): AwarenessValidation {
  const l = withDefaults<AwarenessLimits>(DEFAULT_AWARENESS_LIMITS, limits);
  try {
    const reader = new ByteReader(bytes);
    const count = reader.count('awareness entry count', MIN_ENTRY_BYTES, l.maxEntries);
    const entries: AwarenessEntry[] = [];
    for (let i = 0; i < count; i++) {
      const clientId = reader.varUint('awareness client id');
      const clock = reader.varUint('awareness clock');
      // The size limit is checked on the length prefix, before any decoding.
      const text = reader.varString('awareness state', l.maxStateBytes);
      const state = parseJsonBounded(text, l.maxDepth, 'awareness state');
      // Awareness.setLocalState takes an object or null; anything else is not from a real client.
      if (state !== null && (typeof state !== 'object' || Array.isArray(state))) {
        throw new ProtocolError('awareness state is neither an object nor null');
      }
      entries.push({ clientId, clock, state: state as Record<string, unknown> | null });
    }
    if (reader.remaining > 0) throw new ProtocolError(`${reader.remaining} trailing bytes after the awareness entries`);
    return { ok: true, entries };
  } catch (error) {
    return { ok: false, reason: reasonFor(error) };
  }
}
