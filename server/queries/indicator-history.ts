import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { IndicatorHistoryEntry } from '../../shared/api/measures.ts';

/** newest values kept per measure when the whole document's history is read (the row charts) */
export const HISTORY_PER_MEASURE = 50;

/**
 * The recorded values of a document's measures (one measure when `measureId` is given), oldest
 * first, at most the newest `limit` per measure. The caller checks access to the document.
 */
export async function indicatorHistory(db: Kysely<Database>, documentId: string, options: { measureId?: string; limit?: number } = {}): Promise<IndicatorHistoryEntry[]> {
  const limit = options.limit ?? HISTORY_PER_MEASURE;
  let ranked = db
    .selectFrom('measure_indicator_values as v')
    .leftJoin('users', 'users.id', 'v.recorded_by')
    .select((eb) => [
      'v.id',
      'v.measure_id',
      'v.value',
      'v.recorded_at',
      'v.recorded_by',
      'users.name as user_name',
      eb.fn
        .agg<number>('row_number')
        .over((ob) => ob.partitionBy('v.measure_id').orderBy('v.id', 'desc'))
        .as('rank'),
    ])
    .where('v.document_id', '=', documentId);
  if (options.measureId) ranked = ranked.where('v.measure_id', '=', options.measureId);
  const rows = await db.selectFrom(ranked.as('r')).selectAll().where('r.rank', '<=', limit).orderBy('r.measure_id').orderBy('r.id').execute();
  return rows.map((row) => ({
    measureId: row.measure_id,
    value: row.value,
    at: new Date(row.recorded_at).toISOString(),
    by: row.recorded_by ? { id: row.recorded_by, name: row.user_name ?? '' } : null,
  }));
}
