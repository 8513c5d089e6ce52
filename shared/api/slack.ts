/** The Slack integration's HTTP API (server/routes/slack-subscriptions.ts, bot/linking/link-api.ts). */
import type { Locale } from '../enums.ts';

/** A row of GET /api/slack/subscriptions (administrators) */
export interface SlackSubscription {
  id: string;
  teamId: string;
  channelId: string;
  /** what it follows, named in the reader's language */
  object: { type: 'document' | 'organisation' | 'commission'; id: string; name: string | null };
  events: string[];
  locale: Locale;
  paused: boolean;
  pausedReason: string | null;
  createdBy: string | null;
  createdAt: string;
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
