import type { Kysely } from 'kysely';
import type { Database, Locale } from '../../db/schema.ts';
import { hashSecret, randomSecret } from '../../server/auth/secrets.ts';
import { recordAudit } from '../../server/commands/audit.ts';
import type { AccessSubject } from '../../server/policies/document-access.ts';
import { findActiveUser, findActiveUserByEmail } from '../../server/queries/users.ts';

/** A Slack user in one workspace. */
export interface SlackIdentity {
  teamId: string;
  slackUserId: string;
}

/** The Tansiq user a linked Slack user acts as: the permission subject, plus what messages need. */
export interface BotUser extends AccessSubject {
  name: string;
  email: string;
  locale: Locale;
}

export const LINK_CODE_TTL_MS = 30 * 60_000;

/** The linked, still active Tansiq user, or null (a disabled user's link acts as nobody). */
export async function findLinkedUser(db: Kysely<Database>, identity: SlackIdentity): Promise<BotUser | null> {
  const link = await db.selectFrom('slack_links').select('user_id').where('team_id', '=', identity.teamId).where('slack_user_id', '=', identity.slackUserId).executeTakeFirst();
  return (link && (await findActiveUser(db, link.user_id))) ?? null;
}

/** Linked Slack users of some Tansiq users in a workspace (for DMs): Tansiq user id → Slack user id. */
export async function slackUsersOf(db: Kysely<Database>, userIds: readonly string[]): Promise<Array<{ userId: string; teamId: string; slackUserId: string }>> {
  if (userIds.length === 0) return [];
  const rows = await db
    .selectFrom('slack_links')
    .select(['user_id', 'team_id', 'slack_user_id'])
    .where('user_id', 'in', [...userIds])
    .execute();
  return rows.map((row) => ({ userId: row.user_id, teamId: row.team_id, slackUserId: row.slack_user_id }));
}

/**
 * Links by e-mail: the address Slack confirmed for this Slack user names an active Tansiq user who
 * is not linked to someone else in this workspace. Returns that user, or null.
 */
export async function linkByEmail(db: Kysely<Database>, identity: SlackIdentity, email: string): Promise<BotUser | null> {
  // Someone who unlinked links again on purpose, with a code (bot/linking/unlink.ts).
  const unlinked = await db
    .selectFrom('slack_unlinked')
    .select('team_id')
    .where('team_id', '=', identity.teamId)
    .where('slack_user_id', '=', identity.slackUserId)
    .executeTakeFirst();
  if (unlinked) return null;
  const user = await findActiveUserByEmail(db, email);
  if (!user) return null;
  const inserted = await db
    .insertInto('slack_links')
    .values({ team_id: identity.teamId, slack_user_id: identity.slackUserId, user_id: user.userId, method: 'email' })
    .onConflict((oc) => oc.doNothing())
    .returning('user_id')
    .executeTakeFirst();
  // Taken already: by this Slack user's own request a moment ago (two first requests at once),
  // which links them all the same, or by someone else, which leaves this one to link with a code.
  if (!inserted) return findLinkedUser(db, identity);
  await recordAudit(db, { actorUserId: user.userId, action: 'slack.linked', objectType: 'user', objectId: user.userId, details: { ...identity, method: 'email' } });
  return user;
}

/** A one-time code for this Slack user; only its hash is stored. */
export async function createLinkCode(db: Kysely<Database>, identity: SlackIdentity, slackUserName: string | null, now: Date): Promise<string> {
  const code = randomSecret(18);
  await db
    .insertInto('slack_link_tokens')
    .values({
      code_hash: hashSecret(code),
      team_id: identity.teamId,
      slack_user_id: identity.slackUserId,
      slack_user_name: slackUserName?.slice(0, 200) ?? null,
      expires_at: new Date(now.getTime() + LINK_CODE_TTL_MS),
    })
    .execute();
  // Expired codes are of no use to anyone; forget them while we are here.
  await db
    .deleteFrom('slack_link_tokens')
    .where('expires_at', '<', new Date(now.getTime() - LINK_CODE_TTL_MS))
    .execute();
  return code;
}

export interface PendingLink extends SlackIdentity {
  slackUserName: string | null;
  expiresAt: Date;
}

export async function findLinkCode(db: Kysely<Database>, code: string, now: Date): Promise<PendingLink | null> {
  if (code.length > 100) return null;
  const row = await db
    .selectFrom('slack_link_tokens')
    .selectAll()
    .where('code_hash', '=', hashSecret(code))
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row ? { teamId: row.team_id, slackUserId: row.slack_user_id, slackUserName: row.slack_user_name, expiresAt: row.expires_at } : null;
}

/**
 * Uses a code once: the Slack user becomes `userId` (replacing an earlier link on either side).
 * Returns the linked identity, or null when the code is unknown, used or expired.
 */
export async function redeemLinkCode(db: Kysely<Database>, code: string, userId: string, now: Date): Promise<SlackIdentity | null> {
  if (code.length > 100) return null;
  return db.transaction().execute(async (trx) => {
    const token = await trx
      .updateTable('slack_link_tokens')
      .set({ used_at: now, used_by: userId })
      .where('code_hash', '=', hashSecret(code))
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning(['team_id', 'slack_user_id'])
      .executeTakeFirst();
    if (!token) return null;
    await trx
      .deleteFrom('slack_links')
      .where('team_id', '=', token.team_id)
      .where((eb) => eb.or([eb('slack_user_id', '=', token.slack_user_id), eb('user_id', '=', userId)]))
      .execute();
    await trx.insertInto('slack_links').values({ team_id: token.team_id, slack_user_id: token.slack_user_id, user_id: userId, method: 'code' }).execute();
    await trx.deleteFrom('slack_unlinked').where('team_id', '=', token.team_id).where('slack_user_id', '=', token.slack_user_id).execute();
    await recordAudit(trx, {
      actorUserId: userId,
      action: 'slack.linked',
      objectType: 'user',
      objectId: userId,
      details: { teamId: token.team_id, slackUserId: token.slack_user_id, method: 'code' },
    });
    return { teamId: token.team_id, slackUserId: token.slack_user_id };
  });
}
