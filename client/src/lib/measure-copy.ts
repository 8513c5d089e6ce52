import type { MeasureFields } from '../../../shared/doc-schema.ts';
import type { MeasureColumnId } from './grid-columns.ts';

/**
 * A block of the measures grid as it goes to the clipboard, for Excel, LibreOffice and our own
 * paste (measure-paste.ts). Values as a spreadsheet reads them in the person's language rather
 * than as displayed: dates in ISO form (every spreadsheet reads 2026-06-30 as a date, whatever
 * its language; "30 juin 2026" would be text), numbers without thousands separators and with the
 * language's decimal sign (so French Excel reads "1500000,5" as a number), progress as "25%",
 * status and organisations by their names. The budget's currency is not in the cell: a number is
 * what a spreadsheet can add up. Pure.
 */
export interface CopyContext {
  /** the grid's line number of a measure (1-based, its place in the plan) */
  number: (measure: MeasureFields) => number;
  organisationName: (id: string) => string;
  statusName: (status: MeasureFields['status']) => string;
  /** a plain number in the person's language: no grouping, their decimal sign */
  plainNumber: (value: number) => string;
}

export function copyValue(measure: MeasureFields, column: MeasureColumnId, context: CopyContext): string {
  switch (column) {
    case 'number':
      return String(context.number(measure));
    case 'title':
    case 'indicator':
    case 'notes':
      return measure[column];
    case 'lead':
      return measure.leadOrganisationId ? context.organisationName(measure.leadOrganisationId) : '';
    case 'partners':
      return measure.partnerOrganisationIds.map(context.organisationName).join('; ');
    case 'start':
    case 'due':
      return measure[column] ?? '';
    case 'status':
      return context.statusName(measure.status);
    case 'progress':
      return `${measure.progress}%`;
    case 'budget':
      return measure.budget === null ? '' : context.plainNumber(measure.budget);
    case 'actions':
      return '';
  }
}

/**
 * Rows of cells as tab-separated text, as spreadsheets put it on the clipboard: a cell holding a
 * tab, a line break or a leading quote is quoted, with its quotes doubled; lines end with CRLF
 * (what Excel writes, and what LibreOffice and measure-paste.ts read).
 */
export function blockToTsv(cells: readonly (readonly string[])[]): string {
  const quote = (value: string) => (/[\t\r\n]|^"/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  return cells.map((row) => row.map(quote).join('\t')).join('\r\n') + (cells.length > 0 ? '\r\n' : '');
}

const escapeHtml = (value: string) => value.replace(/[&<>"]/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[char]!);

/** The same block as an HTML table (word processors, mail; Excel keeps line breaks in a cell). */
export function blockToHtml(cells: readonly (readonly string[])[]): string {
  const body = cells.map((row) => `<tr>${row.map((value) => `<td>${escapeHtml(value).replace(/\r?\n/g, '<br>')}</td>`).join('')}</tr>`).join('');
  return `<table><tbody>${body}</tbody></table>`;
}

/** The rectangle between two cells (row and column indexes, either corner first). */
export function blockBetween(a: { row: number; column: number }, b: { row: number; column: number }): { rows: [number, number]; columns: [number, number] } {
  return { rows: [Math.min(a.row, b.row), Math.max(a.row, b.row)], columns: [Math.min(a.column, b.column), Math.max(a.column, b.column)] };
}
