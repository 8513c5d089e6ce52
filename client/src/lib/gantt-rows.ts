/** The rows of the Gantt view and where each bar's label goes. Pure, for the view and its tests. */

export interface GanttMeasure {
  id: string;
  leadOrganisationId: string | null;
  start: string | null;
  due: string | null;
}

export type GanttLine<T> = { kind: 'group'; lead: string | null; count: number } | { kind: 'measure'; measure: T };

/**
 * The dated measures grouped by lead organisation: groups sorted by the organisation's name in
 * the reader's language (no lead last), measures in plan order inside each, a header line first.
 */
export function ganttLines<T extends GanttMeasure>(measures: readonly T[], leadName: (id: string) => string, compare: (a: string, b: string) => number): GanttLine<T>[] {
  const groups = new Map<string | null, T[]>();
  for (const measure of measures) {
    if (!measure.start && !measure.due) continue;
    const list = groups.get(measure.leadOrganisationId) ?? [];
    list.push(measure);
    groups.set(measure.leadOrganisationId, list);
  }
  const leads = [...groups.keys()].sort((a, b) => (a === null ? 1 : b === null ? -1 : compare(leadName(a), leadName(b)) || (a < b ? -1 : 1)));
  return leads.flatMap((lead) => {
    const list = groups.get(lead)!;
    return [{ kind: 'group' as const, lead, count: list.length }, ...list.map((measure) => ({ kind: 'measure' as const, measure }))];
  });
}

export interface LabelPlace {
  side: 'inside' | 'after' | 'before';
  /** from the chart's inline start */
  x: number;
  /** the label is cut (with an ellipsis) to this width */
  maxWidth: number;
}

/**
 * A bar's label inside it when it fits, else beside it on the side with more room (after the end
 * first), cut to the room there: it never runs over the bar or out of its row's track, so labels
 * never overlap one another (one bar per row) and stay readable. `textWidth` is an estimate.
 */
export function labelPlace(bar: { x: number; width: number }, trackWidth: number, textWidth: number, gap = 6): LabelPlace {
  if (textWidth + 2 * gap <= bar.width) return { side: 'inside', x: bar.x + gap, maxWidth: bar.width - 2 * gap };
  const after = trackWidth - (bar.x + bar.width) - 2 * gap;
  const before = bar.x - 2 * gap;
  if (after >= textWidth || after >= before) return { side: 'after', x: bar.x + bar.width + gap, maxWidth: Math.max(0, Math.min(after, textWidth)) };
  const width = Math.min(before, textWidth);
  return { side: 'before', x: bar.x - gap - width, maxWidth: width };
}

/** A rough width of a label in pixels (13 px text), enough to choose where it goes. */
export const estimateTextWidth = (text: string, perChar = 7): number => [...text].length * perChar;
