import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../../db/schema.ts';
import type { Clock } from '../clock.ts';
import { addDays } from '../domain/reporting-cycle.ts';
import type { DomainEvents } from '../events/bus.ts';
import { announceOncePerDueDate } from './measure-notices.ts';
import { repeatCountingCheck } from './schedule.ts';

/** How far ahead a deadline is announced. */
export const DUE_SOON_DAYS = 7;

/**
 * Finds unfinished measures due within a week and announces each once per due date (as the
 * overdue check does for missed dates): the notice and the outbox row are one write.
 */
export async function checkMeasuresDueSoon(db: Kysely<Database>, events: DomainEvents, clock: Clock): Promise<number> {
  const today = clock.today();
  const candidates = await db
    .selectFrom('measures')
    .innerJoin('documents', 'documents.id', 'measures.document_id')
    .leftJoin('measure_due_notices as notices', (join) =>
      join.onRef('notices.document_id', '=', 'measures.document_id').onRef('notices.measure_id', '=', 'measures.id').onRef('notices.due_date', '=', 'measures.due_date'),
    )
    .select(['measures.document_id', 'measures.id', 'measures.title', 'measures.due_date', 'measures.lead_organisation_id'])
    .where('measures.due_date', '>=', today)
    .where('measures.due_date', '<=', addDays(today, DUE_SOON_DAYS))
    .where('measures.status', 'not in', ['done', 'cancelled'])
    .where('documents.archived_at', 'is', null)
    .where('notices.document_id', 'is', null)
    .limit(5_000)
    .execute();
  return announceOncePerDueDate(db, events, 'measure_due_notices', 'measure.due_soon', candidates);
}

export function scheduleDueSoonCheck(db: Kysely<Database>, events: DomainEvents, clock: Clock, logger: Logger, intervalMs: number): () => void {
  return repeatCountingCheck(() => checkMeasuresDueSoon(db, events, clock), logger, { done: 'measures due soon announced', failed: 'due-soon check failed' }, intervalMs);
}
