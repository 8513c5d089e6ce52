import type { Kysely } from 'kysely';
import type { Database, DocumentStatus } from '../../db/schema.ts';
import { measuresAt } from '../collab/measure-history.ts';
import type { ProjectedMeasure } from '../collab/projection.ts';

/**
 * What plans looked like at a past instant, for the follow-up report "as of" a date: measures
 * from their recorded history, document statuses from the audited status changes.
 */

/** The status at `instant`: the target of the last change up to then, else the source of the first one after. */
export function statusAt(current: DocumentStatus, changes: readonly { at: Date; from: DocumentStatus; to: DocumentStatus }[], instant: Date): DocumentStatus {
  const sorted = [...changes].sort((a, b) => a.at.getTime() - b.at.getTime());
  const before = sorted.filter((change) => change.at.getTime() <= instant.getTime());
  if (before.length > 0) return before[before.length - 1]!.to;
  return sorted[0]?.from ?? current;
}

export async function measuresOfPlansAt(db: Kysely<Database>, documentIds: readonly string[], instant: Date): Promise<Map<string, ProjectedMeasure[]>> {
  const result = new Map<string, ProjectedMeasure[]>(documentIds.map((id) => [id, []]));
  if (documentIds.length === 0) return result;
  const rows = await db
    .selectFrom('measure_history')
    .select(['document_id', 'measure_id', 'recorded_at', 'state'])
    .where('document_id', 'in', documentIds)
    .where('recorded_at', '<=', instant)
    .orderBy('id')
    .execute();
  const byDocument = new Map<string, { measureId: string; recordedAt: Date; state: ProjectedMeasure | null }[]>();
  for (const row of rows) {
    const list = byDocument.get(row.document_id) ?? [];
    list.push({ measureId: row.measure_id, recordedAt: new Date(row.recorded_at), state: row.state });
    byDocument.set(row.document_id, list);
  }
  for (const [id, history] of byDocument) result.set(id, measuresAt(history, instant));
  return result;
}

export async function statusesOfPlansAt(db: Kysely<Database>, plans: readonly { id: string; status: DocumentStatus }[], instant: Date): Promise<Map<string, DocumentStatus>> {
  const result = new Map(plans.map((plan) => [plan.id, plan.status]));
  if (plans.length === 0) return result;
  const rows = await db
    .selectFrom('audit_log')
    .select(['object_id', 'at', 'details'])
    .where('action', '=', 'document.status_changed')
    .where(
      'object_id',
      'in',
      plans.map((plan) => plan.id),
    )
    .execute();
  for (const plan of plans) {
    const changes = rows
      .filter((row) => row.object_id === plan.id)
      .map((row) => ({ at: new Date(row.at), from: row.details.from as DocumentStatus, to: row.details.to as DocumentStatus }));
    result.set(plan.id, statusAt(plan.status, changes, instant));
  }
  return result;
}
