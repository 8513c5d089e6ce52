import { describe, expect, it } from 'vitest';
import { assignSlots, lineAt, lineOffsets, windowOf } from '../../../client/src/lib/row-window.ts';

describe('a long list rendered a window at a time', () => {
  it('finds the lines in view from their heights, fixed or measured', () => {
    const fixed = lineOffsets(new Array(2000).fill(76));
    expect(fixed[2000]).toBe(152_000);
    expect(lineAt(fixed, 0)).toBe(0);
    expect(lineAt(fixed, 75.9)).toBe(0);
    expect(lineAt(fixed, 76)).toBe(1);
    expect(lineAt(fixed, 10_000_000)).toBe(1999);
    expect(windowOf(fixed, 0, 760, 0)).toEqual({ start: 0, end: 11 });
    expect(windowOf(fixed, 76 * 1000, 760, 380)).toEqual({ start: 995, end: 1016 });
    // The end of the plan: the last line is in the window.
    expect(windowOf(fixed, 152_000 - 760, 760, 380)).toEqual({ start: 1985, end: 2000 });
    // Steps of 4 lines: the window moves every 4 lines, and always covers the view.
    const stepped = [0, 40, 80, 120, 160, 200, 240, 280, 320].map((top) => windowOf(fixed, top, 760, 0, 4));
    expect(new Set(stepped.map((range) => `${range.start}-${range.end}`)).size).toBeLessThan(stepped.length);
    for (const [index, range] of stepped.entries()) {
      const top = index * 40;
      expect(range.start * 76).toBeLessThanOrEqual(top);
      expect(range.end * 76).toBeGreaterThanOrEqual(top + 760);
    }
    // Cards of different heights (a heading of 40 px, cards of 300 and 500).
    const cards = lineOffsets([40, 300, 500, 300, 500]);
    expect(windowOf(cards, 300, 300, 0)).toEqual({ start: 1, end: 3 });
    expect(windowOf(lineOffsets([]), 0, 800, 100)).toEqual({ start: 0, end: 0 });
  });

  it('keeps the element of a line still in view, and gives those of lines leaving to lines coming in', () => {
    // Scrolling down a line: the row that left (a) shows the one that came (e); b, c, d stay put.
    expect(assignSlots(['ma', 'mb', 'mc', 'md'], ['mb', 'mc', 'md', 'me'])).toEqual({ slotOf: [1, 2, 3, 0], size: 4 });
    // Up again.
    expect(assignSlots(['me', 'mb', 'mc', 'md'], ['ma', 'mb', 'mc', 'md'])).toEqual({ slotOf: [0, 1, 2, 3], size: 4 });
    // A heading's element goes to a heading, a row's to a row, when both kinds leave.
    expect(assignSlots(['gA', 'ma', 'mb'], ['mb', 'mc', 'gB'])).toEqual({ slotOf: [2, 1, 0], size: 3 });
    // More lines than elements: new ones; fewer: the numbers left over are free.
    expect(assignSlots(['ma'], ['ma', 'mb', 'mc'])).toEqual({ slotOf: [0, 1, 2], size: 3 });
    expect(assignSlots(['ma', 'mb', 'mc'], ['mc'])).toEqual({ slotOf: [2], size: 3 });
    // A free number is taken before a new one, and a key wanted twice keeps its slot once.
    expect(assignSlots([null, 'mb'], ['mb', 'mc'])).toEqual({ slotOf: [1, 0], size: 2 });
    expect(assignSlots(['ma', 'mb'], ['ma', 'ma'])).toEqual({ slotOf: [0, 1], size: 2 });
  });
});
