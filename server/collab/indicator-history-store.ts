import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { IndicatorValueChange } from './indicator-history.ts';

/** Appends changes of current indicator values, all stamped `at` (the server's clock). */
export async function recordIndicatorValues(db: Kysely<Database>, documentId: string, changes: readonly IndicatorValueChange[], at: Date): Promise<void> {
  if (changes.length === 0) return;
  await db
    .insertInto('measure_indicator_values')
    .values(changes.map((change) => ({ document_id: documentId, measure_id: change.measureId, value: change.value, recorded_by: change.userId, recorded_at: at })))
    .execute();
}
