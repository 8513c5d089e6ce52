import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { DocumentProjection } from './projection.ts';

export interface ProjectionContext {
  documentId: string;
  lastEditorId: string | null;
  lastEditedAt: Date | null;
}

/** Writes a projection in one transaction: the document's text and counts, and its measure rows. */
export async function writeProjection(db: Kysely<Database>, context: ProjectionContext, projection: DocumentProjection): Promise<void> {
  await db.transaction().execute((trx) => writeProjectionIn(trx, context, projection));
}

/** The same, inside the caller's transaction (the demo loader writes documents and their projection at once). */
export async function writeProjectionIn(trx: Kysely<Database>, context: ProjectionContext, projection: DocumentProjection): Promise<void> {
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
  if (!updated) return;
  const ids = projection.measures.map((measure) => measure.id);
  let stale = trx.deleteFrom('measures').where('document_id', '=', context.documentId);
  if (ids.length > 0) stale = stale.where('id', 'not in', ids);
  await stale.execute();
  if (ids.length === 0) return;
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
    budget: measure.budget,
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
        status: eb.ref('excluded.status'),
        progress: eb.ref('excluded.progress'),
        indicator: eb.ref('excluded.indicator'),
        budget: eb.ref('excluded.budget'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}
