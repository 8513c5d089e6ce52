/** Files in and out (server/routes/files.ts): the formats, and what imports answer. */
import { MEASURE_FILE_FIELDS, type MeasureFields, type MeasureFileFieldSpec } from '../measure-model.ts';
import type { TansiqDocument } from './documents.ts';

/** GET /api/documents/:id/export?format= */
export const DOCUMENT_EXPORT_FORMATS = ['docx', 'pdf', 'odt', 'html'] as const;
export type DocumentExportFormat = (typeof DOCUMENT_EXPORT_FORMATS)[number];
/** GET /api/documents/:id/measures/export?format=, GET /api/measures/export?format= */
export const SHEET_FORMATS = ['xlsx', 'csv'] as const;
export type SheetFormat = (typeof SHEET_FORMATS)[number];
/** GET /api/reports/follow-up?format= */
export const REPORT_FORMATS = ['docx', 'pdf', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/**
 * What a column of an imported measures table may hold: each field files carry, by its column's
 * name (shared/measure-model.ts MEASURE_FIELD_SPECS; server/import/measure-rows.ts recognises the headers).
 */
export type ImportColumn = MeasureFileFieldSpec['importColumn'];
export const IMPORT_COLUMNS: readonly ImportColumn[] = MEASURE_FILE_FIELDS.map((spec) => spec.importColumn);

export interface ImportRowError {
  column: ImportColumn;
  code: 'required' | 'unknown_organisation' | 'bad_date' | 'bad_status' | 'bad_number' | 'bad_currency' | 'duplicate' | 'too_long' | 'start_after_due';
  /** the cell as read, cut to 200 characters */
  value: string;
}

/**
 * A measure as a file gives it: its id and title, and a field only when the file has its column,
 * so a re-import changes the columns the file carries and leaves the others as they are.
 */
export type ImportedMeasure = Pick<MeasureFields, 'id' | 'title'> & Partial<Omit<MeasureFields, 'id' | 'title' | 'notes'>>;

export interface ImportRow {
  /** 1-based row number in the source, header included */
  line: number;
  /** the fields the file gives; a re-import leaves the others (notes, and any column the file lacks) as they are */
  measure: ImportedMeasure | null;
  errors: ImportRowError[];
}

/** POST /api/documents/:id/measures/import/preview: what an import would do, one page of rows at a time. */
export interface MeasuresImportPreview {
  header: string[];
  /** the column each header cell was read as (null: ignored) */
  mapping: (ImportColumn | null)[];
  columns: readonly ImportColumn[];
  total: number;
  creates: number;
  updates: number;
  invalid: number;
  unknownOrganisations: string[];
  page: number;
  pageSize: number;
  pages: number;
  rows: ImportRow[];
}

/** POST /api/documents/:id/measures/import (a type, not an interface: the client passes it as message values) */
export type MeasuresImportResult = {
  created: number;
  updated: number;
  /** invalid rows left out (skipInvalid) */
  skipped: number;
};

export interface WordImportSummary {
  /** measures taken from the file's measures tables */
  measures: number;
  /** rows of a measures table that could not become measures, with the reason per cell */
  rejectedRows: ImportRow[];
  /** `images_dropped:N`, `macros_ignored` */
  notes: string[];
  /** rows of measures tables left for the measures import preview (measures = 'preview') */
  pendingMeasures: number;
}

/** POST /api/documents/import → 201 */
export interface WordImportResult {
  document: TansiqDocument;
  import: WordImportSummary;
}

/** the largest logo PUT /api/settings/logo accepts: one on every export page, small enough to keep exports light */
export const MAX_LOGO_BYTES = 512 * 1024;

/** PUT /api/settings/logo */
export interface Logo {
  type: 'png' | 'jpg';
  width: number;
  height: number;
}
