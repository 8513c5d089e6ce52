import { dayNumber } from './dates.ts';

/**
 * The time axis of the Gantt view, as pure arithmetic over day numbers (days since 1970-01-01,
 * see dates.ts). Positions are measured from the inline start of the chart, in CSS pixels: the
 * page mirrors them in right-to-left (inset-inline-start), so nothing here knows the direction.
 */

export const ZOOMS = ['month', 'quarter', 'year'] as const;
export type Zoom = (typeof ZOOMS)[number];

/** Pixels per day at each zoom: a month reads as ~180, ~60 and ~18 px wide. */
export const DAY_WIDTH: Record<Zoom, number> = { month: 6, quarter: 2, year: 0.6 };

export interface GanttScale {
  /** first day shown (inclusive) */
  from: number;
  /** day after the last one shown */
  to: number;
  dayWidth: number;
  width: number;
}

export interface DatedItem {
  start: string | null;
  due: string | null;
}

export type SpanUnit = 'year' | 'quarter' | 'month' | 'week';

/** One cell of a header tier: the days [start, end) of a year, quarter, month or week. */
export interface Span {
  unit: SpanUnit;
  start: number;
  end: number;
  x: number;
  width: number;
}

const utcDay = (year: number, month: number, date = 1) => Math.round(Date.UTC(year, month, date) / 86_400_000);
const parts = (day: number) => {
  const date = new Date(day * 86_400_000);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() };
};

/** The first day of the unit that contains `day`. Weeks start on Monday (ISO 8601). */
export function unitStart(unit: SpanUnit, day: number): number {
  const { year, month } = parts(day);
  if (unit === 'year') return utcDay(year, 0);
  if (unit === 'quarter') return utcDay(year, month - (month % 3));
  if (unit === 'month') return utcDay(year, month);
  // 1970-01-01 (day 0) was a Thursday: Monday is 3 days before it.
  return day - ((((day + 3) % 7) + 7) % 7);
}

/** The first day of the unit after the one that contains `day`. */
export function nextUnit(unit: SpanUnit, day: number): number {
  const start = unitStart(unit, day);
  if (unit === 'week') return start + 7;
  const { year, month } = parts(start);
  return utcDay(year, month + (unit === 'year' ? 12 : unit === 'quarter' ? 3 : 1));
}

/** The header's two tiers at each zoom: the coarse one above, the one drawn as grid lines below. */
export const TIERS: Record<Zoom, { upper: SpanUnit; lower: SpanUnit }> = {
  month: { upper: 'month', lower: 'week' },
  quarter: { upper: 'quarter', lower: 'month' },
  year: { upper: 'year', lower: 'quarter' },
};

/**
 * The days the chart spans: every date of `items` and today, padded to whole units of the upper
 * tier, and stretched (later) until it is at least `minWidth` pixels wide so it fills its box.
 */
export function ganttScale(items: readonly DatedItem[], today: string, zoom: Zoom, minWidth = 0): GanttScale {
  const days = items
    .flatMap((item) => [item.start, item.due])
    .filter((d): d is string => d !== null)
    .map(dayNumber);
  days.push(dayNumber(today));
  const unit = TIERS[zoom].upper;
  const dayWidth = DAY_WIDTH[zoom];
  const from = unitStart(unit, Math.min(...days));
  let to = nextUnit(unit, Math.max(...days));
  while ((to - from) * dayWidth < minWidth) to = nextUnit(unit, to);
  return { from, to, dayWidth, width: (to - from) * dayWidth };
}

/** Distance of the start of `day` from the chart's inline start. */
export const xOfDay = (scale: GanttScale, day: number): number => (day - scale.from) * scale.dayWidth;

/** The spans of one unit covering the chart, cut to its edges. */
export function spans(scale: GanttScale, unit: SpanUnit): Span[] {
  const result: Span[] = [];
  for (let start = unitStart(unit, scale.from); start < scale.to; start = nextUnit(unit, start)) {
    const from = Math.max(start, scale.from);
    const end = Math.min(nextUnit(unit, start), scale.to);
    result.push({ unit, start: from, end, x: xOfDay(scale, from), width: (end - from) * scale.dayWidth });
  }
  return result;
}

export interface BarGeometry {
  /** from the chart's inline start */
  x: number;
  width: number;
  milestone: boolean;
}

/**
 * Where a measure sits: a bar over the days from start to due (both included), or a milestone
 * (a due date and no start, or a start alone) centred on its day. Null when it has no date.
 */
export function barGeometry(scale: GanttScale, item: DatedItem): BarGeometry | null {
  if (item.start && item.due) {
    const a = dayNumber(item.start);
    const b = dayNumber(item.due);
    const [first, last] = a <= b ? [a, b] : [b, a];
    return { x: xOfDay(scale, first), width: Math.max((last + 1 - first) * scale.dayWidth, 2), milestone: false };
  }
  const only = item.due ?? item.start;
  if (!only) return null;
  return { x: xOfDay(scale, dayNumber(only)) + scale.dayWidth / 2, width: 0, milestone: true };
}
