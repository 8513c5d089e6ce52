import { sql, type Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../../db/schema.ts';
import type { Clock } from '../clock.ts';
import type { DomainEvent, DomainEvents } from '../events/bus.ts';
import { recordEvents } from '../events/outbox.ts';
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
      join
        .onRef('notices.document_id', '=', 'measures.document_id')
        .onRef('notices.measure_id', '=', 'measures.id')
        .onRef('notices.due_date', '=', 'measures.due_date'),
    )
    .select(['measures.document_id', 'measures.id', 'measures.title', 'measures.due_date', 'measures.lead_organisation_id'])
    .where('measures.due_date', '<', today)
    .where('measures.status', 'not in', ['done', 'cancelled'])
    .where('documents.archived_at', 'is', null)
    .where('notices.document_id', 'is', null)
    .limit(5_000)
    .execute();
  let announced = 0;
  for (const measure of candidates) {
    const event: DomainEvent = {
      type: 'measure.overdue',
      documentId: measure.document_id,
      measureId: measure.id,
      title: measure.title,
      due: measure.due_date!,
      leadOrganisationId: measure.lead_organisation_id,
    };
    // The notice (announced once) and the announcement are one write.
    const inserted = await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('measure_overdue_notices')
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

/** Runs the check now and then every `intervalMs`; returns the stop function. */
export function scheduleOverdueCheck(db: Kysely<Database>, events: DomainEvents, clock: Clock, logger: Logger, intervalMs: number): () => void {
  return repeatCountingCheck(() => checkOverdueMeasures(db, events, clock), logger, { done: 'overdue measures announced', failed: 'overdue check failed' }, intervalMs);
}
