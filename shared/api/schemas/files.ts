import { z } from 'zod';
import { DOCUMENT_EXPORT_FORMATS, IMPORT_COLUMNS, REPORT_FORMATS, SHEET_FORMATS } from '../files.ts';
import { uuid } from './common.ts';
import { documentKind } from './documents.ts';
import { measuresQuery } from './measures.ts';

/** GET /api/documents/:id/export */
export const exportQuery = z.object({ format: z.enum(DOCUMENT_EXPORT_FORMATS) });

/** GET /api/documents/:id/measures/export */
export const sheetQuery = z.object({ format: z.enum(SHEET_FORMATS) });

/** GET /api/measures/export: the list's filters, every row up to 20,000 */
export const measureListExportQuery = measuresQuery.extend({ format: z.enum(SHEET_FORMATS), limit: z.coerce.number().int().min(1).max(20_000).default(20_000) });

/** Multipart fields of a measures import: JSON for the column mapping and the organisation choices. */
export const importFields = z.object({
  mapping: z
    .string()
    .max(4000)
    .optional()
    .transform((value) => (value ? z.array(z.enum(IMPORT_COLUMNS).nullable()).max(60).parse(JSON.parse(value)) : undefined)),
  organisationChoices: z
    .string()
    .max(20_000)
    .optional()
    .transform((value) => (value ? z.record(z.string().max(300), z.uuid()).parse(JSON.parse(value)) : undefined)),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
  onlyInvalid: z.enum(['true', 'false']).optional(),
  skipInvalid: z.enum(['true', 'false']).optional(),
});

/** Multipart fields of POST /api/documents/import (besides `file`). */
export const wordImportFields = z.object({
  kind: documentKind.optional(),
  /** measures tables: made into measures at once, or left for the measures import preview */
  measures: z.enum(['apply', 'preview']).optional(),
});

/** GET /api/reports/follow-up */
export const reportQuery = z.object({
  format: z.enum(REPORT_FORMATS),
  commission: uuid.optional(),
  /** comma-separated ids */
  documents: z
    .string()
    .max(20_000)
    .optional()
    .transform((value) => (value === undefined ? undefined : z.array(uuid).max(500).parse(value.split(',').filter(Boolean)))),
  /** YYYY-MM-DD; today by default */
  asOf: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
});

export type ExportRequest = z.input<typeof exportQuery>;
export type SheetRequest = z.input<typeof sheetQuery>;
export type ImportFieldsRequest = z.input<typeof importFields>;
export type WordImportRequest = z.input<typeof wordImportFields>;
export type ReportRequest = z.input<typeof reportQuery>;
