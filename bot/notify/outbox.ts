import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, SlackOutboxTable } from '../../db/schema.ts';
import type { SlackMessage } from '../blocks/common.ts';
import type { CycleNoticeAudience } from '../cycles/reveals.ts';
import type { StoredEvent } from './plan.ts';

/**
 * Notifications waiting for their burst to end. Events about one subject for one channel gather
 * in one open row; the row is due after `quietMs` without news, or `maxMs` after its first event.
 * Several processes share the table: claiming a row is one conditional UPDATE, so one of them
 * delivers it.
 */

export type OutboxRow = Selectable<SlackOutboxTable>;
/** A row about a document or a session: a burst of events, drawn at delivery for its audience. */
export type SubjectRow = OutboxRow & { subject_type: 'document' | 'session' };
export const isSubjectRow = (row: OutboxRow): row is SubjectRow => row.subject_type !== 'cycle';

export interface OutboxTarget {
  teamId: string;
  channelId: string;
  subject: { type: 'document' | 'session'; id: string };
}

/** Keep this many events per row; beyond, only the count grows (a message cannot tell 500 edits anyway). */
const MAX_STORED_EVENTS = 50;

export interface Window {
  quietMs: number;
  maxMs: number;
}

export async function enqueue(db: Kysely<Database>, target: OutboxTarget, event: StoredEvent, now: Date, window: Window): Promise<void> {
  const events = JSON.stringify([event]);
  const quietEnd = new Date(now.getTime() + window.quietMs);
  await sql`
    INSERT INTO slack_outbox (team_id, channel_id, subject_type, subject_id, events, event_count, first_event_at, last_event_at, deliver_after)
    VALUES (${target.teamId}, ${target.channelId}, ${target.subject.type}, ${target.subject.id}, ${events}::jsonb, 1, ${now}, ${now},
            LEAST(${quietEnd}::timestamptz, ${new Date(now.getTime() + window.maxMs)}::timestamptz))
    ON CONFLICT (team_id, channel_id, subject_type, subject_id) WHERE is_open
    DO UPDATE SET
      events = CASE WHEN jsonb_array_length(slack_outbox.events) < ${MAX_STORED_EVENTS} THEN slack_outbox.events || excluded.events ELSE slack_outbox.events END,
      event_count = slack_outbox.event_count + 1,
      last_event_at = excluded.last_event_at,
      deliver_after = LEAST(${quietEnd}::timestamptz, slack_outbox.first_event_at + ${`${window.maxMs} milliseconds`}::interval)
  `.execute(db);
}

/** A message made when its event was taken in (a follow-up cycle's notice): posted as it is, once. */
export interface ReadyTarget {
  teamId: string;
  /** a channel, or a Slack user id for a direct message */
  channelId: string;
  subject: { type: 'cycle'; id: string };
}

/**
 * Queues a ready message in a row of its own, closed at once (never gathered with another) and due
 * now; it is claimed, marked attempted, checked and posted like every other row. `audience` (what
 * the message reveals) is kept with it: who may see it is decided at delivery, as for every row.
 */
export async function enqueueReady(db: Kysely<Database>, target: ReadyTarget, message: SlackMessage, audience: CycleNoticeAudience, now: Date): Promise<void> {
  await db
    .insertInto('slack_outbox')
    .values({
      team_id: target.teamId,
      channel_id: target.channelId,
      subject_type: target.subject.type,
      subject_id: target.subject.id,
      events: JSON.stringify([message, audience]),
      event_count: 1,
      is_open: false,
      first_event_at: now,
      last_event_at: now,
      deliver_after: now,
    })
    .execute();
}

/** The message of a row queued by `enqueueReady`, and what it reveals (null for a row queued before that was kept). */
export function readyMessage(row: Pick<OutboxRow, 'events'>): { message: SlackMessage; audience: CycleNoticeAudience | null } | null {
  const [message, audience] = row.events as [SlackMessage?, CycleNoticeAudience?];
  return message ? { message, audience: audience ?? null } : null;
}

/** Rows whose time has come and that nobody holds, oldest first. */
export function dueRows(db: Kysely<Database>, now: Date, limit: number) {
  return db
    .selectFrom('slack_outbox')
    .select(['id', 'channel_id'])
    .where('deliver_after', '<=', now)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
    .orderBy('deliver_after')
    .limit(limit)
    .execute();
}

/** Takes a row for delivery until `leaseMs` from now (a process that dies lets it go again). Closed to new events from then on. */
export async function claim(db: Kysely<Database>, id: string, now: Date, leaseMs: number): Promise<OutboxRow | null> {
  const row = await db
    .updateTable('slack_outbox')
    .set({ is_open: false, claimed_until: new Date(now.getTime() + leaseMs) })
    .where('id', '=', id)
    .where('deliver_after', '<=', now)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
    .returningAll()
    .executeTakeFirst();
  return row ?? null;
}

/**
 * Says "this batch may reach Slack now", committed before the post: a process that dies during
 * the post leaves the mark, and whoever delivers the row next asks Slack before posting again.
 */
export async function markAttempted(db: Kysely<Database>, id: string, now: Date): Promise<void> {
  await db.updateTable('slack_outbox').set({ attempted_at: now }).where('id', '=', id).execute();
}

/** Every row for one conversation (its subscriptions were paused): nothing there will be posted. */
export async function dropConversation(db: Kysely<Database>, teamId: string, channelId: string | null): Promise<void> {
  let query = db.deleteFrom('slack_outbox').where('team_id', '=', teamId);
  if (channelId !== null) query = query.where('channel_id', '=', channelId);
  await query.execute();
}

export async function done(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('slack_outbox').where('id', '=', id).execute();
}

export async function retryAt(db: Kysely<Database>, id: string, at: Date, countAttempt: boolean): Promise<number> {
  const row = await db
    .updateTable('slack_outbox')
    .set((eb) => ({ claimed_until: null, deliver_after: at, attempts: countAttempt ? eb('attempts', '+', 1) : eb.ref('attempts') }))
    .where('id', '=', id)
    .returning('attempts')
    .executeTakeFirst();
  return row?.attempts ?? 0;
}
