import { sql, type Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../../db/schema.ts';
import type { Clock } from '../clock.ts';
import type { DomainEvent, DomainEvents } from '../events/bus.ts';
import { recordEvents } from '../events/outbox.ts';
import { repeatCountingCheck } from './schedule.ts';

/** How far ahead a deadline is announced. */
export const DUE_SOON_DAYS = 7;

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

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
  let announced = 0;
  for (const measure of candidates) {
    const event: DomainEvent = {
      type: 'measure.due_soon',
      documentId: measure.document_id,
      measureId: measure.id,
      title: measure.title,
      due: measure.due_date!,
      leadOrganisationId: measure.lead_organisation_id,
    };
    const inserted = await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('measure_due_notices')
        .values({ document_id: measure.document_id, measure_id: measure.id, due_date: measure.due_date! })
        .onConflict((oc) => oc.doNothing())
        .returning(sql<number>`1`.as('one'))
        .executeTakeFirst();
      if (row) await recordEvents(trx, [event]);
      return row;
    });
    if (!inserted) continue;
    announced++;
    events.emit(event);
  }
  return announced;
}

export function scheduleDueSoonCheck(db: Kysely<Database>, events: DomainEvents, clock: Clock, logger: Logger, intervalMs: number): () => void {
  return repeatCountingCheck(() => checkMeasuresDueSoon(db, events, clock), logger, { done: 'measures due soon announced', failed: 'due-soon check failed' }, intervalMs);
}
