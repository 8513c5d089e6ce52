import { dayNumber, isoFromDay } from './dates.ts';

/**
 * What dragging a Gantt bar, or pressing a key on it, does to a measure's dates. Pure: the view
 * turns pointer and key events into a mode and a number of days, and writes what comes out.
 */

export type DragMode = 'move' | 'start' | 'end';

export interface MeasureDates {
  start: string | null;
  due: string | null;
}

const shift = (iso: string, days: number) => isoFromDay(dayNumber(iso) + days);

/**
 * The dates after shifting by `days`: `move` shifts both, `start` and `end` resize one side and
 * never past the other (start <= due). A milestone (one date) moves whatever the mode.
 */
export function shiftedDates(dates: MeasureDates, mode: DragMode, days: number): MeasureDates {
  const { start, due } = dates;
  if (!Number.isFinite(days) || days === 0) return dates;
  if (!start || !due) return { start: start && shift(start, days), due: due && shift(due, days) };
  // A row stored with start after due (any client can write that) is read in order, as drawn.
  const [first, last] = start <= due ? [start, due] : [due, start];
  if (mode === 'move') return { start: shift(first, days), due: shift(last, days) };
  if (mode === 'start') {
    const moved = shift(first, days);
    // biome-ignore lint/complexity/useMathMinMax: ISO dates are strings, which Math.min would turn into NaN
    return { start: moved > last ? last : moved, due: last };
  }
  const moved = shift(last, days);
  // biome-ignore lint/complexity/useMathMinMax: ISO dates are strings, which Math.max would turn into NaN
  return { start: first, due: moved < first ? first : moved };
}

/** Whole days for a pointer moved `pixels` along the screen; in right-to-left time runs leftwards. */
export function daysForPixels(pixels: number, dayWidth: number, rtl: boolean): number {
  const exact = (rtl ? -pixels : pixels) / dayWidth;
  // Rounded away from zero at halves both ways, so a drag back by the same distance undoes it.
  const days = Math.sign(exact) * Math.round(Math.abs(exact));
  return days === 0 ? 0 : days; // no -0
}

/** The part of a bar a pointer caught: its ends (resize) or its body (move). `offset` from the inline start. */
export function dragModeAt(offset: number, width: number, handle = 8): DragMode {
  // A short bar keeps a middle to grab: its handles shrink to a third each.
  const edge = Math.min(handle, width / 3);
  if (offset <= edge) return 'start';
  if (offset >= width - edge) return 'end';
  return 'move';
}

/**
 * The keyboard alternative to dragging, on a focused bar: ←/→ a day (mirrored in right-to-left),
 * ↑/↓ a week later/earlier; with Shift the due date alone, with Shift+Ctrl the start alone.
 */
export function keyChange(event: { key: string; shiftKey: boolean; ctrlKey: boolean; metaKey: boolean }, rtl: boolean): { mode: DragMode; days: number } | null {
  const steps: Record<string, number> = { ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1, ArrowUp: 7, ArrowDown: -7 };
  const days = steps[event.key];
  if (days === undefined) return null;
  const mode: DragMode = !event.shiftKey ? 'move' : event.ctrlKey || event.metaKey ? 'start' : 'end';
  return { mode, days };
}

/** The fields that differ, for one write; null when nothing changed. */
export function changedDates(before: MeasureDates, after: MeasureDates): Partial<MeasureDates> | null {
  const patch: Partial<MeasureDates> = {};
  if (after.start !== before.start) patch.start = after.start;
  if (after.due !== before.due) patch.due = after.due;
  return Object.keys(patch).length > 0 ? patch : null;
}
