/**
 * Myers' O(ND) difference of two sequences, used for document blocks, words and restore plans.
 * Pure and bounded: past `maxEdits` differences it stops searching and answers with a coarse
 * (still correct, just not minimal) script, so a hostile or huge input cannot burn the CPU.
 */

export type Edit = { op: 'equal'; a: number; b: number } | { op: 'delete'; a: number } | { op: 'insert'; b: number };

export interface SequenceDiff {
  edits: Edit[];
  /** false when the edit limit was reached and the middle was replaced wholesale */
  exact: boolean;
}

/** An edit script turning `a` into `b`: equal items in both, deletions from `a`, insertions from `b`. */
export function diffSequences<T>(a: readonly T[], b: readonly T[], equal: (x: T, y: T) => boolean = Object.is, maxEdits = 2000): SequenceDiff {
  // Common ends cost nothing to find and are most of a typical edit; Myers runs on the middle only.
  let start = 0;
  while (start < a.length && start < b.length && equal(a[start]!, b[start]!)) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && equal(a[endA - 1]!, b[endB - 1]!)) {
    endA--;
    endB--;
  }
  const edits: Edit[] = [];
  for (let i = 0; i < start; i++) edits.push({ op: 'equal', a: i, b: i });
  const middle = myers(endA - start, endB - start, (x, y) => equal(a[start + x]!, b[start + y]!), maxEdits);
  if (middle) {
    for (const edit of middle) edits.push(shift(edit, start));
  } else {
    for (let i = start; i < endA; i++) edits.push({ op: 'delete', a: i });
    for (let j = start; j < endB; j++) edits.push({ op: 'insert', b: j });
  }
  for (let i = endA, j = endB; i < a.length; i++, j++) edits.push({ op: 'equal', a: i, b: j });
  return { edits, exact: middle !== null };
}

/**
 * The same, for sequences compared by a string key (a block's text, a serialised Yjs value): keys
 * are numbered first, so each comparison in the search is one integer test, not a long string's.
 */
export function diffKeys(a: readonly string[], b: readonly string[], maxEdits?: number): SequenceDiff {
  const numbers = new Map<string, number>();
  const number = (key: string) => numbers.get(key) ?? numbers.set(key, numbers.size).size - 1;
  return diffSequences(a.map(number), b.map(number), (x, y) => x === y, maxEdits);
}

function shift(edit: Edit, by: number): Edit {
  switch (edit.op) {
    case 'equal':
      return { op: 'equal', a: edit.a + by, b: edit.b + by };
    case 'delete':
      return { op: 'delete', a: edit.a + by };
    case 'insert':
      return { op: 'insert', b: edit.b + by };
  }
}

/**
 * The greedy forward search of Myers (1986). `trace[d]` keeps the furthest x reached on each
 * diagonal k ∈ [-d, d] after d differences (index k + d): O(D²) memory instead of O(D·(N+M)).
 */
function myers(n: number, m: number, equal: (x: number, y: number) => boolean, maxEdits: number): Edit[] | null {
  const trace: Int32Array[] = [];
  const limit = Math.min(n + m, maxEdits);
  for (let d = 0; d <= limit; d++) {
    const previous = trace[d - 1];
    const v = new Int32Array(2 * d + 1);
    for (let k = -d; k <= d; k += 2) {
      let x: number;
      if (d === 0) x = 0;
      else if (k === -d || (k !== d && previous![k - 1 + d - 1]! < previous![k + 1 + d - 1]!)) x = previous![k + 1 + d - 1]!;
      else x = previous![k - 1 + d - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && equal(x, y)) {
        x++;
        y++;
      }
      v[k + d] = x;
      if (x >= n && y >= m) {
        trace.push(v);
        return backtrack(trace, n, m);
      }
    }
    trace.push(v);
  }
  return null;
}

function backtrack(trace: Int32Array[], n: number, m: number): Edit[] {
  const reversed: Edit[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d > 0; d--) {
    const previous = trace[d - 1]!;
    const k = x - y;
    const down = k === -d || (k !== d && previous[k - 1 + d - 1]! < previous[k + 1 + d - 1]!);
    const previousK = down ? k + 1 : k - 1;
    const previousX = previous[previousK + d - 1]!;
    const previousY = previousX - previousK;
    while (x > previousX && y > previousY) reversed.push({ op: 'equal', a: --x, b: --y });
    if (down) reversed.push({ op: 'insert', b: --y });
    else reversed.push({ op: 'delete', a: --x });
  }
  while (x > 0 && y > 0) reversed.push({ op: 'equal', a: --x, b: --y });
  return reversed.reverse();
}
