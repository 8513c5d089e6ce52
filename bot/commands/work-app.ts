import type { SlackSubscriptionObject } from '../../db/schema.ts';
import { plain, type SlackMessage } from '../blocks/common.ts';
import { adminSubscriptionsBlocks, type SubscriptionLine } from '../blocks/work-app.ts';
import { t } from '../i18n/index.ts';
import { findLinkedUser, type BotUser, type SlackIdentity } from '../linking/links.ts';
import { unlinkSlackUser } from '../linking/unlink.ts';
import { localeFromSlack } from '../i18n/index.ts';
import type { BotServices } from '../services.ts';
import { eventList, targetLabel, visibleName } from './subscribe.ts';

/** `/tansiq unlink` and App Home's button: answered in the language of the account just unlinked. */
export async function unlinkCommand(services: BotServices, identity: SlackIdentity): Promise<SlackMessage> {
  const user = await unlinkSlackUser(services.db, identity);
  if (!user) {
    const profile = await services.slack.users.info({ user: identity.slackUserId, include_locale: true }).catch(() => null);
    return plain(t(localeFromSlack(profile?.user?.locale), 'unlink.notLinked'));
  }
  services.logger.info({ userId: user.userId, ...identity }, 'Slack user unlinked');
  return plain(t(user.locale, 'unlink.done', { email: user.email }));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `/tansiq subscriptions all`: every subscription of the workspace, for Tansiq's administrators only. */
export async function workspaceSubscriptionsCommand(services: BotServices, user: BotUser, teamId: string): Promise<SlackMessage> {
  if (user.role !== 'admin') return plain(t(user.locale, 'admin.onlyAdmins'));
  const rows = await services.db
    .selectFrom('slack_subscriptions')
    .leftJoin('users', 'users.id', 'slack_subscriptions.created_by')
    .select(['slack_subscriptions.id', 'channel_id', 'object_type', 'object_id', 'events', 'paused_at', 'paused_reason', 'users.name'])
    .where('team_id', '=', teamId)
    .orderBy('channel_id')
    .orderBy('slack_subscriptions.created_at')
    .limit(200)
    .execute();
  const lines: SubscriptionLine[] = [];
  for (const row of rows) {
    const name = (await visibleName(services, user, row.object_type as SlackSubscriptionObject, row.object_id)) ?? '—';
    lines.push({
      id: row.id,
      channelId: row.channel_id,
      target: targetLabel(user, { type: row.object_type as SlackSubscriptionObject, name }).text,
      events: eventList(user, row.events).text,
      by: row.name ?? '—',
      pausedReason: row.paused_at ? (row.paused_reason ?? 'admin') : null,
    });
  }
  return adminSubscriptionsBlocks(lines, user.locale);
}

export type SubscriptionChange = 'pause' | 'resume' | 'remove';

/** An administrator pauses, resumes or removes one subscription (checked again on each click). */
export async function changeSubscription(
  services: BotServices,
  identity: SlackIdentity,
  subscriptionId: string,
  change: SubscriptionChange,
): Promise<{ user: BotUser | null; message: SlackMessage }> {
  const user = await findLinkedUser(services.db, identity);
  if (!user) return { user, message: plain(t('fr', 'link.notLinked')) };
  if (user.role !== 'admin') return { user, message: plain(t(user.locale, 'error.notAllowed')) };
  if (!UUID.test(subscriptionId)) return { user, message: plain(t(user.locale, 'error.gone')) };
  const { db } = services;
  let found: { id: string } | undefined;
  if (change === 'remove') {
    found = await db.deleteFrom('slack_subscriptions').where('id', '=', subscriptionId).where('team_id', '=', identity.teamId).returning('id').executeTakeFirst();
  } else {
    found = await db
      .updateTable('slack_subscriptions')
      .set(change === 'pause' ? { paused_at: services.clock.now(), paused_reason: 'admin' } : { paused_at: null, paused_reason: null })
      .where('id', '=', subscriptionId)
      .where('team_id', '=', identity.teamId)
      .returning('id')
      .executeTakeFirst();
  }
  if (!found) return { user, message: plain(t(user.locale, 'error.gone')) };
  services.logger.info({ subscriptionId, change, userId: user.userId }, 'Slack subscription changed by an administrator');
  const key = change === 'pause' ? 'admin.pausedDone' : change === 'resume' ? 'admin.resumedDone' : 'admin.removedDone';
  return { user, message: plain(t(user.locale, key, { name: user.name })) };
}
