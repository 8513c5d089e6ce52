import { describe, expect, it } from 'vitest';
import { TentativeLedger } from '../../server/cluster/tentative-ledger.ts';

const bytes = (n: number) => new Uint8Array([n]);
const sequences = (entries: { sequence: number }[]) => entries.map((entry) => entry.sequence);

describe('TentativeLedger (updates relayed before their commit, until confirmed)', () => {
  it('drops what the sender confirms, up to the confirmed sequence number only', () => {
    const ledger = new TentativeLedger(5_000);
    ledger.add('a', 'doc1', 3, [bytes(1), bytes(2)], 0);
    ledger.add('a', 'doc2', 5, [bytes(3)], 1);
    ledger.add('a', 'doc1', 9, [bytes(4)], 2);
    expect(ledger.size).toBe(3);
    ledger.confirm('a', 5);
    expect(ledger.size).toBe(1);
    expect(sequences(ledger.takeAll())).toEqual([9]);
  });

  it('keeps each sender apart: one confirmation says nothing of another process', () => {
    const ledger = new TentativeLedger(5_000);
    ledger.add('a', 'doc1', 4, [bytes(1)], 0);
    ledger.add('b', 'doc1', 2, [bytes(2)], 0);
    ledger.confirm('b', 100);
    expect(ledger.takeAll().map((entry) => entry.sender)).toEqual(['a']);
  });

  it('hands out what is not confirmed in time, once, and only when due', () => {
    const ledger = new TentativeLedger(5_000);
    ledger.add('a', 'doc1', 1, [bytes(1)], 1_000);
    ledger.add('b', 'doc2', 7, [bytes(2)], 2_000);
    ledger.add('a', 'doc1', 2, [bytes(3)], 3_000);
    expect(ledger.nextDue()).toBe(6_000);
    expect(ledger.takeDue(5_999)).toEqual([]);
    const due = ledger.takeDue(7_000);
    expect(due.map((entry) => [entry.sender, entry.documentId, entry.sequence, entry.updates])).toEqual([
      ['a', 'doc1', 1, [bytes(1)]],
      ['b', 'doc2', 7, [bytes(2)]],
    ]);
    expect(ledger.takeDue(7_000)).toEqual([]);
    expect(ledger.nextDue()).toBe(8_000);
    ledger.confirm('a', 2);
    expect(ledger.nextDue()).toBeNull();
    expect(ledger.size).toBe(0);
  });

  it('holds nothing the sender already said it committed (a relay that arrives after its confirmation)', () => {
    const ledger = new TentativeLedger(5_000);
    ledger.confirm('a', 10);
    ledger.add('a', 'doc1', 10, [bytes(1)], 0);
    ledger.add('a', 'doc1', 8, [bytes(2)], 0);
    expect(ledger.size).toBe(0);
    ledger.add('a', 'doc1', 11, [bytes(3)], 0);
    expect(ledger.size).toBe(1);
  });

  it('ignores a confirmation older than one already received', () => {
    const ledger = new TentativeLedger(5_000);
    ledger.add('a', 'doc1', 6, [bytes(1)], 0);
    ledger.confirm('a', 7);
    ledger.confirm('a', 3);
    ledger.add('a', 'doc1', 5, [bytes(2)], 0);
    expect(ledger.size).toBe(0);
  });
});
