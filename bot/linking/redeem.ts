import type { Actor } from '../../server/auth/actor.ts';
import { t } from '../i18n/index.ts';
import type { BotServices } from '../services.ts';
import { redeemLinkCode, type SlackIdentity } from './links.ts';

/**
 * The one way a link code is redeemed, from the page the bot's link opens (/slack/link) and from
 * the API (/api/slack/link) alike: the Slack user becomes `actor`, and is told so in Slack.
 * Null when the code is unknown, used or expired.
 */
export async function redeemSlackLink(services: BotServices, code: string, actor: Actor): Promise<SlackIdentity | null> {
  const linked = await redeemLinkCode(services.db, code, actor.userId, services.clock.now());
  if (!linked) return null;
  services.logger.info({ userId: actor.userId, ...linked }, 'Slack user linked by one-time code');
  await services.slack.chat
    .postMessage({ channel: linked.slackUserId, text: t(actor.locale, 'link.done', { email: actor.email }) })
    .catch((error: unknown) => services.logger.warn({ err: error }, 'could not confirm a Slack link in Slack'));
  return linked;
}
