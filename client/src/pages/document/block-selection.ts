import { createMemo, createSignal, type Accessor } from 'solid-js';
import type { MeasureFields } from '../../../../shared/doc-schema.ts';
import type { MeasureColumnId } from '../../lib/grid-columns.ts';
import { blockBetween, blockToHtml, blockToTsv, copyValue, type CopyContext } from '../../lib/measure-copy.ts';

interface CellRef {
  id: string;
  column: MeasureColumnId;
}

const ARROWS: Record<string, { rows: number; columns: number }> = {
  ArrowUp: { rows: -1, columns: 0 },
  ArrowDown: { rows: 1, columns: 0 },
  ArrowLeft: { rows: 0, columns: -1 },
  ArrowRight: { rows: 0, columns: 1 },
};

/** The grid cell an event happened in: its measure and column, from the row's id and data-column. */
function cellOf(target: EventTarget | null): (CellRef & { element: HTMLTableCellElement }) | null {
  const element = (target as HTMLElement | null)?.closest?.<HTMLTableCellElement>('td[data-column]');
  const row = element?.closest('tr');
  if (!element || !row?.id.startsWith('measure-')) return null;
  return { id: row.id.slice('measure-'.length), column: element.dataset.column as MeasureColumnId, element };
}

/**
 * A rectangular block of cells chosen for copying, as in a spreadsheet: a click (or focus) puts
 * the anchor in a cell; Shift+click, Shift+arrows on a cell, or Alt+Shift+arrows inside a field
 * stretch the block from it. Copying (Ctrl/Cmd+C) a block, or a cell that is not being edited,
 * puts the block on the clipboard as tab-separated text and an HTML table (lib/measure-copy.ts).
 * Rows and columns are kept by id, so the block follows the rows when the plan changes.
 */
export function createBlockSelection(options: {
  rows: Accessor<MeasureFields[]>;
  columns: Accessor<readonly MeasureColumnId[]>;
  context: () => CopyContext;
  onCopied: (cells: number) => void;
}) {
  const [anchor, setAnchor] = createSignal<CellRef | null>(null);
  const [focus, setFocus] = createSignal<CellRef | null>(null);
  const rowIndex = createMemo(() => new Map(options.rows().map((row, index) => [row.id, index])));
  const place = (cell: CellRef | null) => {
    const row = cell ? rowIndex().get(cell.id) : undefined;
    const column = cell ? options.columns().indexOf(cell.column) : -1;
    return row === undefined || column < 0 ? null : { row, column };
  };
  const block = createMemo(() => {
    const from = place(anchor());
    const to = place(focus());
    return from && to ? blockBetween(from, to) : null;
  });
  const size = () => {
    const current = block();
    return current ? (current.rows[1] - current.rows[0] + 1) * (current.columns[1] - current.columns[0] + 1) : 0;
  };
  /** only a block of several cells is shown (one cell is simply the one in focus) */
  const isSelected = (id: string, column: MeasureColumnId) => {
    const current = block();
    if (!current || size() < 2) return false;
    const row = rowIndex().get(id);
    const at = options.columns().indexOf(column);
    return row !== undefined && row >= current.rows[0] && row <= current.rows[1] && at >= current.columns[0] && at <= current.columns[1];
  };
  const start = (cell: CellRef) => {
    setAnchor({ id: cell.id, column: cell.column });
    setFocus({ id: cell.id, column: cell.column });
  };
  const stretchTo = (cell: CellRef) => {
    if (!anchor()) setAnchor({ id: cell.id, column: cell.column });
    setFocus({ id: cell.id, column: cell.column });
  };

  const onPointerDown = (event: PointerEvent) => {
    const cell = cellOf(event.target);
    if (!cell) return;
    if (event.shiftKey && anchor()) {
      event.preventDefault();
      stretchTo(cell);
      // The click that follows must not open what is under the pointer (a date picker, the
      // budget field): the block is being chosen, not a cell edited. (Preventing pointerdown
      // already keeps the focus where it is.)
      const swallow = (next: Event) => {
        next.preventDefault();
        next.stopPropagation();
      };
      window.addEventListener('click', swallow, { capture: true, once: true });
      window.addEventListener('pointerup', () => setTimeout(() => window.removeEventListener('click', swallow, { capture: true })), { capture: true, once: true });
      return;
    }
    start(cell);
    // A read-only cell has nothing to focus: focus the cell itself, so Ctrl+C reaches the grid.
    if (!(event.target as HTMLElement).closest('textarea, input, select, button, a')) {
      cell.element.tabIndex = -1;
      cell.element.focus();
    }
  };
  // Stretching never moves the focus: a cell gaining it was chosen anew (click, Tab, arrows).
  const onFocusIn = (event: FocusEvent) => {
    const cell = cellOf(event.target);
    if (cell) start(cell);
  };
  /** true when the key was a block key (handled) */
  const onKeyDown = (event: KeyboardEvent, rtl: boolean): boolean => {
    const target = event.target as HTMLElement;
    const inField = target.matches('input, textarea, select');
    if (event.key === 'Escape' && size() > 1) {
      const current = anchor();
      if (current) setFocus(current);
      if (!inField) return true;
      return false;
    }
    const arrow = ARROWS[event.key];
    if (!arrow || !event.shiftKey || (inField && !event.altKey)) return false;
    const cell = cellOf(target);
    if (!cell) return false;
    if (!anchor()) start(cell);
    const from = place(focus()) ?? place(cell)!;
    const columns = options.columns();
    const rows = options.rows();
    const row = Math.min(rows.length - 1, Math.max(0, from.row + arrow.rows));
    const column = Math.min(columns.length - 1, Math.max(0, from.column + arrow.columns * (rtl ? -1 : 1)));
    setFocus({ id: rows[row]!.id, column: columns[column]! });
    event.preventDefault();
    document.getElementById(`measure-${rows[row]!.id}`)?.querySelector(`td[data-column="${columns[column]}"]`)?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    return true;
  };
  const onCopy = (event: ClipboardEvent) => {
    const target = event.target as HTMLElement;
    const inField = target.matches?.('input, textarea, select');
    // Copying text selected inside a field, with no block chosen, is the field's business.
    if (size() < 2 && (inField || !cellOf(target))) return;
    const current =
      block() ??
      (() => {
        const cell = cellOf(target);
        const at = cell && place(cell);
        return at ? blockBetween(at, at) : null;
      })();
    if (!current || !event.clipboardData) return;
    const rows = options.rows().slice(current.rows[0], current.rows[1] + 1);
    const columns = options
      .columns()
      .slice(current.columns[0], current.columns[1] + 1)
      .filter((column) => column !== 'actions');
    const context = options.context();
    const cells = rows.map((measure) => columns.map((column) => copyValue(measure, column, context)));
    event.clipboardData.setData('text/plain', blockToTsv(cells));
    event.clipboardData.setData('text/html', blockToHtml(cells));
    event.preventDefault();
    options.onCopied(rows.length * columns.length);
  };
  return { isSelected, onPointerDown, onFocusIn, onKeyDown, onCopy };
}
