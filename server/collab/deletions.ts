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
