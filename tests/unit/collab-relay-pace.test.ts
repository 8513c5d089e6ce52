import { describe, expect, it } from 'vitest';
import { BASE_WINDOW_MS, MAX_WINDOW_MS, relayWindowFor } from '../../server/collab/relay-pace.ts';

describe('the relay window follows how much of a core the process uses', () => {
  it('stays at its base while the process uses little of its core', () => {
    for (const utilization of [0, 0.2, 0.6, Number.NaN]) expect(relayWindowFor(utilization)).toBe(BASE_WINDOW_MS);
  });

  it('widens as it nears a whole core, never past its maximum', () => {
    const widths = [0.65, 0.75, 0.85, 0.9].map(relayWindowFor);
    for (let i = 1; i < widths.length; i++) expect(widths[i]!).toBeGreaterThan(widths[i - 1]!);
    expect(widths[0]!).toBeGreaterThan(BASE_WINDOW_MS);
    for (const utilization of [0.95, 1, 1.5]) expect(relayWindowFor(utilization)).toBe(MAX_WINDOW_MS);
  });
});
