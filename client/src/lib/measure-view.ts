import { MEASURE_STATUSES, type MeasureFields, type MeasureStatus } from '../../../shared/doc-schema.ts';
import { isOverdue } from './dates.ts';

/**
 * How the measures grid shows the rows: filtered, sorted and grouped. Pure, so the grid, its
 * tests and the phone cards agree; the document's own order is `sort: 'order'`.
 */

export const MEASURE_SORTS = ['order', 'due', 'status', 'lead', 'progress'] as const;
export type MeasureSort = (typeof MEASURE_SORTS)[number];
export const MEASURE_GROUPS = ['none', 'lead', 'status', 'overdue'] as const;
export type MeasureGroup = (typeof MEASURE_GROUPS)[number];

export interface MeasureViewOptions {
  sort: MeasureSort;
  group: MeasureGroup;
  status: MeasureStatus | null;
  lead: string | null;
  overdueOnly: boolean;
  query: string;
}

export const DEFAULT_VIEW: MeasureViewOptions = { sort: 'order', group: 'none', status: null, lead: null, overdueOnly: false, query: '' };

/** one line of the grid: a group heading or a measure with its place in the document */
export type GridItem = { kind: 'group'; key: string; group: MeasureGroup; count: number } | { kind: 'row'; measure: MeasureFields; position: number };

export function arrangeMeasures(
  rows: readonly MeasureFields[],
  options: MeasureViewOptions,
  context: { today: string; leadName: (id: string | null) => string; collator: Intl.Collator },
): GridItem[] {
  const query = options.query.trim().toLocaleLowerCase();
  const positions = new Map(rows.map((row, index) => [row.id, index]));
  let shown = rows.filter(
    (row) =>
      (options.status === null || row.status === options.status) &&
      (options.lead === null || row.leadOrganisationId === options.lead) &&
      (!options.overdueOnly || isOverdue(row, context.today)) &&
      (query === '' || `${row.title}\n${row.indicator}\n${row.notes}`.toLocaleLowerCase().includes(query)),
  );
  const byOrder = (a: MeasureFields, b: MeasureFields) => positions.get(a.id)! - positions.get(b.id)!;
  const compare: Record<MeasureSort, (a: MeasureFields, b: MeasureFields) => number> = {
    order: byOrder,
    // Measures without a due date last, as a spreadsheet sorts blanks.
    due: (a, b) => (a.due ?? '\uffff').localeCompare(b.due ?? '\uffff') || byOrder(a, b),
    status: (a, b) => MEASURE_STATUSES.indexOf(a.status) - MEASURE_STATUSES.indexOf(b.status) || byOrder(a, b),
    lead: (a, b) => context.collator.compare(context.leadName(a.leadOrganisationId), context.leadName(b.leadOrganisationId)) || byOrder(a, b),
    progress: (a, b) => b.progress - a.progress || byOrder(a, b),
  };
  shown = [...shown].sort(compare[options.sort]);
  const item = (measure: MeasureFields): GridItem => ({ kind: 'row', measure, position: positions.get(measure.id)! });
  if (options.group === 'none') return shown.map(item);
  const keyOf = (row: MeasureFields): string =>
    options.group === 'lead' ? (row.leadOrganisationId ?? '') : options.group === 'status' ? row.status : isOverdue(row, context.today) ? 'overdue' : 'on_time';
  const groups = new Map<string, MeasureFields[]>();
  for (const row of shown) groups.set(keyOf(row), [...(groups.get(keyOf(row)) ?? []), row]);
  const order = [...groups.keys()].sort((a, b) => {
    if (options.group === 'status') return MEASURE_STATUSES.indexOf(a as MeasureStatus) - MEASURE_STATUSES.indexOf(b as MeasureStatus);
    if (options.group === 'overdue') return a === 'overdue' ? -1 : b === 'overdue' ? 1 : 0;
    return a === '' ? 1 : b === '' ? -1 : context.collator.compare(context.leadName(a), context.leadName(b));
  });
  return order.flatMap((key) => [{ kind: 'group', key, group: options.group, count: groups.get(key)!.length } as GridItem, ...groups.get(key)!.map(item)]);
}

/** The slice of `count` fixed-height lines to render for a scroll position, with some margin. */
export function visibleWindow(count: number, scrollTop: number, viewport: number, lineHeight: number, overscan = 8): { start: number; end: number } {
  const start = Math.max(0, Math.floor(scrollTop / lineHeight) - overscan);
  const end = Math.min(count, Math.ceil((scrollTop + viewport) / lineHeight) + overscan);
  return { start, end: Math.max(start, end) };
}
