import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { recordEvents } from '../events/outbox.ts';
import { measureChangeEvents, type MeasureChangeEvent } from './measure-changes.ts';
import { measureHistoryEntries } from './measure-history.ts';
import type { DocumentProjection, ProjectedMeasure } from './projection.ts';

export interface ProjectionContext {
  documentId: string;
  lastEditorId: string | null;
  lastEditedAt: Date | null;
  /** the projectionMark of the document projected, recorded with the rows */
  mark?: Uint8Array;
  /**
   * Write only if the recorded mark is still this one (null: none recorded): a projection made
   * from storage at start must not overwrite a newer one a live copy wrote meanwhile.
   */
  onlyOverMark?: Uint8Array | null;
}

/**
 * Writes a projection in one transaction: the document's text and counts, and its measure rows.
 * Returns the events it recorded about the measures (a status changed, an organisation became
 * responsible for one) — however they were changed (editor, Slack, import, restore), this is
 * where it is noticed, once.
 */
export async function writeProjection(db: Kysely<Database>, context: ProjectionContext, projection: DocumentProjection): Promise<MeasureChangeEvent[]> {
  return db.transaction().execute((trx) => writeProjectionIn(trx, context, projection));
}

/** The same, inside the caller's transaction (the demo loader writes documents and their projection at once). */
export async function writeProjectionIn(trx: Kysely<Database>, context: ProjectionContext, projection: DocumentProjection): Promise<MeasureChangeEvent[]> {
  if (context.onlyOverMark !== undefined) {
    const recorded = await trx.selectFrom('doc_projections').select('state').where('document_id', '=', context.documentId).forUpdate().executeTakeFirst();
    if (!sameBytes(recorded?.state ?? null, context.onlyOverMark)) return [];
  }
  const updated = await trx
    .updateTable('documents')
    .set({
      body_text: projection.bodyText,
      word_count: projection.wordCount,
      measure_count: projection.measures.length,
      ...(context.lastEditedAt ? { last_edited_at: context.lastEditedAt } : {}),
      ...(context.lastEditorId ? { last_edited_by: context.lastEditorId } : {}),
    })
    .where('id', '=', context.documentId)
    .returning('id')
    .executeTakeFirst();
  if (!updated) return [];
  // A document projected before: measures added to it now are news (not those it was created or loaded with).
  const projectedBefore = (await trx.selectFrom('doc_projections').select('document_id').where('document_id', '=', context.documentId).executeTakeFirst()) !== undefined;
  if (context.mark) {
    await trx
      .insertInto('doc_projections')
      .values({ document_id: context.documentId, state: context.mark })
      .onConflict((oc) => oc.column('document_id').doUpdateSet({ state: context.mark!, projected_at: new Date() }))
      .execute();
  }
  const previous = await trx.selectFrom('measures').select(['id', 'status', 'lead_organisation_id']).where('document_id', '=', context.documentId).forUpdate().execute();
  const changes = measureChangeEvents(
    context,
    new Map(previous.map((row) => [row.id, { status: row.status, leadOrganisationId: row.lead_organisation_id }])),
    projectedBefore || previous.length > 0,
    projection.measures,
  );
  // Noticed here, recorded here: the change and its announcement commit together.
  await recordEvents(trx, changes);
  await recordMeasureHistory(trx, context.documentId, projection.measures, context.lastEditedAt ?? new Date());
  const ids = projection.measures.map((measure) => measure.id);
  let stale = trx.deleteFrom('measures').where('document_id', '=', context.documentId);
  if (ids.length > 0) stale = stale.where('id', 'not in', ids);
  await stale.execute();
  if (ids.length === 0) return changes;
  const rows = projection.measures.map((measure) => ({
    document_id: context.documentId,
    id: measure.id,
    position: measure.position,
    title: measure.title,
    lead_organisation_id: measure.leadOrganisationId,
    partner_organisation_ids: measure.partnerOrganisationIds,
    start_date: measure.start,
    due_date: measure.due,
    status: measure.status,
    progress: measure.progress,
    indicator: measure.indicator,
    indicator_baseline: measure.indicatorBaseline,
    indicator_target: measure.indicatorTarget,
    indicator_current: measure.indicatorCurrent,
    indicator_unit: measure.indicatorUnit,
    budget: measure.budget,
    currency: measure.currency,
    notes: measure.notes,
    updated_at: new Date(),
  }));
  await trx
    .insertInto('measures')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['document_id', 'id']).doUpdateSet((eb) => ({
        position: eb.ref('excluded.position'),
        title: eb.ref('excluded.title'),
        lead_organisation_id: eb.ref('excluded.lead_organisation_id'),
        partner_organisation_ids: eb.ref('excluded.partner_organisation_ids'),
        start_date: eb.ref('excluded.start_date'),
        due_date: eb.ref('excluded.due_date'),
        currency: eb.ref('excluded.currency'),
        notes: eb.ref('excluded.notes'),
        status: eb.ref('excluded.status'),
        progress: eb.ref('excluded.progress'),
        indicator: eb.ref('excluded.indicator'),
        indicator_baseline: eb.ref('excluded.indicator_baseline'),
        indicator_target: eb.ref('excluded.indicator_target'),
        indicator_current: eb.ref('excluded.indicator_current'),
        indicator_unit: eb.ref('excluded.indicator_unit'),
        budget: eb.ref('excluded.budget'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
  return changes;
}

/** Appends the measures that changed since their last recorded state (see measure-history.ts). */
async function recordMeasureHistory(trx: Kysely<Database>, documentId: string, measures: readonly ProjectedMeasure[], at: Date): Promise<void> {
  const last = await trx
    .selectFrom('measure_history')
    .select(['measure_id', 'state'])
    .distinctOn('measure_id')
    .where('document_id', '=', documentId)
    .orderBy('measure_id')
    .orderBy('id', 'desc')
    .execute();
  const entries = measureHistoryEntries(new Map(last.map((row) => [row.measure_id, row.state])), measures);
  if (entries.length === 0) return;
  await trx
    .insertInto('measure_history')
    .values(entries.map((entry) => ({ document_id: documentId, measure_id: entry.measureId, recorded_at: at, state: entry.state === null ? null : JSON.stringify(entry.state) })))
    .execute();
}

function sameBytes(a: Uint8Array | null, b: Uint8Array | null): boolean {
  if (!a || !b) return a === b;
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}
