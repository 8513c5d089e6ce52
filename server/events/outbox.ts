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

/** The events a durable consumer acts on; the others are not worth a row. */
export const DURABLE_EVENT_TYPES: ReadonlySet<DomainEventType> = new Set<DomainEventType>([
  'document.status_changed',
  'document.updated',
  'comment.created',
  'mention',
  'measure.status_changed',
  'measure.overdue',
  'session.started',
  'session.item_changed',
  'session.decision_recorded',
  'session.closed',
]);

export async function recordEvents(trx: Kysely<Database>, events: readonly DomainEvent[]): Promise<void> {
  const kept = events.filter((event) => DURABLE_EVENT_TYPES.has(event.type));
  if (kept.length === 0) return;
  await trx
    .insertInto('event_outbox')
    .values(kept.map((event) => ({ event: JSON.stringify(event) })))
    .execute();
}

export const EVENT_OUTBOX_RETENTION_MS = 24 * 3_600_000;

/** Forgets events no consumer took within a day (Slack off, or down for that long). */
export async function pruneEventOutbox(db: Kysely<Database>, now: Date): Promise<number> {
  const deleted = await db.deleteFrom('event_outbox').where('created_at', '<', new Date(now.getTime() - EVENT_OUTBOX_RETENTION_MS)).executeTakeFirst();
  return Number(deleted.numDeletedRows);
}

/**
 * Takes up to `limit` recorded events, oldest first, inside the caller's transaction: rows another
 * process holds are skipped, and the ones taken are deleted when that transaction commits.
 */
export async function takeRecordedEvents(trx: Kysely<Database>, limit: number): Promise<DomainEvent[]> {
  const rows = await trx.selectFrom('event_outbox').select(['id', 'event']).orderBy('id').limit(limit).forUpdate().skipLocked().execute();
  if (rows.length > 0) await trx.deleteFrom('event_outbox').where('id', 'in', rows.map((row) => row.id)).execute();
  return rows.map((row) => row.event as DomainEvent);
}
