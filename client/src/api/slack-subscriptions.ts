import { del, get, post } from './client.ts';
import type { Locale } from './types.ts';

/** What a channel follows: a document, an organisation's documents, or a commission's business. */
export type SlackSubscriptionObject = 'document' | 'organisation' | 'commission';

/** One Slack channel subscription, as the admin list gives it (server/queries/slack-subscriptions.ts). */
export interface SlackSubscription {
  id: string;
  teamId: string;
  channelId: string;
  /** null for subscriptions made before names were kept, until the channel is renamed or subscribed again */
  channelName: string | null;
  /** `name` null: the document, organisation or commission no longer exists */
  object: { type: SlackSubscriptionObject; id: string; name: string | null };
  events: string[];
  locale: Locale;
  paused: boolean;
  pausedAt: string | null;
  /** `admin`, or what Slack answered (channel_not_found, is_archived, not_in_channel, app_uninstalled, tokens_revoked…) */
  pausedReason: string | null;
  /** the subscriber's name; null when their account is gone */
  createdBy: string | null;
  createdById: string;
  createdAt: string;
}

export const slackSubscriptions = {
  list: () => get<{ subscriptions: SlackSubscription[]; total: number }>('/api/slack/subscriptions'),
  pause: (id: string) => post<void>(`/api/slack/subscriptions/${id}/pause`),
  resume: (id: string) => post<void>(`/api/slack/subscriptions/${id}/resume`),
  remove: (id: string) => del(`/api/slack/subscriptions/${id}`),
};
