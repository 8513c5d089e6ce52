import { dayNumber, monthStarts } from './dates.ts';

/** Pure layout of the timeline (Gantt-like) view: which days the chart spans and where bars go. */

export interface Dated {
  id: string;
  start: string | null;
  due: string | null;
}

export interface TimelineRange {
  from: number;
  to: number;
  ticks: number[];
}

/** Spans every dated measure and today, padded to whole months on both sides. */
export function timelineRange(items: readonly Dated[], today: string): TimelineRange {
  const days = items.flatMap((item) => [item.start, item.due]).filter((d): d is string => d !== null).map(dayNumber);
  days.push(dayNumber(today));
  const min = Math.min(...days);
  const max = Math.max(...days);
  const first = new Date(min * 86_400_000);
  const from = Math.round(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), 1) / 86_400_000);
  const last = new Date(max * 86_400_000);
  const to = Math.round(Date.UTC(last.getUTCFullYear(), last.getUTCMonth() + 1, 1) / 86_400_000);
  return { from, to, ticks: monthStarts(from, to) };
}

/** Offset and length of a measure's bar along a band `band` units long; a lone date is a milestone. */
export function barFor(item: Dated, range: TimelineRange, band: number): { offset: number; length: number; milestone: boolean } | null {
  const span = Math.max(1, range.to - range.from);
  const at = (day: number) => ((day - range.from) / span) * band;
  if (item.start && item.due) {
    const a = dayNumber(item.start);
    const b = dayNumber(item.due);
    const [s, e] = a <= b ? [a, b] : [b, a];
    return { offset: at(s), length: Math.max(at(e + 1) - at(s), 2), milestone: false };
  }
  const only = item.due ?? item.start;
  if (!only) return null;
  return { offset: at(dayNumber(only)), length: 0, milestone: true };
}

export const dayOffset = (day: number, range: TimelineRange, band: number) => ((day - range.from) / Math.max(1, range.to - range.from)) * band;

/** Every how many month ticks to print a label, so labels stay `minGap` units apart (1, 2, 3, 6 or 12). */
export function labelStep(range: TimelineRange, band: number, minGap = 64): number {
  const months = Math.max(1, range.ticks.length);
  const perMonth = band / months;
  return [1, 2, 3, 6, 12].find((step) => step * perMonth >= minGap) ?? 12;
}
