import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KeyedDebouncer } from '../../server/collab/debouncer.ts';

describe('KeyedDebouncer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const setup = () => {
    const runs: Array<[string, number]> = [];
    let release: (() => void) | null = null;
    let hold = false;
    const debouncer = new KeyedDebouncer(1_000, 5_000, async (key) => {
      runs.push([key, Date.now()]);
      if (hold) await new Promise<void>((resolve) => (release = resolve));
    });
    return {
      debouncer,
      runs,
      holdNext: () => (hold = true),
      release: () => {
        hold = false;
        release?.();
      },
    };
  };

  it('runs once after the key has been quiet for the wait', async () => {
    const { debouncer, runs } = setup();
    const start = Date.now();
    debouncer.schedule('a');
    await vi.advanceTimersByTimeAsync(600);
    debouncer.schedule('a');
    await vi.advanceTimersByTimeAsync(999);
    expect(runs).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs).toEqual([['a', start + 1_600]]);
  });

  it('runs at least every max wait while changes keep coming, and keys are independent', async () => {
    const { debouncer, runs } = setup();
    const start = Date.now();
    for (let t = 0; t < 7_000; t += 100) {
      debouncer.schedule('busy');
      if (t === 2_000) debouncer.schedule('calm');
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(runs.filter(([key]) => key === 'busy').map(([, at]) => at - start)).toEqual([5_000]);
    expect(runs.filter(([key]) => key === 'calm').map(([, at]) => at - start)).toEqual([3_000]);
  });

  it('a change during a run schedules exactly one more run', async () => {
    const { debouncer, runs, holdNext, release } = setup();
    holdNext();
    debouncer.schedule('a');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(runs).toHaveLength(1);
    debouncer.schedule('a');
    debouncer.schedule('a');
    release();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(runs).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(runs).toHaveLength(2);
  });

  it('runNow runs a scheduled key at once and cancels its timer', async () => {
    const { debouncer, runs } = setup();
    debouncer.schedule('a');
    await debouncer.runNow('a');
    expect(runs).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(runs).toHaveLength(1);
    await debouncer.runNow('unknown');
    expect(runs).toHaveLength(1);
  });
});
