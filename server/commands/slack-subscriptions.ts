import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../auth/actor.ts';
import { authorize } from '../policies/authorize.ts';
import { slackSubscriptionPolicy } from '../policies/slack-subscription.ts';
import { recordAudit } from './audit.ts';

/**
 * An administrator's changes to any channel subscription, from the admin area. The Slack bot
 * reads the table on each delivery, so no event is needed: the next post follows the change.
 */

/** Pauses (reason `admin`) or resumes one subscription; false when there is no such subscription. */
export async function setSlackSubscriptionPaused(db: Kysely<Database>, actor: Actor, id: string, paused: boolean, now: Date, ip?: string): Promise<boolean> {
  await authorize({ db, ip }, actor, slackSubscriptionPolicy, 'change', { id, facts: null });
  const row = await db
    .updateTable('slack_subscriptions')
    .set(paused ? { paused_at: now, paused_reason: 'admin' } : { paused_at: null, paused_reason: null })
    .where('id', '=', id)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Removes one subscription and records who did, with what it was (the row itself is gone: the
 * audit entry is all that is left of it); false when there was no such subscription.
 */
export async function removeSlackSubscription(db: Kysely<Database>, actor: Actor, id: string, ip?: string): Promise<boolean> {
  await authorize({ db, ip }, actor, slackSubscriptionPolicy, 'change', { id, facts: null });
  return db.transaction().execute(async (trx) => {
    const removed = await trx
      .deleteFrom('slack_subscriptions')
      .where('id', '=', id)
      .returning(['team_id', 'channel_id', 'channel_name', 'object_type', 'object_id', 'events', 'created_by'])
      .executeTakeFirst();
    if (!removed) return false;
    await recordAudit(trx, {
      actorUserId: actor.userId,
      action: 'slack.subscription_removed',
      objectType: 'slack_subscription',
      objectId: id,
      details: {
        teamId: removed.team_id,
        channelId: removed.channel_id,
        channelName: removed.channel_name,
        objectType: removed.object_type,
        objectId: removed.object_id,
        events: removed.events,
        subscribedBy: removed.created_by,
      },
      ip,
    });
    return true;
  });
}
