import ExcelJS from 'exceljs';
import type { Locale } from '../../db/schema.ts';
import { MEASURE_FILE_FIELDS, type MeasureFieldKind, type MeasureFileFieldSpec } from '../../shared/measure-model.ts';
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

/** One column per field files carry (shared/measure-model.ts MEASURE_FIELD_SPECS), in their order, after the plan's title when asked. */
export function sheetHeader(locale: Locale, withDocument: boolean): string[] {
  return [...(withDocument ? [label(locale, 'document')] : []), ...MEASURE_FILE_FIELDS.map((spec) => label(locale, spec.sheetLabel))];
}

/** each column's width, in characters */
const DOCUMENT_WIDTH = 40;
const WIDTHS: Record<MeasureFileFieldSpec['field'], number> = {
  id: 38,
  title: 48,
  leadOrganisationId: 28,
  partnerOrganisationIds: 36,
  start: 12,
  due: 12,
  status: 14,
  progress: 12,
  indicator: 36,
  indicatorBaseline: 14,
  indicatorTarget: 14,
  indicatorCurrent: 14,
  indicatorUnit: 10,
  budget: 18,
  currency: 16,
};

/** how a whole column's cells are shown; money is shown per cell, in the measure's own currency */
const COLUMN_FORMATS: Partial<Record<MeasureFieldKind, string>> = { date: 'dd/mm/yyyy', percent: '0%' };

/**
 * A spreadsheet program runs a cell that starts with = + - @ (or a tab or return before them) as a
 * formula; such text is written with a leading apostrophe, which makes it text again.
 */
export const neutraliseFormula = (value: string): string => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

const isoDate = (iso: string | null) => (iso ? new Date(`${iso}T00:00:00Z`) : null);

/** What a sheet shows of a measure's field: organisations by name in the reader's language, the status's label. */
function sheetValue(measure: SheetMeasure, spec: MeasureFileFieldSpec): string | number | null {
  switch (spec.kind) {
    case 'organisation':
      return measure.leadName;
    case 'organisations':
      return measure.partnerNames.join('; ');
    case 'status':
      return measure.statusLabel;
    default:
      return measure[spec.field];
  }
}

/** An XLSX cell: dates as dates, progress as a fraction (the column shows it as a percentage). */
function xlsxCell(measure: SheetMeasure, spec: MeasureFileFieldSpec): string | number | Date | null {
  if (spec.kind === 'date') return isoDate(measure[spec.field]);
  if (spec.kind === 'percent') return measure[spec.field] / 100;
  return sheetValue(measure, spec);
}

/** CSV text: ISO dates, dot decimals, "45%"; empty for no value. */
function csvCell(measure: SheetMeasure, spec: MeasureFileFieldSpec): string {
  const value = sheetValue(measure, spec);
  return spec.kind === 'percent' ? `${value}%` : value === null ? '' : String(value);
}

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
  const widths = [...(withDocument ? [DOCUMENT_WIDTH] : []), ...MEASURE_FILE_FIELDS.map((spec) => WIDTHS[spec.field])];
  sheet.columns = sheetHeader(locale, withDocument).map((header, index) => ({ header, width: widths[index] }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EDF3' } };
  for (const measure of measures) {
    // Text goes in as text cells (never formulas); dates, progress and budget as numbers.
    sheet.addRow([...(withDocument ? [measure.documentTitle ?? ''] : []), ...MEASURE_FILE_FIELDS.map((spec) => xlsxCell(measure, spec))]);
    // Each budget in its own currency (MAD, EUR or USD per measure).
    MEASURE_FILE_FIELDS.forEach((spec, index) => {
      if (spec.kind === 'money') sheet.lastRow!.getCell(offset + index + 1).numFmt = `#,##0.00 "${measure.currency}"`;
    });
  }
  MEASURE_FILE_FIELDS.forEach((spec, index) => {
    const format = COLUMN_FORMATS[spec.kind];
    if (format) sheet.getColumn(offset + index + 1).numFmt = format;
  });
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
    lines.push([...(withDocument ? [measure.documentTitle ?? ''] : []), ...MEASURE_FILE_FIELDS.map((spec) => csvCell(measure, spec))].map(csvField).join(';'));
  }
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}
