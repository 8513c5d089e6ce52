import { sql, type Kysely } from 'kysely';
import type { Database, Locale } from '../../db/schema.ts';
import type { SlackSubscriptionList } from '../../shared/api/slack.ts';

/** The admin list stops here; `total` says how many there are in all. */
const SLACK_SUBSCRIPTIONS_MAX_LISTED = 1000;

/**
 * Every Slack channel subscription with what it follows named in `locale`, for administrators
 * (they see every object), by channel name. `object.name` is null when the object is gone.
 */
export async function listSlackSubscriptions(db: Kysely<Database>, locale: Locale): Promise<SlackSubscriptionList> {
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
      'slack_subscriptions.channel_name',
      'slack_subscriptions.object_type',
      'slack_subscriptions.object_id',
      'slack_subscriptions.events',
      'slack_subscriptions.locale',
      'slack_subscriptions.paused_at',
      'slack_subscriptions.paused_reason',
      'slack_subscriptions.created_at',
      'slack_subscriptions.created_by',
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
    .orderBy(sql`lower(coalesce(slack_subscriptions.channel_name, slack_subscriptions.channel_id))`)
    .orderBy('slack_subscriptions.channel_id')
    .orderBy('slack_subscriptions.created_at')
    .limit(SLACK_SUBSCRIPTIONS_MAX_LISTED)
    .execute();
  const { total } = await db
    .selectFrom('slack_subscriptions')
    .select((eb) => eb.fn.countAll<string>().as('total'))
    .executeTakeFirstOrThrow();
  const named = (fr: string | null, ar: string | null, en: string | null) => ({ fr, ar, en })[locale] || fr;
  const subscriptions = rows.map((row) => ({
    id: row.id,
    teamId: row.team_id,
    channelId: row.channel_id,
    channelName: row.channel_name,
    object: { type: row.object_type, id: row.object_id, name: row.title ?? named(row.org_fr, row.org_ar, row.org_en) ?? named(row.com_fr, row.com_ar, row.com_en) ?? null },
    events: row.events,
    locale: row.locale,
    paused: row.paused_at !== null,
    pausedAt: row.paused_at?.toISOString() ?? null,
    pausedReason: row.paused_reason,
    createdBy: row.created_by_name,
    createdById: row.created_by,
    createdAt: row.created_at.toISOString(),
  }));
  return { subscriptions, total: Number(total) };
}
