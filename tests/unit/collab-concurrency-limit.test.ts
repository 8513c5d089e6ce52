import { describe, expect, it } from 'vitest';
import { ConcurrencyLimit } from '../../server/collab/concurrency-limit.ts';

/** A task that runs until its `finish` is called. */
function gatedTask(log: string[], name: string) {
  let finish!: () => void;
  const gate = new Promise<void>((resolve) => (finish = resolve));
  return {
    finish,
    task: async () => {
      log.push(`start ${name}`);
      await gate;
      log.push(`end ${name}`);
      return name;
    },
  };
}

describe('ConcurrencyLimit', () => {
  it('runs at most `max` tasks at once, the others in the order they came', async () => {
    const limit = new ConcurrencyLimit(2);
    const log: string[] = [];
    const tasks = ['a', 'b', 'c', 'd'].map((name) => gatedTask(log, name));
    const results = tasks.map(({ task }) => limit.run(task));
    await Promise.resolve();
    expect(log).toEqual(['start a', 'start b']);
    expect(limit.queued).toBe(2);
    tasks[1]!.finish();
    await results[1];
    await Promise.resolve();
    expect(log).toEqual(['start a', 'start b', 'end b', 'start c']);
    tasks[0]!.finish();
    tasks[2]!.finish();
    tasks[3]!.finish();
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c', 'd']);
    expect(log.filter((line) => line.startsWith('start'))).toEqual(['start a', 'start b', 'start c', 'start d']);
    expect(limit.queued).toBe(0);
  });

  it('frees the slot of a task that fails', async () => {
    const limit = new ConcurrencyLimit(1);
    await expect(limit.run(() => Promise.reject(new Error('failed')))).rejects.toThrow('failed');
    expect(await limit.run(async () => 'next')).toBe('next');
  });
});
