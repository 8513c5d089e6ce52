import type * as Y from 'yjs';

/** Items [clock, clock + length) of Yjs client `client`, deleted by `userId`. */
export interface DeletionRange {
  client: number;
  clock: number;
  length: number;
  userId: string;
}

/** The ranges of a transaction's delete set (only what it newly deleted), each with its deleter. Pure. */
export function deletionRanges(deleteSet: Y.Transaction['deleteSet'], userId: string): DeletionRange[] {
  const ranges: DeletionRange[] = [];
  for (const [client, items] of deleteSet.clients) {
    for (const item of items) if (item.len > 0) ranges.push({ client, clock: item.clock, length: item.len, userId });
  }
  return ranges;
}

/** How many ranges each client has in a delete set: with `deletedSince`, what one part of a transaction deleted. */
export function deleteSetLengths(deleteSet: Y.Transaction['deleteSet']): Map<number, number> {
  const lengths = new Map<number, number>();
  for (const [client, items] of deleteSet.clients) lengths.set(client, items.length);
  return lengths;
}

/**
 * The ranges added to a transaction's delete set since `before` (deleteSetLengths), with their
 * deleter. Yjs only appends to a transaction's delete set until the transaction ends (it sorts and
 * merges it then), so what one update applied inside the transaction deleted is what it appended.
 */
export function deletedSince(deleteSet: Y.Transaction['deleteSet'], before: Map<number, number>, userId: string): DeletionRange[] {
  const ranges: DeletionRange[] = [];
  for (const [client, items] of deleteSet.clients) {
    for (let i = before.get(client) ?? 0; i < items.length; i++) {
      const item = items[i]!;
      if (item.len > 0) ranges.push({ client, clock: item.clock, length: item.len, userId });
    }
  }
  return ranges;
}
