import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../../db/schema.ts';
import type { Clock } from '../clock.ts';
import type { DomainEvents } from '../events/bus.ts';
import { announceOncePerDueDate } from './measure-notices.ts';
import { repeatCountingCheck } from './schedule.ts';

/**
 * Finds measures that passed their due date unfinished and announces each one once per due date
 * (moving the date and missing it again announces it again). Several processes may run it: the
 * notice insert decides which one announces.
 */
export async function checkOverdueMeasures(db: Kysely<Database>, events: DomainEvents, clock: Clock): Promise<number> {
  const today = clock.today();
  const candidates = await db
    .selectFrom('measures')
    .innerJoin('documents', 'documents.id', 'measures.document_id')
    .leftJoin('measure_overdue_notices as notices', (join) =>
      join.onRef('notices.document_id', '=', 'measures.document_id').onRef('notices.measure_id', '=', 'measures.id').onRef('notices.due_date', '=', 'measures.due_date'),
    )
    .select(['measures.document_id', 'measures.id', 'measures.title', 'measures.due_date', 'measures.lead_organisation_id'])
    .where('measures.due_date', '<', today)
    .where('measures.status', 'not in', ['done', 'cancelled'])
    .where('documents.archived_at', 'is', null)
    .where('notices.document_id', 'is', null)
    .limit(5_000)
    .execute();
  return announceOncePerDueDate(db, events, 'measure_overdue_notices', 'measure.overdue', candidates);
}

/** Runs the check now and then every `intervalMs`; returns the stop function. */
export function scheduleOverdueCheck(db: Kysely<Database>, events: DomainEvents, clock: Clock, logger: Logger, intervalMs: number): () => void {
  return repeatCountingCheck(() => checkOverdueMeasures(db, events, clock), logger, { done: 'overdue measures announced', failed: 'overdue check failed' }, intervalMs);
}
