import { describe, expect, it } from 'vitest';
import { byRound, combineRounds, roundOrder } from '../bench/collab/rounds.ts';

/** --rounds: servers take turns in a rotating order, and each metric is the median of its rounds. */
describe('benchmark rounds', () => {
  it('starts each round with the next server, so every server runs first, middle and last', () => {
    const labels = ['tansiq', 'tansiq-pg', 'hocuspocus', 'reference'];
    const orders = [0, 1, 2, 3, 4].map((round) => roundOrder(labels, round));
    expect(orders[0]).toEqual(labels);
    expect(orders[1]).toEqual(['tansiq-pg', 'hocuspocus', 'reference', 'tansiq']);
    expect(orders[4]).toEqual(labels);
    for (const label of labels) expect(new Set(orders.slice(0, 4).map((order) => order.indexOf(label)))).toEqual(new Set([0, 1, 2, 3]));
    expect(roundOrder([], 3)).toEqual([]);
  });

  it('takes the median of each numeric metric, keeps text from the first round and says how many rounds', () => {
    const combined = combineRounds([
      { p99Ms: 241, p50Ms: 30, clients: 500, source: 'metric', missing: null },
      { p99Ms: 796, p50Ms: 10, clients: 500, source: 'poll' },
      { p99Ms: 262, p50Ms: 20, clients: 500, source: 'poll', extra: 4 },
    ]);
    expect(combined).toEqual({ p99Ms: 262, p50Ms: 20, clients: 500, source: 'metric', missing: null, extra: 4, rounds: 3 });
    expect(combineRounds([{ p99Ms: 1 }, { p99Ms: 4 }]).p99Ms).toBe(2.5);
  });

  it('returns a single round as it is and an error of any round as the result', () => {
    const only = { p99Ms: 5 };
    expect(combineRounds([only])).toBe(only);
    expect(combineRounds([{ p99Ms: 5 }, { error: 'server crashed' }, { p99Ms: 6 }])).toEqual({ error: 'server crashed' });
    expect(() => combineRounds([])).toThrow(/no rounds/);
  });

  it('lists a metric per round for the notes under a table', () => {
    expect(byRound([{ p99Ms: 241 }, { p99Ms: 262.5 }, {}], 'p99Ms')).toBe('241 · 262.5 · n/a');
  });
});
