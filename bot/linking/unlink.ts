import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { recordAudit } from '../../server/commands/audit.ts';
import { findLinkedUser, type BotUser, type SlackIdentity } from './links.ts';

/**
 * Unlinks a Slack user: Slack no longer acts for them, and their pending direct messages go. They
 * are remembered as having unlinked, so the bot does not link them again by e-mail behind their
 * back; linking again takes a link code (the page at /slack/link). Returns who they were.
 */
export async function unlinkSlackUser(db: Kysely<Database>, identity: SlackIdentity): Promise<BotUser | null> {
  return db.transaction().execute(async (trx) => {
    const user = await findLinkedUser(trx, identity);
    await trx.deleteFrom('slack_links').where('team_id', '=', identity.teamId).where('slack_user_id', '=', identity.slackUserId).execute();
    await trx
      .insertInto('slack_unlinked')
      .values({ team_id: identity.teamId, slack_user_id: identity.slackUserId })
      .onConflict((oc) => oc.columns(['team_id', 'slack_user_id']).doUpdateSet({ unlinked_at: new Date() }))
      .execute();
    await trx.deleteFrom('slack_outbox').where('team_id', '=', identity.teamId).where('channel_id', '=', identity.slackUserId).execute();
    if (user) await recordAudit(trx, { actorUserId: user.userId, action: 'slack.unlinked', objectType: 'user', objectId: user.userId, details: { ...identity } });
    return user;
  });
}
