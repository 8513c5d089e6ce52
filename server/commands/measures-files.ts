import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, Locale } from '../../db/schema.ts';
import { readMeasures, upsertMeasures, type MeasureFields } from '../../shared/doc-schema.ts';
import type { Actor } from '../auth/actor.ts';
import type { CollabHub } from '../collab/hub.ts';
import { AppError } from '../errors.ts';
import { renderMeasuresCsv, renderMeasuresXlsx, type SheetMeasure } from '../export/measures-sheet.ts';
import { buildExportModel, safeFileName } from '../export/model.ts';
import { IMPORT_COLUMNS, type ImportColumn, type ImportRow, type MeasuresImportPreview, type MeasuresImportResult, type SheetFormat } from '../../shared/api/files.ts';
import { mapColumns, matchNewRowsByTitle, organisationLookup, validateRow } from '../import/measure-rows.ts';
import { readSheet } from '../import/sheet-read.ts';
import { recordAudit } from './audit.ts';
import type { DocumentContent } from '../queries/comments-content.ts';
import { requireDocument } from '../queries/document-guard.ts';
import { organisationDirectory, type ExportedFile } from './exports.ts';

const SHEET_TYPES: Record<SheetFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/** Measures with names in the reader's language, through the same model as document exports. */
async function sheetMeasures(db: Kysely<Database>, locale: Locale, measures: readonly MeasureFields[]): Promise<SheetMeasure[]> {
  const organisations = await organisationDirectory(db);
  return buildExportModel({
    locale,
    title: '',
    kind: 'action_plan',
    status: 'draft',
    version: null,
    date: '',
    leadOrganisationId: '',
    partnerOrganisationIds: [],
    organisations,
    ministry: { nameFr: '', nameAr: '' },
    logo: null,
    blocks: [],
    measures,
  }).measures;
}

export async function renderSheet(measures: readonly SheetMeasure[], locale: Locale, format: SheetFormat, title: string, withDocument = false): Promise<Buffer> {
  return format === 'xlsx' ? renderMeasuresXlsx(measures, locale, title, withDocument) : renderMeasuresCsv(measures, locale, withDocument);
}

export async function exportMeasures(db: Kysely<Database>, content: DocumentContent, actor: Actor, id: string, format: SheetFormat, ip?: string): Promise<ExportedFile> {
  const { row } = await requireDocument(db, actor, id, 'view', ip);
  const measures = await sheetMeasures(db, actor.locale, await content(id, readMeasures));
  const data = await renderSheet(measures, actor.locale, format, row.title);
  await recordAudit(db, { actorUserId: actor.userId, action: 'measures.exported', objectType: 'document', objectId: id, details: { format, measures: measures.length }, ip });
  return { data, contentType: SHEET_TYPES[format], filename: safeFileName(row.title, format) };
}

/** A filtered dashboard list (measures of every plan the reader may see) as a spreadsheet. */
export async function exportMeasureList(
  db: Kysely<Database>,
  actor: Actor,
  list: readonly (MeasureFields & { documentTitle: string })[],
  format: SheetFormat,
  ip?: string,
): Promise<ExportedFile> {
  const named = await sheetMeasures(db, actor.locale, list);
  const measures = named.map((measure, index) => ({ ...measure, documentTitle: list[index]!.documentTitle }));
  const data = await renderSheet(measures, actor.locale, format, 'Tansiq', true);
  await recordAudit(db, { actorUserId: actor.userId, action: 'measures.exported', details: { format, measures: measures.length, list: true }, ip });
  return { data, contentType: SHEET_TYPES[format], filename: `tansiq-measures.${format}` };
}

export interface ImportOptions {
  /** column per header cell, to override what was recognised */
  mapping?: (ImportColumn | null)[];
  /** organisation chosen for a name the file uses and the directory does not know */
  organisationChoices?: Record<string, string>;
}

export interface ImportPlan {
  header: string[];
  mapping: (ImportColumn | null)[];
  rows: ImportRow[];
  creates: number;
  updates: number;
  invalid: number;
  unknownOrganisations: string[];
  /** ids made up for rows matched to no measure by title (files without an id column) */
  newIds: ReadonlySet<string>;
}

/** Reads and validates a file against a document's measures; writes nothing. */
async function planImport(
  db: Kysely<Database>,
  content: DocumentContent,
  actor: Actor,
  id: string,
  file: { filename: string; data: Buffer },
  options: ImportOptions,
  ip?: string,
): Promise<ImportPlan> {
  await requireDocument(db, actor, id, 'edit', ip);
  const sheet = await readSheet(file);
  const mapping = options.mapping && options.mapping.length === sheet.header.length ? options.mapping : mapColumns(sheet.header);
  if (!mapping.includes('title'))
    throw new AppError(422, 'no_measure_column', 'No column holds the measures’ titles ("Mesure", "Action", "الإجراء", "Measure").', { header: sheet.header });
  const existing = await content(id, readMeasures);
  const ids = new Set(existing.map((measure) => measure.id));
  const byTitle = new Map(existing.map((measure) => [measure.title.trim().toLowerCase(), measure.id]));
  const lookup = organisationLookup((await organisationDirectory(db)).values(), options.organisationChoices);
  const seen = new Set<string>();
  const byTitleOnly = !mapping.includes('id');
  const newIds = new Set<string>();
  const newId = () => {
    const made = randomUUID();
    if (byTitleOnly) newIds.add(made);
    return made;
  };
  const rows = sheet.rows.map((cells, index) => {
    const result = validateRow(cells, mapping, sheet.lines[index]!, {
      organisations: lookup,
      newId,
      idForTitle: byTitleOnly ? (title) => byTitle.get(title.trim().toLowerCase()) ?? null : undefined,
    });
    // One row per measure: a second row with the same id would silently win over the first.
    if (result.measure && seen.has(result.measure.id))
      return { ...result, measure: null, errors: [{ column: 'id' as const, code: 'duplicate' as const, value: result.measure.id }] };
    if (result.measure) seen.add(result.measure.id);
    return result;
  });
  const valid = rows.filter((row) => row.measure);
  return {
    header: sheet.header,
    mapping,
    rows,
    creates: valid.filter((row) => !ids.has(row.measure!.id)).length,
    updates: valid.filter((row) => ids.has(row.measure!.id)).length,
    invalid: rows.length - valid.length,
    unknownOrganisations: [...new Set(rows.flatMap((row) => row.errors.filter((error) => error.code === 'unknown_organisation').map((error) => error.value)))].slice(0, 200),
    newIds,
  };
}

export async function previewMeasuresImport(
  db: Kysely<Database>,
  content: DocumentContent,
  actor: Actor,
  id: string,
  file: { filename: string; data: Buffer },
  options: ImportOptions & { page: number; pageSize: number; onlyInvalid?: boolean },
  ip?: string,
): Promise<MeasuresImportPreview> {
  const plan = await planImport(db, content, actor, id, file, options, ip);
  const shown = options.onlyInvalid ? plan.rows.filter((row) => row.errors.length > 0) : plan.rows;
  return {
    header: plan.header,
    mapping: plan.mapping,
    columns: IMPORT_COLUMNS,
    total: plan.rows.length,
    creates: plan.creates,
    updates: plan.updates,
    invalid: plan.invalid,
    unknownOrganisations: plan.unknownOrganisations,
    page: options.page,
    pageSize: options.pageSize,
    pages: Math.max(1, Math.ceil(shown.length / options.pageSize)),
    rows: shown.slice((options.page - 1) * options.pageSize, options.page * options.pageSize),
  };
}

/** Applies a file's rows as one Yjs change through the live document, so co-editors see it at once. */
export async function applyMeasuresImport(
  db: Kysely<Database>,
  hub: Pick<CollabHub, 'applyServerChange'>,
  content: DocumentContent,
  actor: Actor,
  id: string,
  file: { filename: string; data: Buffer },
  options: ImportOptions & { skipInvalid?: boolean },
  ip?: string,
): Promise<MeasuresImportResult> {
  const plan = await planImport(db, content, actor, id, file, options, ip);
  if (plan.invalid > 0 && !options.skipInvalid) {
    throw new AppError(422, 'invalid_rows', `${plan.invalid} row(s) cannot be imported; fix them, choose organisations, or skip them.`, {
      rows: plan.rows.filter((row) => row.errors.length > 0).slice(0, 100),
    });
  }
  const measures = plan.rows.flatMap((row) => (row.measure ? [row.measure] : []));
  // Titles are matched again against the plan as it is when the change is made, not as it was read.
  const result =
    measures.length === 0
      ? { created: 0, updated: 0 }
      : await hub.applyServerChange(id, (doc) => upsertMeasures(doc, matchNewRowsByTitle(measures, plan.newIds, readMeasures(doc))), actor.userId);
  await recordAudit(db, {
    actorUserId: actor.userId,
    action: 'measures.imported',
    objectType: 'document',
    objectId: id,
    details: { filename: file.filename.slice(0, 200), bytes: file.data.length, ...result, skipped: plan.invalid },
    ip,
  });
  return { ...result, skipped: plan.invalid };
}
