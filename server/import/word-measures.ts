import { inlinePlain, type RichBlock } from '../../shared/rich-text.ts';
import { AppError } from '../errors.ts';
import { readWord } from './docx-read.ts';
import { looksLikeMeasuresHeader, mapColumns } from './measure-rows.ts';
import type { Sheet } from './sheet-read.ts';

/**
 * Measures tables of a Word file: a table whose first row names measure columns ("Mesure",
 * "Responsable", "Échéance"…, in French, Arabic or English). The spreadsheet import previews
 * them like a sheet, so a Word plan's measures go through the same mapping and validation.
 */

export const cellText = (blocks: readonly RichBlock[]): string =>
  blocks
    .map((block) => (block.type === 'paragraph' || block.type === 'heading' ? inlinePlain(block.content) : block.type === 'list' ? block.items.map(cellText).join(', ') : ''))
    .join('\n')
    .trim();

type Table = Extract<RichBlock, { type: 'table' }>;

/** The header texts of a table if it is a measures table. */
export function measuresHeader(block: RichBlock): string[] | null {
  if (block.type !== 'table') return null;
  const header = block.rows[0]?.map((cell) => cellText(cell.blocks));
  return header && looksLikeMeasuresHeader(header) ? header : null;
}

/** A table's body rows as cell texts, a merged cell followed by empty ones so columns stay aligned. */
export const tableRows = (table: Table): string[][] =>
  table.rows.slice(1).map((row) => row.flatMap((cell) => [cellText(cell.blocks), ...Array<string>(cell.colspan - 1).fill('')]));

/**
 * The measures tables of a Word file as one sheet: the first table's header, and the rows of every
 * measures table that maps to the same columns, numbered as they come.
 */
export function wordMeasuresSheet(data: Buffer): Sheet {
  const tables = readWord(data).blocks.flatMap((block) => {
    const header = measuresHeader(block);
    return header ? [{ header, rows: tableRows(block as Table) }] : [];
  });
  const first = tables[0];
  if (!first) throw new AppError(422, 'no_measures_table', 'The Word file has no measures table (a table whose first row reads "Mesure", "Responsable", "Échéance"…).');
  const columns = JSON.stringify(mapColumns(first.header));
  const rows = tables
    .filter((table) => JSON.stringify(mapColumns(table.header)) === columns)
    .flatMap((table) => table.rows)
    .filter((row) => row.some((cell) => cell !== ''));
  return { header: first.header, rows, lines: rows.map((_, index) => index + 2) };
}
