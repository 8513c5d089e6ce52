import type { MessageKey } from '../i18n/index.ts';
import type { BotServices } from '../services.ts';
import type { Where } from './subscribe.ts';

/**
 * Whether the bot can post in a conversation, asked of Slack (conversations.info): a public
 * channel (chat:write.public) or one it was invited to. Null when it can; else what to tell.
 * Direct messages and group DMs are for people, not for subscriptions.
 */
export async function postingProblem(services: BotServices, where: Where): Promise<MessageKey | null> {
  // D…: a direct message (reading it would need a scope the bot has no other use for).
  if (where.channelId.startsWith('D')) return 'sub.notAChannel';
  try {
    const { channel } = await services.slack.conversations.info({ channel: where.channelId });
    if (!channel) return 'sub.cannotPost';
    if (channel.is_im || channel.is_mpim) return 'sub.notAChannel';
    if (channel.is_archived) return 'sub.archived';
    if (channel.is_private && !channel.is_member) return 'sub.cannotPost';
    return null;
  } catch (error) {
    const code = (error as { data?: { error?: string } }).data?.error;
    // Slack answers channel_not_found for a private conversation the bot is not in.
    if (code === 'channel_not_found' || code === 'not_in_channel') return 'sub.cannotPost';
    services.logger.warn({ err: error, channel: where.channelId }, 'conversations.info failed before a subscription');
    return 'sub.cannotCheck';
  }
}
