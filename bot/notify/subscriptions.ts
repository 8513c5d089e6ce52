import type { Kysely } from 'kysely';
import type { Database, Locale, SlackSubscriptionObject } from '../../db/schema.ts';
import type { EventCategory } from '../blocks/help.ts';

/** Channel subscriptions: which channel follows which document, organisation or commission, for which events. */

export interface SubscriptionTarget {
  teamId: string;
  channelId: string;
  objectType: SlackSubscriptionObject;
  objectId: string;
}

/** Subscribing again changes the events, the language and the channel's name, and lifts a pause. */
export async function subscribe(
  db: Kysely<Database>,
  target: SubscriptionTarget,
  events: readonly EventCategory[],
  createdBy: string,
  locale: Locale,
  channelName: string | null,
): Promise<void> {
  await db
    .insertInto('slack_subscriptions')
    .values({
      team_id: target.teamId,
      channel_id: target.channelId,
      channel_name: channelName,
      object_type: target.objectType,
      object_id: target.objectId,
      events: [...events],
      created_by: createdBy,
      locale,
    })
    .onConflict((oc) =>
      oc
        .columns(['team_id', 'channel_id', 'object_type', 'object_id'])
        .doUpdateSet({ events: [...events], created_by: createdBy, locale, paused_at: null, paused_reason: null, ...(channelName === null ? {} : { channel_name: channelName }) }),
    )
    .execute();
}

/** Slack renamed a channel: its subscriptions show the new name in the admin area. */
export async function renameChannel(db: Kysely<Database>, teamId: string, channelId: string, channelName: string): Promise<void> {
  await db.updateTable('slack_subscriptions').set({ channel_name: channelName }).where('team_id', '=', teamId).where('channel_id', '=', channelId).execute();
}

/**
 * Pauses a conversation's subscriptions (or a whole workspace's, `channelId` null) after Slack
 * refused them; returns those newly paused, whose subscribers are to be told.
 */
export async function pauseSubscriptions(db: Kysely<Database>, teamId: string, channelId: string | null, reason: string, now: Date) {
  let query = db.updateTable('slack_subscriptions').set({ paused_at: now, paused_reason: reason }).where('team_id', '=', teamId).where('paused_at', 'is', null);
  if (channelId !== null) query = query.where('channel_id', '=', channelId);
  return query.returningAll().execute();
}

/** A channel back in use (unarchived): its subscriptions deliver again. */
export async function resumeSubscriptions(db: Kysely<Database>, teamId: string, channelId: string): Promise<number> {
  const rows = await db
    .updateTable('slack_subscriptions')
    .set({ paused_at: null, paused_reason: null })
    .where('team_id', '=', teamId)
    .where('channel_id', '=', channelId)
    .returning('id')
    .execute();
  return rows.length;
}

/** A deleted channel follows nothing any more. */
export async function forgetChannel(db: Kysely<Database>, teamId: string, channelId: string): Promise<void> {
  await db.deleteFrom('slack_subscriptions').where('team_id', '=', teamId).where('channel_id', '=', channelId).execute();
}

export async function unsubscribe(db: Kysely<Database>, target: SubscriptionTarget): Promise<boolean> {
  const deleted = await db
    .deleteFrom('slack_subscriptions')
    .where('team_id', '=', target.teamId)
    .where('channel_id', '=', target.channelId)
    .where('object_type', '=', target.objectType)
    .where('object_id', '=', target.objectId)
    .returning('id')
    .executeTakeFirst();
  return deleted !== undefined;
}

export function channelSubscriptions(db: Kysely<Database>, teamId: string, channelId: string) {
  return db.selectFrom('slack_subscriptions').selectAll().where('team_id', '=', teamId).where('channel_id', '=', channelId).orderBy('created_at').execute();
}

/** Subscriptions following any of these objects (a document, its lead and partners, a commission), paused ones left out. */
export function subscriptionsFollowing(db: Kysely<Database>, objects: ReadonlyArray<{ type: SlackSubscriptionObject; id: string }>) {
  if (objects.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('slack_subscriptions')
    .selectAll()
    .where('paused_at', 'is', null)
    .where((eb) => eb.or(objects.map((object) => eb.and([eb('object_type', '=', object.type), eb('object_id', '=', object.id)]))))
    .execute();
}
