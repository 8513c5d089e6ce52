import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { deletionRanges } from '../../server/collab/deletions.ts';
import { idRunsIn } from '../../server/domain/version-diff-authors.ts';
import { deletersOf } from '../../shared/deleted-runs.ts';

describe('who deleted what', () => {
  it('cuts deleted runs where the deleters change, unknown where nothing was recorded', () => {
    const ranges = [
      { client: 7, clock: 0, length: 4, userId: 'amina' },
      { client: 7, clock: 4, length: 2, userId: 'youssef' },
      { client: 9, clock: 10, length: 5, userId: 'amina' },
    ];
    // Runs of a deleted text: 8 characters of client 7 from clock 0, then 3 of client 9 from clock 8.
    expect(
      deletersOf(
        [
          [8, 7, 0],
          [3, 9, 8],
        ],
        ranges,
      ),
    ).toEqual([
      [4, 'amina'],
      [2, 'youssef'],
      [4, null],
      [1, 'amina'],
    ]);
    expect(deletersOf([[3, 1, 0]], [])).toEqual([[3, null]]);
  });

  it('reads the ranges of a transaction’s delete set, and the id runs of part of a text', () => {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    text.insert(0, 'abcdef');
    let seen: ReturnType<typeof deletionRanges> = [];
    doc.on('afterTransaction', (transaction: Y.Transaction) => {
      if (transaction.deleteSet.clients.size > 0) seen = deletionRanges(transaction.deleteSet, 'amina');
    });
    text.delete(1, 3);
    expect(seen).toEqual([{ client: doc.clientID, clock: 1, length: 3, userId: 'amina' }]);
    expect(
      idRunsIn(
        [
          [4, 7, 10],
          [4, 9, 0],
        ],
        2,
        6,
      ),
    ).toEqual([
      [2, 7, 12],
      [2, 9, 0],
    ]);
  });
});
