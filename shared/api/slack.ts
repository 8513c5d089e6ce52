/** The Slack integration's HTTP API (server/routes/slack-subscriptions.ts, bot/linking/link-api.ts). */
import type { Locale } from '../enums.ts';

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

/** GET /api/slack/subscriptions (administrators): at most the first 1000, and how many there are */
export interface SlackSubscriptionList {
  subscriptions: SlackSubscription[];
  total: number;
}

/** GET /api/slack/link?code=: what the code would link, shown before confirming */
export interface PendingSlackLink {
  slackUserId: string;
  slackUserName: string | null;
  teamId: string;
  expiresAt: string;
}

/** POST /api/slack/link */
export interface SlackLinked {
  linked: { teamId: string; slackUserId: string };
}
