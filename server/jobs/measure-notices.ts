import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { DomainEvent, DomainEvents } from '../events/bus.ts';
import { recordEvents } from '../events/outbox.ts';

/** A table that remembers which (measure, due date) was announced: one row per announcement. */
export type MeasureNoticeTable = 'measure_overdue_notices' | 'measure_due_notices';

export interface NoticeCandidate {
  document_id: string;
  id: string;
  title: string;
  due_date: string | null;
  lead_organisation_id: string | null;
}

/**
 * Announces each candidate once per due date (moving the date announces it again). Several
 * processes may run the same check: the notice insert decides which one announces, and the notice
 * and the outbox row are one write, so an announcement is never lost nor doubled.
 */
export async function announceOncePerDueDate(
  db: Kysely<Database>,
  events: DomainEvents,
  table: MeasureNoticeTable,
  type: 'measure.overdue' | 'measure.due_soon',
  candidates: readonly NoticeCandidate[],
): Promise<number> {
  let announced = 0;
  for (const measure of candidates) {
    if (!measure.due_date) continue;
    const event: DomainEvent = {
      type,
      documentId: measure.document_id,
      measureId: measure.id,
      title: measure.title,
      due: measure.due_date,
      leadOrganisationId: measure.lead_organisation_id,
    };
    const inserted = await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto(table)
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
