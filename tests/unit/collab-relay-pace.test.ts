import { describe, expect, it } from 'vitest';
import { MAX_WINDOW_MS, nextRelayWindow } from '../../server/collab/relay-pace.ts';

/** Runs the controller over a series of loads; returns the window after each. */
const windowsFor = (loads: number[], start = 0) => {
  const windows: number[] = [];
  let window = start;
  for (const load of loads) windows.push((window = nextRelayWindow(window, load)));
  return windows;
};

describe('the relay window follows how much of a core the process uses', () => {
  it('stays closed while the process has CPU to spare', () => {
    expect(windowsFor([0, 0.3, 0.6, 0.8, 0.85, Number.NaN])).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('widens step by step while the process nears a whole core, never past its maximum', () => {
    const windows = windowsFor(Array(40).fill(1));
    for (let i = 1; i < windows.length; i++) expect(windows[i]!).toBeGreaterThanOrEqual(windows[i - 1]!);
    expect(windows[0]!).toBeGreaterThan(0);
    expect(windows.at(-1)).toBe(MAX_WINDOW_MS);
  });

  it('holds where the load is back in its band, and closes again once the process is calm', () => {
    const widened = windowsFor([0.95, 0.95, 0.95]).at(-1)!;
    expect(windowsFor([0.8, 0.84], widened)).toEqual([widened, widened]);
    const closing = windowsFor(Array(20).fill(0.4), widened);
    expect(closing[0]!).toBeLessThan(widened);
    expect(closing.at(-1)).toBe(0);
  });
});
