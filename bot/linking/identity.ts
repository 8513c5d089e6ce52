import type { Locale } from '../../db/schema.ts';
import { localeFromSlack } from '../i18n/index.ts';
import type { BotServices } from '../services.ts';
import { createLinkCode, findLinkedUser, linkByEmail, type BotUser, type SlackIdentity } from './links.ts';

export type Resolved = { user: BotUser } | { user: null; locale: Locale; linkUrl: string };

interface SlackProfile {
  email?: string;
  confirmed: boolean;
  locale?: string;
  name: string | null;
  usable: boolean;
}

/**
 * Who a Slack user is in Tansiq. Linked: that user. Not yet: link by the e-mail address Slack
 * confirmed, if it names a Tansiq user; otherwise a one-time link to finish in the browser.
 */
export async function resolveSlackUser(services: BotServices, identity: SlackIdentity): Promise<Resolved> {
  const linked = await findLinkedUser(services.db, identity);
  if (linked) return { user: linked };
  const profile = await slackProfile(services, identity);
  if (profile?.usable && profile.confirmed && profile.email) {
    const user = await linkByEmail(services.db, identity, profile.email);
    if (user) {
      services.logger.info({ userId: user.userId, teamId: identity.teamId, slackUserId: identity.slackUserId }, 'Slack user linked by e-mail');
      return { user };
    }
  }
  const code = await createLinkCode(services.db, identity, profile?.name ?? null, services.clock.now());
  return { user: null, locale: localeFromSlack(profile?.locale), linkUrl: `${services.publicUrl}/slack/link?code=${encodeURIComponent(code)}` };
}

/** users.info; a failure (scope missing, Slack down) means "no e-mail", never an error for the user. */
async function slackProfile(services: BotServices, identity: SlackIdentity): Promise<SlackProfile | null> {
  try {
    const response = await services.slack.users.info({ user: identity.slackUserId, include_locale: true });
    const user = response.user;
    if (!user) return null;
    return {
      email: user.profile?.email,
      // Slack sets this once the address is verified; an unconfirmed address proves nothing.
      confirmed: user.is_email_confirmed === true,
      locale: user.locale,
      name: user.real_name ?? user.name ?? null,
      usable: !user.deleted && !user.is_bot && user.team_id === identity.teamId,
    };
  } catch (error) {
    services.logger.warn({ err: error, slackUserId: identity.slackUserId }, 'could not read a Slack profile');
    return null;
  }
}
