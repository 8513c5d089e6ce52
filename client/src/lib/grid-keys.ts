/**
 * Spreadsheet keys in the measures grid, on top of the browser's own (Tab, Shift+Tab):
 *   Alt+arrows          the cell above, below, before or after (mirrored in right-to-left)
 *   ArrowUp / ArrowDown in a text cell, at its very start / end: the cell above / below
 *   Enter in a text cell the cell below (Shift+Enter: a new line)
 *   Escape              leaves the field for its cell, from where arrows move on
 *   Enter on a cell     edits it (focuses its field)
 */
export function gridMove(event: KeyboardEvent, rtl: boolean): { rows: number; columns: number } | 'leave' | 'edit' | null {
  const target = event.target as HTMLElement;
  const text = target instanceof HTMLTextAreaElement ? target : null;
  const inField = target.matches('input, textarea, select');
  if (event.key === 'Escape' && inField) return 'leave';
  if (event.key === 'Enter' && target.matches('td')) return 'edit';
  const arrows: Record<string, { rows: number; columns: number }> = {
    ArrowUp: { rows: -1, columns: 0 },
    ArrowDown: { rows: 1, columns: 0 },
    ArrowLeft: { rows: 0, columns: rtl ? 1 : -1 },
    ArrowRight: { rows: 0, columns: rtl ? -1 : 1 },
  };
  const arrow = arrows[event.key];
  if (arrow && (event.altKey || !inField)) return arrow;
  if (!text || event.altKey || event.ctrlKey || event.metaKey) return null;
  if (event.key === 'ArrowUp' && text.selectionStart === 0 && text.selectionEnd === 0) return arrow!;
  if (event.key === 'ArrowDown' && text.selectionStart === text.value.length) return arrow!;
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) return { rows: 1, columns: 0 };
  return null;
}

const FOCUSABLE = 'textarea, input, select, button';

/** Focuses the cell `move` away from the one holding `from`: its first control, or the cell itself. */
export function focusCell(from: HTMLElement, move: { rows: number; columns: number }): boolean {
  const cell = from.closest('td, th');
  const row = cell?.parentElement as HTMLTableRowElement | null;
  if (!cell || !row) return false;
  const rows = [...row.parentElement!.children].filter(
    (r) => r instanceof HTMLTableRowElement && !r.classList.contains('spacer') && !r.classList.contains('group-row'),
  ) as HTMLTableRowElement[];
  const target = rows[rows.indexOf(row) + move.rows]?.cells[(cell as HTMLTableCellElement).cellIndex + move.columns];
  if (!target) return false;
  const control = target.querySelector<HTMLElement>(FOCUSABLE);
  if (control) control.focus();
  else {
    target.tabIndex = -1;
    target.focus();
  }
  target.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  return true;
}
