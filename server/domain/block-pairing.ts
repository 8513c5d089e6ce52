/**
 * Which removed blocks became which added blocks, within one stretch of changes: the pairing, in
 * reading order, of alike texts with the greatest total likeness (a weighted LCS). Unpaired
 * blocks were really removed or added. Pure.
 */

/** Blocks of one stretch sharing less than this (Dice coefficient of their words) are not paired. */
export const PAIRING_SIMILARITY = 0.3;
/** Beyond this many candidate pairs, or characters, in one stretch, pair in order instead (cost bounds). */
const MAX_CANDIDATES = 40_000;
const MAX_CHARS = 1_000_000;

export function pairBlocks(deleted: readonly string[], inserted: readonly string[]): Array<[number, number]> {
  if (deleted.length === 0 || inserted.length === 0) return [];
  // One block replaced by one block is an edit of that block, however much of it changed.
  if (deleted.length === 1 && inserted.length === 1) return [[0, 0]];
  const chars = [...deleted, ...inserted].reduce((sum, text) => sum + text.length, 0);
  // A stretch this large is a rewrite of the document: likeness would cost much and say little.
  if (deleted.length * inserted.length > MAX_CANDIDATES || chars > MAX_CHARS) {
    return Array.from({ length: Math.min(deleted.length, inserted.length) }, (_, k): [number, number] => [k, k]);
  }
  const before = deleted.map(wordBag);
  const after = inserted.map(wordBag);

  // best[i][j]: greatest total likeness pairing deleted[i..] with inserted[j..]
  const rows = deleted.length + 1;
  const cols = inserted.length + 1;
  const best = new Float64Array(rows * cols);
  for (let i = deleted.length - 1; i >= 0; i--) {
    for (let j = inserted.length - 1; j >= 0; j--) {
      const likeness = dice(before[i]!, after[j]!);
      const paired = likeness >= PAIRING_SIMILARITY ? likeness + best[(i + 1) * cols + j + 1]! : -1;
      best[i * cols + j] = Math.max(paired, best[(i + 1) * cols + j]!, best[i * cols + j + 1]!);
    }
  }
  const pairs: Array<[number, number]> = [];
  let i = 0;
  let j = 0;
  while (i < deleted.length && j < inserted.length) {
    const likeness = dice(before[i]!, after[j]!);
    if (likeness >= PAIRING_SIMILARITY && best[i * cols + j] === likeness + best[(i + 1) * cols + j + 1]!) {
      pairs.push([i++, j++]);
    } else if (best[i * cols + j] === best[(i + 1) * cols + j]) {
      i++;
    } else {
      j++;
    }
  }
  return pairs;
}

const NOT_WORD = /[^\p{L}\p{N}\p{M}_]+/u;

function wordBag(text: string): Map<string, number> {
  const bag = new Map<string, number>();
  for (const word of text.toLowerCase().split(NOT_WORD)) if (word) bag.set(word, (bag.get(word) ?? 0) + 1);
  return bag;
}

/** Words two texts share, over the words they have (1 for two texts without words). */
function dice(a: Map<string, number>, b: Map<string, number>): number {
  let sizeA = 0;
  let sizeB = 0;
  let shared = 0;
  for (const count of a.values()) sizeA += count;
  for (const [word, count] of b) {
    sizeB += count;
    shared += Math.min(count, a.get(word) ?? 0);
  }
  return sizeA + sizeB === 0 ? 1 : (2 * shared) / (sizeA + sizeB);
}
