import type { DomainEvent } from '../events/bus.ts';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import * as Y from 'yjs';
import type { Database, DocumentKind, DocumentRow } from '../../db/schema.ts';
import { bodyOf, completeMeasure, metaOf, upsertMeasures, type MeasureFields } from '../../shared/doc-schema.ts';
import { appendRichText, inlinePlain, type RichBlock } from '../../shared/rich-text.ts';
import type { Actor } from '../auth/actor.ts';
import { projectDocument } from '../collab/projection.ts';
import { readWord } from '../import/docx-read.ts';
import { measuresHeader, tableRows } from '../import/word-measures.ts';
import type { ImportRow, WordImportSummary } from '../../shared/api/files.ts';
import { mapColumns, organisationLookup, validateRow } from '../import/measure-rows.ts';
import { recordAudit } from './audit.ts';
import { createDocument } from './documents.ts';
import { organisationDirectory } from './exports.ts';

/**
 * Separates measures tables from the text: a table whose first row names measure columns
 * ("Mesure", "Responsable", "Échéance"…, in French, Arabic or English) becomes measures; every
 * other table stays in the text.
 */
export function extractMeasures(
  blocks: readonly RichBlock[],
  lookup: ReturnType<typeof organisationLookup>,
): { blocks: RichBlock[]; measures: MeasureFields[]; rejected: ImportRow[] } {
  const kept: RichBlock[] = [];
  const measures: MeasureFields[] = [];
  const rejected: ImportRow[] = [];
  for (const block of blocks) {
    const header = measuresHeader(block);
    if (block.type !== 'table' || !header) {
      kept.push(block);
      continue;
    }
    const mapping = mapColumns(header);
    tableRows(block).forEach((cells, index) => {
      if (cells.every((cell) => cell === '')) return;
      const result = validateRow(cells, mapping, index + 2, { organisations: lookup, newId: randomUUID });
      if (result.measure) measures.push(completeMeasure(result.measure));
      else rejected.push(result);
    });
  }
  return { blocks: kept, measures, rejected };
}

const titleFromName = (filename: string) =>
  filename
    .replace(/\.[a-z0-9]{3,4}$/i, '')
    .replace(/[_]+/g, ' ')
    .trim()
    .slice(0, 300);

/** A new document from a Word file, written on the server: its text, its measures, its title. */
export async function importWordDocument(
  db: Kysely<Database>,
  actor: Actor,
  file: { filename: string; data: Buffer },
  /**
   * measures: 'apply' writes the measures tables' valid rows at once (the API default, bulk
   * import); 'preview' leaves them out, for the person to check them in the measures import preview.
   */
  options: { kind?: DocumentKind; measures?: 'apply' | 'preview'; ip?: string },
): Promise<{ row: DocumentRow; summary: WordImportSummary; events: DomainEvent[] }> {
  const word = readWord(file.data);
  const organisations = await organisationDirectory(db);
  const extracted = extractMeasures(word.blocks, organisationLookup(organisations.values()));
  const { blocks } = extracted;
  const later = options.measures === 'preview';
  const pendingMeasures = later ? extracted.measures.length + extracted.rejected.length : 0;
  const measures = later ? [] : extracted.measures;
  const rejected = later ? [] : extracted.rejected;
  const firstHeading = blocks.find((block): block is Extract<RichBlock, { type: 'heading' }> => block.type === 'heading');
  const title = (word.title ?? (firstHeading ? inlinePlain(firstHeading.content).trim() : '') ?? '') || titleFromName(file.filename) || 'Document';
  const kind: DocumentKind = options.kind ?? (measures.length > 0 || pendingMeasures > 0 ? 'action_plan' : 'note');

  const doc = new Y.Doc();
  let update: Uint8Array;
  let projection: ReturnType<typeof projectDocument>;
  try {
    doc.transact(() => {
      appendRichText(bodyOf(doc), blocks.length > 0 ? blocks : [{ type: 'paragraph', dir: 'auto', content: [] }]);
      upsertMeasures(doc, measures);
      metaOf(doc).set('kind', kind);
    });
    update = Y.encodeStateAsUpdate(doc);
    projection = projectDocument(doc);
  } finally {
    doc.destroy();
  }
  const created = await createDocument(
    db,
    actor,
    {
      kind,
      title: title.slice(0, 300),
      partnerOrganisationIds: [],
      content: { update, projection },
      ...(kind === 'cooperation_proposal' ? { framework: 'bilateral' as const } : {}),
    },
    options.ip,
  );
  // As stored after the projection (counts, search text), not as first inserted.
  const row = await db.selectFrom('documents').selectAll().where('id', '=', created.row.id).executeTakeFirstOrThrow();
  const summary: WordImportSummary = { measures: measures.length, rejectedRows: rejected, notes: word.notes, pendingMeasures };
  await recordAudit(db, {
    actorUserId: actor.userId,
    action: 'document.imported',
    objectType: 'document',
    objectId: row.id,
    details: {
      format: 'docx',
      filename: file.filename.slice(0, 200),
      bytes: file.data.length,
      measures: measures.length,
      rejectedRows: rejected.length,
      pendingMeasures,
      notes: word.notes,
    },
    ip: options.ip,
  });
  return { row, summary, events: created.events };
}
