import type { AccessSubject } from '../../server/policies/document-access.ts';
import { findLinkedUser } from '../linking/links.ts';
import type { BotServices } from '../services.ts';

/** Channels larger than this are told only the minimal notice (checking everyone would take too long). */
const MAX_MEMBERS = 1000;
const PROFILE_TTL_MS = 60_000;

interface Member {
  isBot: boolean;
  /** a guest (single- or multi-channel) or someone from another organisation (Slack Connect) */
  outsider: boolean;
}

const profiles = new Map<string, { member: Member | null; at: number }>();

/**
 * Whether every person in a channel may read what a notification is about. Members are asked of
 * Slack (conversations.members, users.info); each must be linked to a Tansiq user who may read
 * it. Guests, people from other organisations (Slack Connect) and unlinked people count as
 * having no access; bots are not readers. Any doubt (an error, a huge channel) answers no.
 */
export async function everyMemberMayRead(services: BotServices, teamId: string, channelId: string, mayRead: (subject: AccessSubject) => Promise<boolean>): Promise<boolean> {
  try {
    const members: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await services.slack.conversations.members({ channel: channelId, limit: 200, ...(cursor ? { cursor } : {}) });
      members.push(...(page.members ?? []));
      if (members.length > MAX_MEMBERS) return false;
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
    for (const slackUserId of members) {
      const member = await profile(services, teamId, slackUserId);
      if (!member) return false;
      if (member.isBot) continue;
      if (member.outsider) return false;
      const user = await findLinkedUser(services.db, { teamId, slackUserId });
      if (!user || !(await mayRead(user))) return false;
    }
    return true;
  } catch (error) {
    services.logger.warn({ err: error, channel: channelId }, 'could not read a channel’s members; it gets the minimal notice');
    return false;
  }
}

async function profile(services: BotServices, teamId: string, slackUserId: string): Promise<Member | null> {
  const key = `${teamId}/${slackUserId}`;
  const cached = profiles.get(key);
  if (cached && Date.now() - cached.at < PROFILE_TTL_MS) return cached.member;
  const { user } = await services.slack.users.info({ user: slackUserId });
  const member: Member | null = user
    ? {
        isBot: Boolean(user.is_bot) || slackUserId === 'USLACKBOT',
        outsider: Boolean(user.is_restricted || user.is_ultra_restricted || user.is_stranger) || (user.team_id !== undefined && user.team_id !== teamId),
      }
    : null;
  if (profiles.size > 10_000) profiles.clear();
  profiles.set(key, { member, at: Date.now() });
  return member;
}
