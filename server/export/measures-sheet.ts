import ExcelJS from 'exceljs';
import type { Locale } from '../../db/schema.ts';
import { label, type ExportMeasure } from './model.ts';

/**
 * Measures as a spreadsheet: XLSX with typed cells (dates as dates, budget as a number in
 * its currency, progress as a percentage) and a frozen header, or CSV. Organisation names are in the
 * reader's language; the id column lets a re-import update these measures instead of adding.
 */

export interface SheetMeasure extends ExportMeasure {
  /** the plan a measure belongs to, when the list spans several documents */
  documentTitle?: string;
}

const COLUMNS = [
  'id',
  'measure',
  'measureLead',
  'partners',
  'start',
  'due',
  'status',
  'progress',
  'indicator',
  'indicatorBaseline',
  'indicatorTarget',
  'indicatorCurrent',
  'indicatorUnit',
  'budget',
  'currency',
] as const;

export function sheetHeader(locale: Locale, withDocument: boolean): string[] {
  return [...(withDocument ? [label(locale, 'document')] : []), ...COLUMNS.map((key) => label(locale, key))];
}

/**
 * A spreadsheet program runs a cell that starts with = + - @ (or a tab or return before them) as a
 * formula; such text is written with a leading apostrophe, which makes it text again.
 */
export const neutraliseFormula = (value: string): string => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

const isoDate = (iso: string | null) => (iso ? new Date(`${iso}T00:00:00Z`) : null);

export async function renderMeasuresXlsx(measures: readonly SheetMeasure[], locale: Locale, title: string, withDocument = false): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Tansiq';
  workbook.title = title;
  addMeasuresSheet(workbook, measures, locale, withDocument);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function addMeasuresSheet(workbook: ExcelJS.Workbook, measures: readonly SheetMeasure[], locale: Locale, withDocument: boolean): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(label(locale, 'measures').slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 1, rightToLeft: locale === 'ar' }],
  });
  const offset = withDocument ? 1 : 0;
  sheet.columns = sheetHeader(locale, withDocument).map((header, index) => ({
    header,
    width: [withDocument ? 40 : null, 38, 48, 28, 36, 12, 12, 14, 12, 36, 14, 14, 14, 10, 18].filter((width) => width !== null)[index] ?? 16,
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EDF3' } };
  for (const measure of measures) {
    // Text goes in as text cells (never formulas); dates, progress and budget as numbers.
    sheet.addRow([
      ...(withDocument ? [measure.documentTitle ?? ''] : []),
      measure.id,
      measure.title,
      measure.leadName,
      measure.partnerNames.join('; '),
      isoDate(measure.start),
      isoDate(measure.due),
      measure.statusLabel,
      measure.progress / 100,
      measure.indicator,
      measure.indicatorBaseline,
      measure.indicatorTarget,
      measure.indicatorCurrent,
      measure.indicatorUnit,
      measure.budget,
      measure.currency,
    ]);
    // Each budget in its own currency (MAD, EUR or USD per measure).
    sheet.lastRow!.getCell(offset + 14).numFmt = `#,##0.00 "${measure.currency}"`;
  }
  sheet.getColumn(offset + 5).numFmt = 'dd/mm/yyyy';
  sheet.getColumn(offset + 6).numFmt = 'dd/mm/yyyy';
  sheet.getColumn(offset + 8).numFmt = '0%';
  sheet.getRow(1).numFmt = '@';
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columns.length } };
  return sheet;
}

const csvField = (value: string): string => {
  const safe = neutraliseFormula(value);
  return /[";\n\r,]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** CSV for spreadsheets: UTF-8 with a byte-order mark, semicolons, ISO dates, dot decimals. */
export function renderMeasuresCsv(measures: readonly SheetMeasure[], locale: Locale, withDocument = false): Buffer {
  const lines = [sheetHeader(locale, withDocument).map(csvField).join(';')];
  for (const measure of measures) {
    lines.push(
      [
        ...(withDocument ? [measure.documentTitle ?? ''] : []),
        measure.id,
        measure.title,
        measure.leadName,
        measure.partnerNames.join('; '),
        measure.start ?? '',
        measure.due ?? '',
        measure.statusLabel,
        `${measure.progress}%`,
        measure.indicator,
        ...[measure.indicatorBaseline, measure.indicatorTarget, measure.indicatorCurrent].map((value) => (value === null ? '' : String(value))),
        measure.indicatorUnit,
        measure.budget === null ? '' : String(measure.budget),
        measure.currency,
      ]
        .map(csvField)
        .join(';'),
    );
  }
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}
