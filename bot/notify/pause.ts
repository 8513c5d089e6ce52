import { t } from '../i18n/index.ts';
import { mrkdwn } from '../i18n/index.ts';
import type { BotServices } from '../services.ts';
import { dropConversation } from './outbox.ts';
import { pauseSubscriptions } from './subscriptions.ts';

type PauseReason = 'channel_not_found' | 'is_archived' | 'not_in_channel';

/**
 * Slack will not take posts for this channel: its subscriptions are paused (not dropped: a channel
 * unarchived or an invitation renewed brings them back) and each subscriber is told by DM.
 */
export async function pauseChannel(services: BotServices, teamId: string, channelId: string, reason: string): Promise<void> {
  const { db } = services;
  const paused = await pauseSubscriptions(db, teamId, channelId, reason, services.clock.now());
  await dropConversation(db, teamId, channelId);
  if (paused.length === 0) return;
  const creators = await db
    .selectFrom('slack_links')
    .innerJoin('users', 'users.id', 'slack_links.user_id')
    .select(['slack_links.slack_user_id', 'users.locale'])
    .where('slack_links.team_id', '=', teamId)
    .where('slack_links.user_id', 'in', [...new Set(paused.map((sub) => sub.created_by))])
    .execute();
  const why = (['channel_not_found', 'is_archived', 'not_in_channel'] as const).includes(reason as PauseReason) ? (reason as PauseReason) : 'channel_not_found';
  const channel = /^[A-Z0-9]+$/.test(channelId) ? mrkdwn(`<#${channelId}>`) : channelId;
  for (const creator of creators) {
    const text = t(creator.locale, 'sub.paused', { channel, reason: mrkdwn(t(creator.locale, `sub.pausedReason.${why}`)) });
    await services.slack.chat
      .postMessage({ channel: creator.slack_user_id, text })
      .catch((error: unknown) => services.logger.warn({ err: error }, 'could not tell a subscriber about a paused subscription'));
  }
}
