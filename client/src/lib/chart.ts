import type { MeasureStatus } from '../api/types.ts';

/** Pure geometry for the SVG charts, so it can be tested without a browser. */

export const STATUS_ORDER: readonly MeasureStatus[] = ['done', 'in_progress', 'planned', 'blocked', 'cancelled'];

export const STATUS_COLORS: Record<MeasureStatus, string> = {
  done: '#2e7d4f',
  in_progress: '#1f6fb2',
  planned: '#7d8896',
  blocked: '#b3261e',
  cancelled: '#c5cbd3',
};

export interface Segment {
  status: MeasureStatus;
  count: number;
  /** start along the bar, from the inline start, in chart units */
  offset: number;
  length: number;
}

/** Segments of one stacked bar, `scale` units per measure, skipping empty statuses. */
export function stackSegments(counts: Partial<Record<MeasureStatus, number>>, scale: number): Segment[] {
  const segments: Segment[] = [];
  let offset = 0;
  for (const status of STATUS_ORDER) {
    const count = Math.max(0, Math.floor(counts[status] ?? 0));
    if (count === 0) continue;
    segments.push({ status, count, offset, length: count * scale });
    offset += count * scale;
  }
  return segments;
}

export const totalMeasures = (counts: Partial<Record<MeasureStatus, number>>) => STATUS_ORDER.reduce((sum, status) => sum + Math.max(0, Math.floor(counts[status] ?? 0)), 0);

/**
 * The x of a box placed `offset` units from the inline start of a band [bandStart, bandStart+band]
 * inside a chart `width` wide: in right-to-left layouts the band and the box are mirrored.
 */
export function placeX(offset: number, length: number, width: number, rtl: boolean): number {
  return rtl ? width - offset - length : offset;
}

/** The x of a text anchored at the inline start, and its text-anchor, for either direction. */
export function textAt(offset: number, width: number, rtl: boolean): { x: number; anchor: 'start' | 'end' } {
  return rtl ? { x: width - offset, anchor: 'start' } : { x: offset, anchor: 'start' };
}

export function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}
