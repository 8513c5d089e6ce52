import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BatchedWrites } from '../../server/collab/batched-writes.ts';

describe('BatchedWrites', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const setup = (maxRows?: number) => {
    const batches: number[][] = [];
    const errors: Array<[unknown, number]> = [];
    let fail = false;
    const writes = new BatchedWrites<number>(
      async (rows) => {
        if (fail) throw new Error('down');
        batches.push(rows);
      },
      (error, rows) => errors.push([error, rows]),
      20,
      maxRows,
    );
    return { writes, batches, errors, failNext: () => (fail = true) };
  };

  it('writes the rows added in one interval as one batch, once the interval is over', async () => {
    const { writes, batches } = setup();
    writes.add([1, 2]);
    writes.add([3]);
    expect(batches).toEqual([]);
    await vi.advanceTimersByTimeAsync(20);
    expect(batches).toEqual([[1, 2, 3]]);
    writes.add([4]);
    await vi.advanceTimersByTimeAsync(20);
    expect(batches).toEqual([[1, 2, 3], [4]]);
  });

  it('flush writes what waits at once and resolves once it is written', async () => {
    const { writes, batches } = setup();
    writes.add([1]);
    await writes.flush();
    expect(batches).toEqual([[1]]);
    await vi.advanceTimersByTimeAsync(100);
    expect(batches).toEqual([[1]]);
  });

  it('splits what exceeds the batch size and writes a full batch without waiting', async () => {
    const { writes, batches } = setup(2);
    writes.add([1, 2, 3]);
    await writes.flush();
    expect(batches).toEqual([[1, 2], [3]]);
    writes.add([4, 5]);
    await Promise.resolve();
    expect(batches).toEqual([[1, 2], [3], [4, 5]]);
  });

  it('reports a failed write with its row count, and flush still resolves', async () => {
    const { writes, errors, failNext } = setup();
    failNext();
    writes.add([1, 2]);
    await writes.flush();
    expect(errors).toHaveLength(1);
    expect(errors[0]![1]).toBe(2);
  });
});
