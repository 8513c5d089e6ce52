/**
 * Who deleted what, between the server's record (doc_deleters: ranges of Yjs item ids with the
 * user who deleted them) and a comparison of versions (runs of deleted text by item id). Shared:
 * the server sends both, the client puts names on the pieces. Pure.
 */

export interface DeleterRange {
  client: number;
  clock: number;
  length: number;
  /** null: the user is gone (or the range was never attributed) */
  userId: string | null;
}

/** A run of deleted text in an older state: [length, Yjs client id, clock of its first character]. */
export type DeletedRun = [length: number, client: number, clock: number];

/**
 * Who deleted each piece of `runs`, given the recorded ranges: the runs cut where the deleters
 * change, each with its deleter's user id (null: not recorded). Pure.
 */
export function deletersOf(runs: readonly DeletedRun[], ranges: readonly DeleterRange[]): Array<[length: number, userId: string | null]> {
  const byClient = new Map<number, Array<{ clock: number; length: number; userId: string | null }>>();
  for (const range of ranges) {
    const list = byClient.get(range.client) ?? [];
    list.push(range);
    byClient.set(range.client, list);
  }
  const out: Array<[number, string | null]> = [];
  const push = (length: number, userId: string | null) => {
    if (length <= 0) return;
    const last = out[out.length - 1];
    if (last && last[1] === userId) last[0] += length;
    else out.push([length, userId]);
  };
  for (const [length, client, clock] of runs) {
    const candidates = byClient.get(client) ?? [];
    let position = clock;
    const end = clock + length;
    while (position < end) {
      // The first recorded deletion covering `position` (an item is deleted once); else the next start.
      const covering = candidates.find((range) => range.clock <= position && position < range.clock + range.length);
      if (covering) {
        const stop = Math.min(end, covering.clock + covering.length);
        push(stop - position, covering.userId);
        position = stop;
        continue;
      }
      const next = Math.min(end, ...candidates.filter((range) => range.clock > position).map((range) => range.clock));
      push(next - position, null);
      position = next;
    }
  }
  return out;
}
