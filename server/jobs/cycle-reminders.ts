import { sql, type Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../../db/schema.ts';
import type { Clock } from '../clock.ts';
import { remindersDue } from '../domain/reporting-cycle.ts';
import type { DomainEvent, DomainEvents } from '../events/bus.ts';
import { recordEvents } from '../events/outbox.ts';
import { repeatCountingCheck } from './schedule.ts';

/**
 * Sends each open cycle's reminders on their day (reminder_days from the due date, on the
 * injected clock) to the organisations whose reports are not all submitted: one
 * `cycle.reminder_due` event per reminder, whatever the number of processes running the job (the
 * insert into cycle_reminders decides). Delivery (in the app, Slack) listens to the event.
 */
export async function checkCycleReminders(db: Kysely<Database>, events: DomainEvents, clock: Clock): Promise<number> {
  const today = clock.today();
  const cycles = await db.selectFrom('reporting_cycles').selectAll().where('status', '=', 'open').where('opens_on', '<=', today).execute();
  let sent = 0;
  for (const cycle of cycles) {
    const sentOffsets = (await db.selectFrom('cycle_reminders').select('offset_days').where('cycle_id', '=', cycle.id).execute()).map((row) => row.offset_days);
    for (const offsetDays of remindersDue({ status: cycle.status, opensOn: cycle.opens_on, dueOn: cycle.due_on, reminderDays: cycle.reminder_days }, today, sentOffsets)) {
      // The reminder (sent once) and its announcement are one write.
      const event = await db.transaction().execute(async (trx) => {
        // Held open meanwhile: a cycle closed since it was listed is reminded of no more.
        const current = await trx.selectFrom('reporting_cycles').select('status').where('id', '=', cycle.id).forShare().executeTakeFirst();
        if (current?.status !== 'open') return null;
        const inserted = await trx
          .insertInto('cycle_reminders')
          .values({ cycle_id: cycle.id, offset_days: offsetDays })
          .onConflict((oc) => oc.doNothing())
          .returning(sql<number>`1`.as('one'))
          .executeTakeFirst();
        if (!inserted) return null;
        const pending = await trx
          .selectFrom('cycle_reports')
          .select('lead_organisation_id')
          .distinct()
          .where('cycle_id', '=', cycle.id)
          .where('state', 'in', ['not_started', 'draft', 'returned'])
          .where('lead_organisation_id', 'is not', null)
          .orderBy('lead_organisation_id')
          .execute();
        const due: DomainEvent = {
          type: 'cycle.reminder_due',
          cycleId: cycle.id,
          period: cycle.period,
          dueOn: cycle.due_on,
          offsetDays,
          organisationIds: pending.map((row) => row.lead_organisation_id!),
        };
        await recordEvents(trx, [due]);
        return due;
      });
      if (!event) continue;
      sent++;
      events.emit(event);
    }
  }
  return sent;
}

/** Runs the check now and then every `intervalMs`; returns the stop function. */
export function scheduleCycleReminders(db: Kysely<Database>, events: DomainEvents, clock: Clock, logger: Logger, intervalMs: number): () => void {
  return repeatCountingCheck(() => checkCycleReminders(db, events, clock), logger, { done: 'cycle reminders sent', failed: 'cycle reminder check failed' }, intervalMs);
}
