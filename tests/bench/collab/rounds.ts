import type { Result, Value } from './scenarios/common.ts';

/**
 * --rounds=N: a latency scenario runs N times on every server, the servers taking turns in a
 * different order each round, so a slow minute of the machine falls on all of them alike.
 */

/** The order of the servers in round `round` (0-based): each round starts one further along. */
export function roundOrder<T>(labels: readonly T[], round: number): T[] {
  if (labels.length === 0) return [];
  const shift = round % labels.length;
  return [...labels.slice(shift), ...labels.slice(0, shift)];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * One result out of several rounds: each numeric metric is its median over the rounds that gave
 * it, text is the first round's; `rounds` says how many went in. An error in any round is the
 * result, so a failure is never hidden behind the median of the others.
 */
export function combineRounds(rounds: readonly Result[]): Result {
  if (rounds.length === 0) throw new Error('no rounds to combine');
  const failed = rounds.find((round) => 'error' in round);
  if (failed) return failed;
  if (rounds.length === 1) return rounds[0]!;
  const combined: Result = {};
  for (const key of new Set(rounds.flatMap((round) => Object.keys(round)))) {
    const values = rounds.map((round) => round[key]).filter((value): value is Value => value !== undefined);
    const numbers = values.filter((value): value is number => typeof value === 'number' && Number.isFinite(value));
    combined[key] = numbers.length ? Number(median(numbers).toFixed(2)) : (values[0] ?? null);
  }
  combined.rounds = rounds.length;
  return combined;
}

/** A metric in each round, in round order, as printed under the table: "241 · 262 · 270". */
export const byRound = (rounds: readonly Result[], key: string): string => rounds.map((round) => String(round[key] ?? 'n/a')).join(' · ');
