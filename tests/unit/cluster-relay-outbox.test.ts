import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CONFIRM_DELAY_MS, RELAY_SEND_INTERVAL_MS, RelayOutbox } from '../../server/cluster/relay-outbox.ts';

const bytes = (n: number) => new Uint8Array([n]);

describe('RelayOutbox (relays to the other processes, and commit confirmations)', () => {
  let sent: Array<['relay', string, number, number[]] | ['confirm', number]>;
  let outbox: RelayOutbox;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'performance'] });
    sent = [];
    outbox = new RelayOutbox({
      relay: (documentId, sequence, updates) => sent.push(['relay', documentId, sequence, updates.map((update) => update[0]!)]),
      confirm: (sequence) => sent.push(['confirm', sequence]),
    });
  });
  afterEach(() => vi.useRealTimers());

  it('sends at the end of the turn after a quiet spell, one message per document, then at most every interval', async () => {
    outbox.add('doc1', bytes(1), 1);
    outbox.add('doc2', bytes(2), 2);
    outbox.add('doc1', bytes(3), 3);
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toEqual([
      ['relay', 'doc1', 3, [1, 3]],
      ['relay', 'doc2', 2, [2]],
    ]);
    outbox.add('doc1', bytes(4), 4);
    await vi.advanceTimersByTimeAsync(RELAY_SEND_INTERVAL_MS - 1);
    expect(sent).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent.at(-1)).toEqual(['relay', 'doc1', 4, [4]]);
  });

  it('lets a confirmation ride with the next relay, or leave alone shortly after when none follows', async () => {
    outbox.add('doc1', bytes(1), 1);
    await vi.advanceTimersByTimeAsync(0);
    outbox.add('doc1', bytes(2), 2);
    outbox.committed(1);
    await vi.advanceTimersByTimeAsync(RELAY_SEND_INTERVAL_MS);
    expect(sent.slice(1)).toEqual([
      ['relay', 'doc1', 2, [2]],
      ['confirm', 1],
    ]);
    outbox.committed(2);
    await vi.advanceTimersByTimeAsync(CONFIRM_DELAY_MS - 1);
    expect(sent).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent.at(-1)).toEqual(['confirm', 2]);
  });

  it('confirms nothing the others do not hold, and sends what waits when flushed', async () => {
    outbox.committed(5);
    await vi.advanceTimersByTimeAsync(CONFIRM_DELAY_MS);
    expect(sent).toEqual([]);
    outbox.add('doc1', bytes(1), 6);
    outbox.committed(6);
    outbox.flush();
    expect(sent).toEqual([
      ['relay', 'doc1', 6, [1]],
      ['confirm', 6],
    ]);
    await vi.advanceTimersByTimeAsync(CONFIRM_DELAY_MS);
    expect(sent).toHaveLength(2);
  });
});
