import { describe, expect, it } from 'vitest';
import { BASE_WINDOW_MS, MAX_WINDOW_MS, relayWindowFor } from '../../server/collab/relay-pace.ts';

describe('the relay window follows how busy the event loop is', () => {
  it('stays at its base while the loop has time to spare', () => {
    for (const utilization of [0, 0.2, 0.5, Number.NaN]) expect(relayWindowFor(utilization)).toBe(BASE_WINDOW_MS);
  });

  it('widens as the loop fills, never past its maximum', () => {
    const widths = [0.55, 0.65, 0.75, 0.85].map(relayWindowFor);
    for (let i = 1; i < widths.length; i++) expect(widths[i]!).toBeGreaterThan(widths[i - 1]!);
    expect(widths[0]!).toBeGreaterThan(BASE_WINDOW_MS);
    for (const utilization of [0.9, 0.99, 1]) expect(relayWindowFor(utilization)).toBe(MAX_WINDOW_MS);
  });

});
