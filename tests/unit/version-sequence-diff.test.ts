import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffSequences, type Edit } from '../../server/domain/sequence-diff.ts';

/** Replays an edit script: it must consume all of `a` and `b`, in order, and equal items must match. */
function replay<T>(a: readonly T[], b: readonly T[], edits: Edit[]): T[] {
  const out: T[] = [];
  let i = 0;
  let j = 0;
  for (const edit of edits) {
    if (edit.op === 'equal') {
      expect([edit.a, edit.b]).toEqual([i, j]);
      expect(a[i]).toEqual(b[j]);
      out.push(b[j]!);
      i++;
      j++;
    } else if (edit.op === 'delete') {
      expect(edit.a).toBe(i++);
    } else {
      expect(edit.b).toBe(j++);
      out.push(b[edit.b]!);
    }
  }
  expect([i, j]).toEqual([a.length, b.length]);
  return out;
}

/** Length of a longest common subsequence, by dynamic programming: what a minimal script keeps. */
function lcsLength<T>(a: readonly T[], b: readonly T[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    let diagonal = 0;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = x === b[j - 1] ? diagonal + 1 : Math.max(row[j]!, row[j - 1]!);
      diagonal = above;
    }
  }
  return row[b.length]!;
}

const letters = fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 40 });

describe('diffSequences (Myers)', () => {
  it('turns a into b with a minimal script', () => {
    fc.assert(
      fc.property(letters, letters, (a, b) => {
        const { edits, exact } = diffSequences(a, b);
        expect(exact).toBe(true);
        expect(replay(a, b, edits)).toEqual(b);
        expect(edits.filter((edit) => edit.op === 'equal')).toHaveLength(lcsLength(a, b));
      }),
      { numRuns: 500 },
    );
  });

  it('stays correct, but coarse, past its edit limit', () => {
    fc.assert(
      fc.property(letters, letters, fc.integer({ min: 0, max: 5 }), (a, b, maxEdits) => {
        const { edits, exact } = diffSequences(a, b, Object.is, maxEdits);
        expect(replay(a, b, edits)).toEqual(b);
        if (!exact) expect(edits.filter((edit) => edit.op !== 'equal').length).toBeGreaterThan(maxEdits);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps common ends without searching them', () => {
    const a = [...'x'.repeat(10_000), 'old', ...'y'.repeat(10_000)];
    const b = [...'x'.repeat(10_000), 'new', ...'y'.repeat(10_000)];
    const { edits, exact } = diffSequences(a, b, Object.is, 1);
    expect(exact).toBe(false);
    expect(edits.filter((edit) => edit.op !== 'equal')).toEqual([
      { op: 'delete', a: 10_000 },
      { op: 'insert', b: 10_000 },
    ]);
  });

  it('handles empty sides', () => {
    expect(diffSequences([], []).edits).toEqual([]);
    expect(diffSequences(['a'], []).edits).toEqual([{ op: 'delete', a: 0 }]);
    expect(diffSequences([], ['a']).edits).toEqual([{ op: 'insert', b: 0 }]);
  });
});
