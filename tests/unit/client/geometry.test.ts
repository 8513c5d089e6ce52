import { describe, expect, it } from 'vitest';
import { placeX, stackSegments, totalMeasures, truncate } from '../../../client/src/lib/chart.ts';
import { dayNumber, isOverdue, isoFromDay, monthStarts } from '../../../client/src/lib/dates.ts';
import { barFor, timelineRange } from '../../../client/src/lib/timeline.ts';

describe('progress chart geometry', () => {
  it('stacks statuses in a fixed order and skips empty ones', () => {
    const segments = stackSegments({ planned: 2, done: 3, blocked: 0, in_progress: 1, cancelled: 0 }, 10);
    expect(segments.map((s) => [s.status, s.offset, s.length])).toEqual([
      ['done', 0, 30],
      ['in_progress', 30, 10],
      ['planned', 40, 20],
    ]);
    expect(totalMeasures({ planned: 2, done: 3 })).toBe(5);
  });

  it('mirrors boxes for right-to-left layouts', () => {
    expect(placeX(10, 30, 100, false)).toBe(10);
    expect(placeX(10, 30, 100, true)).toBe(60);
  });

  it('truncates long labels by characters, not bytes', () => {
    expect(truncate('وزارة الصحة والحماية الاجتماعية', 10)).toHaveLength(10);
    expect(truncate('court', 10)).toBe('court');
  });
});

describe('dates', () => {
  it('round-trips days and lists month starts', () => {
    const day = dayNumber('2025-03-15');
    expect(isoFromDay(day)).toBe('2025-03-15');
    expect(monthStarts(dayNumber('2025-01-10'), dayNumber('2025-04-01')).map(isoFromDay)).toEqual(['2025-02-01', '2025-03-01', '2025-04-01']);
  });

  it('calls a measure overdue only when due before today and not done or cancelled', () => {
    expect(isOverdue({ due: '2025-01-01', status: 'in_progress' }, '2025-01-02')).toBe(true);
    expect(isOverdue({ due: '2025-01-02', status: 'in_progress' }, '2025-01-02')).toBe(false);
    expect(isOverdue({ due: '2025-01-01', status: 'done' }, '2025-06-01')).toBe(false);
    expect(isOverdue({ due: '2025-01-01', status: 'cancelled' }, '2025-06-01')).toBe(false);
    expect(isOverdue({ due: null, status: 'planned' }, '2025-06-01')).toBe(false);
  });
});

describe('timeline layout', () => {
  const items = [
    { id: 'a', start: '2025-02-10', due: '2025-04-20' },
    { id: 'b', start: null, due: '2025-05-05' },
  ];

  it('spans whole months around every date and today', () => {
    const range = timelineRange(items, '2025-03-01');
    expect(isoFromDay(range.from)).toBe('2025-02-01');
    expect(isoFromDay(range.to)).toBe('2025-06-01');
    expect(range.ticks.map(isoFromDay)).toEqual(['2025-02-01', '2025-03-01', '2025-04-01', '2025-05-01', '2025-06-01']);
  });

  it('draws a bar for a period and a milestone for a single date', () => {
    const range = timelineRange(items, '2025-03-01');
    const bar = barFor(items[0]!, range, 120)!;
    expect(bar.milestone).toBe(false);
    expect(bar.offset).toBeGreaterThan(0);
    expect(bar.offset + bar.length).toBeLessThanOrEqual(120);
    expect(barFor(items[1]!, range, 120)!.milestone).toBe(true);
    expect(barFor({ id: 'c', start: null, due: null }, range, 120)).toBeNull();
  });
});

describe('timeline labels', () => {
  it('labels fewer months as the span grows, so labels never overlap', async () => {
    const { labelStep } = await import('../../../client/src/lib/timeline.ts');
    const months = (n: number) => ({ from: 0, to: n * 30, ticks: Array.from({ length: n }, (_, i) => i * 30) });
    expect(labelStep(months(6), 900)).toBe(1);
    expect(labelStep(months(36), 900)).toBe(3);
    expect(labelStep(months(120), 900)).toBe(12);
  });
});
