import type { Kysely } from 'kysely';
import type { Database, Locale } from '../../db/schema.ts';
import type { SlackSubscription } from '../../shared/api/slack.ts';

/** Every Slack channel subscription with what it follows named in `locale`, for administrators (they see every object). */
export async function listSlackSubscriptions(db: Kysely<Database>, locale: Locale): Promise<SlackSubscription[]> {
  const rows = await db
    .selectFrom('slack_subscriptions')
    .leftJoin('users', 'users.id', 'slack_subscriptions.created_by')
    .leftJoin('documents', (join) => join.onRef('documents.id', '=', 'slack_subscriptions.object_id').on('slack_subscriptions.object_type', '=', 'document'))
    .leftJoin('organisations', (join) => join.onRef('organisations.id', '=', 'slack_subscriptions.object_id').on('slack_subscriptions.object_type', '=', 'organisation'))
    .leftJoin('commissions', (join) => join.onRef('commissions.id', '=', 'slack_subscriptions.object_id').on('slack_subscriptions.object_type', '=', 'commission'))
    .select([
      'slack_subscriptions.id',
      'slack_subscriptions.team_id',
      'slack_subscriptions.channel_id',
      'slack_subscriptions.object_type',
      'slack_subscriptions.object_id',
      'slack_subscriptions.events',
      'slack_subscriptions.locale',
      'slack_subscriptions.paused_at',
      'slack_subscriptions.paused_reason',
      'slack_subscriptions.created_at',
      'users.name as created_by_name',
      'documents.title',
      'organisations.name_fr as org_fr',
      'organisations.name_ar as org_ar',
      'organisations.name_en as org_en',
      'commissions.name_fr as com_fr',
      'commissions.name_ar as com_ar',
      'commissions.name_en as com_en',
    ])
    .orderBy('slack_subscriptions.team_id')
    .orderBy('slack_subscriptions.channel_id')
    .orderBy('slack_subscriptions.created_at')
    .limit(1000)
    .execute();
  const named = (fr: string | null, ar: string | null, en: string | null) => ({ fr, ar, en })[locale] || fr;
  return rows.map((row) => ({
    id: row.id,
    teamId: row.team_id,
    channelId: row.channel_id,
    object: { type: row.object_type, id: row.object_id, name: row.title ?? named(row.org_fr, row.org_ar, row.org_en) ?? named(row.com_fr, row.com_ar, row.com_en) ?? null },
    events: row.events,
    locale: row.locale,
    paused: row.paused_at !== null,
    pausedReason: row.paused_reason,
    createdBy: row.created_by_name,
    createdAt: row.created_at.toISOString(),
  }));
}

export async function setSlackSubscriptionPaused(db: Kysely<Database>, id: string, paused: boolean, now: Date): Promise<boolean> {
  const row = await db
    .updateTable('slack_subscriptions')
    .set(paused ? { paused_at: now, paused_reason: 'admin' } : { paused_at: null, paused_reason: null })
    .where('id', '=', id)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function removeSlackSubscription(db: Kysely<Database>, id: string): Promise<boolean> {
  const row = await db.deleteFrom('slack_subscriptions').where('id', '=', id).returning('id').executeTakeFirst();
  return row !== undefined;
}
