import { describe, expect, it } from 'vitest';
import { batchedByTurn } from '../../server/queries/batched-by-turn.ts';

describe('batchedByTurn', () => {
  it('looks up the keys of one turn together, each once, and tells each asker its own answer', async () => {
    const calls: string[][] = [];
    const get = batchedByTurn(
      async (keys) => {
        calls.push(keys);
        return new Map(keys.filter((key) => key !== 'gone').map((key) => [key, key.toUpperCase()]));
      },
      { maxBatch: 100 },
    );
    const answers = await Promise.all([get('a'), get('b'), get('a'), get('gone')]);
    expect(answers).toEqual(['A', 'B', 'A', undefined]);
    expect(calls).toEqual([['a', 'b', 'gone']]);
    // The next turn is a batch of its own.
    expect(await get('c')).toBe('C');
    expect(calls).toHaveLength(2);
  });

  it('sends a full batch at once and starts another', async () => {
    const calls: string[][] = [];
    const get = batchedByTurn(
      async (keys) => {
        calls.push(keys);
        return new Map(keys.map((key) => [key, key]));
      },
      { maxBatch: 2 },
    );
    expect(await Promise.all(['a', 'b', 'c', 'd', 'e'].map(get))).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(calls).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
  });

  it('tells every asker of a failed batch', async () => {
    const get = batchedByTurn<string>(
      async () => {
        throw new Error('database gone');
      },
      { maxBatch: 10 },
    );
    const results = await Promise.allSettled([get('a'), get('b')]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
  });
});
