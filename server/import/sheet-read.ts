import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { AppError } from '../errors.ts';
import type { Cell } from './measure-rows.ts';
import { wordMeasuresSheet } from './word-measures.ts';
import { BoundedZip, unreadable } from './zip.ts';

/**
 * The first sheet of an XLSX or CSV file (or a Word file's measures tables) as a header and rows of plain values. Formulas give
 * their last computed value, never the formula. Rows beyond MAX_SHEET_ROWS are refused.
 */

export const MAX_SHEET_ROWS = 20_000;
export const MAX_SHEET_COLUMNS = 60;

export interface Sheet {
  header: string[];
  rows: Cell[][];
  /** 1-based source line of each row */
  lines: number[];
}

const tooManyRows = () => new AppError(422, 'too_many_rows', `The sheet has more than ${MAX_SHEET_ROWS} rows.`);

function cellValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (value instanceof Date || typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'object') {
    if ('result' in value || 'formula' in value || 'sharedFormula' in value) return cellValue((value as { result?: ExcelJS.CellValue }).result ?? null);
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value) return String((value as { text: unknown }).text);
    if ('error' in value) return null;
  }
  return null;
}

async function readXlsx(data: Buffer): Promise<Cell[][]> {
  // Every part is inflated under the bounded reader first; exceljs then gets a clean, stored copy.
  const zip = new BoundedZip(data, 'spreadsheet');
  if (!zip.has('xl/workbook.xml')) throw unreadable('spreadsheet', 'it has no workbook (is it an XLSX file?)');
  const clean = new JSZip();
  for (const name of zip.entries.keys()) if (!name.endsWith('/') && !/vbaProject\.bin$/i.test(name)) clean.file(name, zip.read(name)!);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load((await clean.generateAsync({ type: 'nodebuffer', compression: 'STORE' })) as never);
  } catch {
    throw unreadable('spreadsheet', 'its workbook is damaged');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  if (sheet.rowCount > MAX_SHEET_ROWS + 1) throw tooManyRows();
  const rows: Cell[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const cells: Cell[] = [];
    for (let column = 1; column <= Math.min(row.cellCount, MAX_SHEET_COLUMNS); column++) cells.push(cellValue(row.getCell(column).value));
    rows[number - 1] = cells;
  });
  return Array.from(rows, (row) => row ?? []);
}

/** RFC 4180 fields with the delimiter the header line uses most (; , or tab). */
export function parseCsv(text: string): Cell[][] {
  const source = text.replace(/^\uFEFF/, '');
  const firstLine = source.slice(0, source.search(/\r?\n|$/));
  const delimiter = [';', ',', '\t'].map((d) => [d, firstLine.split(d).length] as const).sort((a, b) => b[1] - a[1])[0]![0];
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < source.length; index++) {
    const char = source[index]!;
    if (quoted) {
      if (char === '"' && source[index + 1] === '"') {
        field += '"';
        index++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"' && field === '') quoted = true;
    else if (char === delimiter) {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && source[index + 1] === '\n') index++;
      row.push(field);
      rows.push(row);
      if (rows.length > MAX_SHEET_ROWS + 1) throw tooManyRows();
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  // Our CSV export writes text that looks like a formula with a leading apostrophe: take it off.
  return rows.map((cells) => cells.slice(0, MAX_SHEET_COLUMNS).map((cell) => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell)));
}

const isEmpty = (row: readonly Cell[]) => row.every((cell) => cell === null || String(cell).trim() === '');

export async function readSheet(file: { filename: string; data: Buffer }): Promise<Sheet> {
  const isZip = file.data.length > 4 && file.data.readUInt32LE(0) === 0x04034b50;
  let raw: Cell[][];
  // A Word file's measures table previews like a sheet (see word-measures.ts).
  if (isZip && new BoundedZip(file.data, 'spreadsheet').has('word/document.xml')) return wordMeasuresSheet(file.data);
  if (isZip) raw = await readXlsx(file.data);
  else if (/\.(csv|txt)$/i.test(file.filename) || !file.data.subarray(0, 1024).includes(0)) {
    const text = file.data.toString('utf8');
    if (text.includes('\uFFFD')) throw unreadable('CSV', 'it is not UTF-8 text');
    raw = parseCsv(text);
  } else throw unreadable('spreadsheet', 'it is neither XLSX nor CSV');
  const headerIndex = raw.findIndex((row) => !isEmpty(row));
  if (headerIndex < 0) throw unreadable('spreadsheet', 'it is empty');
  const header = raw[headerIndex]!.map((cell) => (cell === null ? '' : String(cell).trim()));
  const rows: Cell[][] = [];
  const lines: number[] = [];
  raw.slice(headerIndex + 1).forEach((row, index) => {
    if (isEmpty(row)) return;
    rows.push(row);
    lines.push(headerIndex + index + 2);
  });
  if (rows.length > MAX_SHEET_ROWS) throw tooManyRows();
  return { header, rows, lines };
}
