import type { MessageKey } from '../i18n/index.ts';
import type { BotServices } from '../services.ts';
import type { Where } from './subscribe.ts';

/** Whether the bot may post in a conversation (`problem` null) or what to tell; its name as Slack gives it. */
export interface PostingCheck {
  problem: MessageKey | null;
  channelName: string | null;
}

/**
 * Whether the bot can post in a conversation, asked of Slack (conversations.info): a public
 * channel (chat:write.public) or one it was invited to. Direct messages and group DMs are for
 * people, not for subscriptions. The channel's name comes with the answer, for the admin area.
 */
export async function checkPostingTarget(services: BotServices, where: Where): Promise<PostingCheck> {
  const refused = (problem: MessageKey): PostingCheck => ({ problem, channelName: null });
  // D…: a direct message (reading it would need a scope the bot has no other use for).
  if (where.channelId.startsWith('D')) return refused('sub.notAChannel');
  try {
    const { channel } = await services.slack.conversations.info({ channel: where.channelId });
    if (!channel) return refused('sub.cannotPost');
    if (channel.is_im || channel.is_mpim) return refused('sub.notAChannel');
    if (channel.is_archived) return refused('sub.archived');
    if (channel.is_private && !channel.is_member) return refused('sub.cannotPost');
    return { problem: null, channelName: channel.name ?? null };
  } catch (error) {
    const code = (error as { data?: { error?: string } }).data?.error;
    // Slack answers channel_not_found for a private conversation the bot is not in.
    if (code === 'channel_not_found' || code === 'not_in_channel') return refused('sub.cannotPost');
    services.logger.warn({ err: error, channel: where.channelId }, 'conversations.info failed before a subscription');
    return refused('sub.cannotCheck');
  }
}
