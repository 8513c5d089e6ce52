import { describe, expect, it } from 'vitest';
import { placeX, stackSegments, totalMeasures, truncate } from '../../../client/src/lib/chart.ts';
import { dayNumber, isOverdue, isoFromDay } from '../../../client/src/lib/dates.ts';

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
  it('round-trips days', () => {
    const day = dayNumber('2025-03-15');
    expect(isoFromDay(day)).toBe('2025-03-15');
  });

  it('calls a measure overdue only when due before today and not done or cancelled', () => {
    expect(isOverdue({ due: '2025-01-01', status: 'in_progress' }, '2025-01-02')).toBe(true);
    expect(isOverdue({ due: '2025-01-02', status: 'in_progress' }, '2025-01-02')).toBe(false);
    expect(isOverdue({ due: '2025-01-01', status: 'done' }, '2025-06-01')).toBe(false);
    expect(isOverdue({ due: '2025-01-01', status: 'cancelled' }, '2025-06-01')).toBe(false);
    expect(isOverdue({ due: null, status: 'planned' }, '2025-06-01')).toBe(false);
  });
});
