import type { SlackSubscription, SlackSubscriptionObject } from '../api/slack-subscriptions.ts';

/** What the admin list of Slack subscriptions is narrowed to. */
export interface SubscriptionFilters {
  /** words to find in the channel (name or id), the workspace, what it follows or who subscribed */
  text: string;
  follows: SlackSubscriptionObject | '';
  state: 'active' | 'paused' | '';
}

/** The event categories a subscription may follow (bot/blocks/help.ts EVENT_CATEGORIES): all of them read as "all". */
export const SUBSCRIPTION_EVENTS = ['status', 'comments', 'measures', 'sessions', 'edits'] as const;

/** Why Slack subscriptions are paused, each with its own wording; anything else is shown with Slack's code. */
export const KNOWN_PAUSE_REASONS = ['admin', 'channel_not_found', 'is_archived', 'not_in_channel', 'app_uninstalled', 'tokens_revoked'] as const;
export type PauseReason = (typeof KNOWN_PAUSE_REASONS)[number];

export const isKnownPauseReason = (reason: string | null): reason is PauseReason => KNOWN_PAUSE_REASONS.includes(reason as PauseReason);

export const followsEverything = (events: readonly string[]) => SUBSCRIPTION_EVENTS.every((event) => events.includes(event));

/** Lower case without accents, so "sante" finds "Santé" and "ECOLE" finds "école". */
export const folded = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();

/** `#name` when Slack gave a name, else the channel's id. */
export const channelLabel = (subscription: Pick<SlackSubscription, 'channelName' | 'channelId'>) =>
  subscription.channelName ? `#${subscription.channelName}` : subscription.channelId;

/** The subscriptions that match every filter; every word of the text must be found somewhere in the row. */
export function filterSubscriptions(subscriptions: readonly SlackSubscription[], filters: SubscriptionFilters): SlackSubscription[] {
  const words = folded(filters.text).split(/\s+/).filter(Boolean);
  return subscriptions.filter((subscription) => {
    if (filters.follows && subscription.object.type !== filters.follows) return false;
    if (filters.state === 'active' && subscription.paused) return false;
    if (filters.state === 'paused' && !subscription.paused) return false;
    if (words.length === 0) return true;
    const haystack = folded(
      [
        subscription.channelName ? `#${subscription.channelName}` : '',
        subscription.channelId,
        subscription.teamId,
        subscription.object.name ?? '',
        subscription.createdBy ?? '',
      ].join(' '),
    );
    return words.every((word) => haystack.includes(word));
  });
}
