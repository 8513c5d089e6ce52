import { COLUMN_WIDTH, type MeasuresGridPreference } from '../../../shared/user-preferences.ts';

/**
 * The measures grid's columns: their order, widths (CSS pixels) and which may be hidden, and the
 * person's choices (MeasuresGridPreference, kept on the server) applied to them. Pure.
 */
export const MEASURE_COLUMN_IDS = ['number', 'title', 'lead', 'partners', 'start', 'due', 'status', 'progress', 'indicator', 'budget', 'notes', 'actions'] as const;
export type MeasureColumnId = (typeof MEASURE_COLUMN_IDS)[number];

export interface ColumnSpec {
  id: MeasureColumnId;
  width: number;
  min: number;
  max: number;
  /** the title (the row's name, kept in view) and the row's actions cannot be hidden */
  hideable: boolean;
  /** resizable by the person (the number and the actions fit their content) */
  resizable: boolean;
}

const spec = (id: MeasureColumnId, width: number, min: number, options: Partial<ColumnSpec> = {}): ColumnSpec => ({
  id,
  width,
  min,
  max: COLUMN_WIDTH.max,
  hideable: true,
  resizable: true,
  ...options,
});

export const MEASURE_COLUMNS: readonly ColumnSpec[] = [
  spec('number', 56, 48, { max: 56, resizable: false }),
  spec('title', 352, 200, { hideable: false }),
  spec('lead', 288, 140),
  spec('partners', 304, 140),
  spec('start', 168, 136),
  spec('due', 168, 136),
  spec('status', 176, 136),
  spec('progress', 160, 104),
  spec('indicator', 288, 140),
  spec('budget', 248, 176),
  spec('notes', 288, 140),
  spec('actions', 184, 184, { max: 184, hideable: false, resizable: false }),
];

export interface ShownColumn {
  id: MeasureColumnId;
  width: number;
  spec: ColumnSpec;
}

export const clampWidth = (column: ColumnSpec, width: number) => Math.round(Math.min(column.max, Math.max(column.min, width)));

/** The columns shown, in order, with their widths: defaults, then the person's choices within bounds. */
export function shownColumns(preference: MeasuresGridPreference | null, columns: readonly ColumnSpec[] = MEASURE_COLUMNS): ShownColumn[] {
  return columns
    .filter((column) => !(column.hideable && preference?.columns[column.id]?.hidden))
    .map((column) => {
      const chosen = column.resizable ? preference?.columns[column.id]?.width : undefined;
      return { id: column.id, spec: column, width: typeof chosen === 'number' ? clampWidth(column, chosen) : column.width };
    });
}

export const isHidden = (preference: MeasuresGridPreference | null, column: ColumnSpec) => column.hideable && preference?.columns[column.id]?.hidden === true;

/** The preference with one column's choice changed; a choice back to the default is dropped. */
export function withColumn(preference: MeasuresGridPreference | null, column: ColumnSpec, change: { width?: number | null; hidden?: boolean }): MeasuresGridPreference {
  const columns = { ...preference?.columns };
  const next = { ...columns[column.id] };
  if (change.width !== undefined) {
    if (change.width === null || clampWidth(column, change.width) === column.width) delete next.width;
    else next.width = clampWidth(column, change.width);
  }
  if (change.hidden !== undefined) {
    if (change.hidden && column.hideable) next.hidden = true;
    else delete next.hidden;
  }
  if (Object.keys(next).length === 0) delete columns[column.id];
  else columns[column.id] = next;
  return { columns };
}

/** A width change from the keyboard: arrows step by 16 px (64 with Shift), mirrored right to left. */
export function keyboardResize(key: string, shift: boolean, rtl: boolean, column: ColumnSpec, width: number): number | null {
  const step = shift ? 64 : 16;
  const wider = rtl ? 'ArrowLeft' : 'ArrowRight';
  const narrower = rtl ? 'ArrowRight' : 'ArrowLeft';
  if (key === wider) return clampWidth(column, width + step);
  if (key === narrower) return clampWidth(column, width - step);
  if (key === 'Home') return column.min;
  if (key === 'End') return column.max;
  return null;
}
