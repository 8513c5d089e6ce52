import type { Kysely } from 'kysely';
import type { Database, SlackSubscriptionObject } from '../../db/schema.ts';
import type { EventCategory } from '../blocks/help.ts';

/** Channel subscriptions: which channel follows which document, organisation or commission, for which events. */

export interface SubscriptionTarget {
  teamId: string;
  channelId: string;
  objectType: SlackSubscriptionObject;
  objectId: string;
}

export async function subscribe(db: Kysely<Database>, target: SubscriptionTarget, events: readonly EventCategory[], createdBy: string): Promise<void> {
  await db
    .insertInto('slack_subscriptions')
    .values({ team_id: target.teamId, channel_id: target.channelId, object_type: target.objectType, object_id: target.objectId, events: [...events], created_by: createdBy })
    .onConflict((oc) => oc.columns(['team_id', 'channel_id', 'object_type', 'object_id']).doUpdateSet({ events: [...events], created_by: createdBy }))
    .execute();
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

/** Subscriptions following any of these objects (a document, its lead and partners, a commission). */
export function subscriptionsFollowing(db: Kysely<Database>, objects: ReadonlyArray<{ type: SlackSubscriptionObject; id: string }>) {
  if (objects.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('slack_subscriptions')
    .selectAll()
    .where((eb) => eb.or(objects.map((object) => eb.and([eb('object_type', '=', object.type), eb('object_id', '=', object.id)]))))
    .execute();
}
