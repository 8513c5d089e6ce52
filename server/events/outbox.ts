import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { DomainEvent, DomainEventType } from './bus.ts';

/**
 * The durable side of the domain events. A command records the events its change causes in the
 * same transaction as the change: once committed, neither a shutdown nor a crash can lose them
 * (the bus, after commit, is for what may be lost: live screens). Consumers that must not miss an
 * event (the Slack notifier) take rows in and delete them in one transaction of their own.
 * Rows nobody takes (no consumer configured) are pruned after a while (`pruneEventOutbox`).
 */

/** The events the Slack notifier acts on (channels, direct messages, live cards, threads). */
export const DURABLE_EVENT_TYPES: ReadonlySet<DomainEventType> = new Set<DomainEventType>([
  'document.status_changed',
  'document.updated',
  'document.access_requested',
  'comment.created',
  'comment.resolved',
  'mention',
  'measure.status_changed',
  'measure.lead_changed',
  'measure.overdue',
  'measure.due_soon',
  'session.started',
  'session.item_changed',
  'session.decision_recorded',
  'session.closed',
  // reporting cycles (server/commands/cycles.ts, cycle-reports.ts, jobs/cycle-reminders.ts)
  'cycle.opened',
  'cycle.reminder_due',
  'cycle.closed',
  'cycle_report.changed',
]);

/** The events in-app notifications are made of (server/notifications/rules.ts). */
export const APP_EVENT_TYPES: ReadonlySet<DomainEventType> = new Set<DomainEventType>([
  'mention',
  'comment.created',
  'document.status_changed',
  'document.access_requested',
  'measure.overdue',
  'measure.lead_changed',
  'session.started',
  'session.closed',
  'cycle.reminder_due',
  'cycle_report.changed',
]);

/** Each durable consumer and the events it takes: one row per event and consumer. */
export const EVENT_CONSUMERS = { slack: DURABLE_EVENT_TYPES, app: APP_EVENT_TYPES } as const;
export type EventConsumer = keyof typeof EVENT_CONSUMERS;

export async function recordEvents(trx: Kysely<Database>, events: readonly DomainEvent[]): Promise<void> {
  const rows = events.flatMap((event) =>
    (Object.keys(EVENT_CONSUMERS) as EventConsumer[])
      .filter((consumer) => EVENT_CONSUMERS[consumer].has(event.type))
      .map((consumer) => ({ event: JSON.stringify(event), consumer })),
  );
  if (rows.length === 0) return;
  await trx.insertInto('event_outbox').values(rows).execute();
}

/**
 * Takes up to `limit` of a consumer's rows, oldest first, and hands them to `handle` inside one
 * transaction that also deletes them: an event is acted on once, or not at all and taken again.
 * Several processes may call it at once (SKIP LOCKED). Returns how many were taken.
 */
export async function takeEvents<T>(
  db: Kysely<Database>,
  consumer: EventConsumer,
  limit: number,
  handle: (trx: Kysely<Database>, events: DomainEvent[]) => Promise<T>,
): Promise<{ taken: number; result: T | undefined }> {
  return db.transaction().execute(async (trx) => {
    const events = await takeRecordedEvents(trx, consumer, limit);
    if (events.length === 0) return { taken: 0, result: undefined };
    return { taken: events.length, result: await handle(trx, events) };
  });
}

export const EVENT_OUTBOX_RETENTION_MS = 24 * 3_600_000;

/** Forgets events no consumer took within a day (Slack off, or down for that long). */
export async function pruneEventOutbox(db: Kysely<Database>, now: Date): Promise<number> {
  const deleted = await db
    .deleteFrom('event_outbox')
    .where('created_at', '<', new Date(now.getTime() - EVENT_OUTBOX_RETENTION_MS))
    .executeTakeFirst();
  return Number(deleted.numDeletedRows);
}

/**
 * Takes up to `limit` recorded events, oldest first, inside the caller's transaction: rows another
 * process holds are skipped, and the ones taken are deleted when that transaction commits.
 */
export async function takeRecordedEvents(trx: Kysely<Database>, consumer: EventConsumer, limit: number): Promise<DomainEvent[]> {
  const rows = await trx.selectFrom('event_outbox').select(['id', 'event']).where('consumer', '=', consumer).orderBy('id').limit(limit).forUpdate().skipLocked().execute();
  if (rows.length > 0)
    await trx
      .deleteFrom('event_outbox')
      .where(
        'id',
        'in',
        rows.map((row) => row.id),
      )
      .execute();
  return rows.map((row) => row.event as DomainEvent);
}
