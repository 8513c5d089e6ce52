import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

/** A reporting cycle with who owes which report, or null. */
export async function findCycleWithReports(db: Kysely<Database>, cycleId: string) {
  const cycle = await db.selectFrom('reporting_cycles').selectAll().where('id', '=', cycleId).executeTakeFirst();
  if (!cycle) return null;
  const reports = await db
    .selectFrom('cycle_reports')
    .select(['document_id', 'lead_organisation_id', 'partner_organisation_ids', 'state'])
    .where('cycle_id', '=', cycleId)
    .execute();
  return { cycle, reports };
}

/** The consolidated documents a closed cycle produced. */
export function consolidatedDocuments(db: Kysely<Database>, cycleId: string) {
  return db
    .selectFrom('cycle_consolidated_documents')
    .innerJoin('documents', 'documents.id', 'cycle_consolidated_documents.document_id')
    .select(['documents.id', 'documents.title'])
    .where('cycle_id', '=', cycleId)
    .execute();
}
