import { MAX_CLIENTS_PER_MESSAGE, MAX_STATE_VECTOR_ENTRIES, STORED_LIMITS, type CollabLimits } from './limits.ts';
import { validateUpdateV1, type PartialFrameLimits, type UpdateExtent, type UpdateStats } from './protocol/index.ts';

/**
 * Where the structs and deletions of an update lie, for an update Yjs produced from one that was
 * validated (Y.diffUpdate's output): within the same bounds, so this cannot fail.
 */
export function extentOf(update: Uint8Array): UpdateExtent {
  const result = validateUpdateV1(update, STORED_LIMITS, { extent: true });
  if (!result.ok) throw new Error(`an update derived from a validated one is invalid: ${result.reason}`);
  return result.extent!;
}

/** No structs and no deletions: applying it changes nothing (a sync step 2 from an up-to-date client). */
export const isEmptyUpdate = (stats: UpdateStats): boolean => stats.structs === 0 && stats.deletes === 0;

const updateLimits = (limits: Pick<CollabLimits, 'maxStructsPerUpdate' | 'maxMessageBytes'>) => ({
  maxBytes: limits.maxMessageBytes,
  maxStructs: limits.maxStructsPerUpdate,
  maxClients: MAX_CLIENTS_PER_MESSAGE,
});

/**
 * The bounds of whole client frames (see inbound-frame.ts), checked before Yjs decodes anything:
 * its decoder can loop for ever or allocate without bound on hostile input (yjs issues 479, 498,
 * 687), so nothing reaches Y.applyUpdate, the store or a merge without passing them.
 *
 * Frozen, and the same object while the limits read the same (every message of every connection
 * asks for them): the validator then resolves them once (withDefaults), not once per message.
 */
export function frameLimits(limits: CollabLimits): PartialFrameLimits {
  const key = [limits.maxMessageBytes, limits.maxStructsPerUpdate, limits.maxAwarenessEntries, limits.maxAwarenessStateBytes] as const;
  if (lastFrameLimits?.key.every((value, i) => value === key[i])) return lastFrameLimits.frame;
  const frame: PartialFrameLimits = Object.freeze({
    update: Object.freeze(updateLimits(limits)),
    awareness: Object.freeze({ maxEntries: limits.maxAwarenessEntries, maxStateBytes: limits.maxAwarenessStateBytes }),
    maxStateVectorEntries: MAX_STATE_VECTOR_ENTRIES,
  });
  lastFrameLimits = { key, frame };
  return frame;
}
let lastFrameLimits: { key: readonly number[]; frame: PartialFrameLimits } | null = null;

/** Throws unless every stored part is a well-formed V1 update. */
export function assertStoredUpdates(parts: readonly Uint8Array[], documentId: string): void {
  for (const part of parts) storedValidation(part, documentId, false);
}

/** Where each stored part's structs and deletions lie; throws like assertStoredUpdates. */
export function storedExtents(parts: readonly Uint8Array[], documentId: string): UpdateExtent[] {
  return parts.map((part) => storedValidation(part, documentId, true).extent!);
}

function storedValidation(part: Uint8Array, documentId: string, extent: boolean) {
  const result = validateUpdateV1(part, STORED_LIMITS, { extent });
  if (!result.ok) throw new Error(`stored state of document ${documentId} is not a valid update: ${result.reason}`);
  return result;
}
