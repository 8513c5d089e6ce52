import type { App } from '@slack/bolt';
import { createComment } from '../server/commands/comments.ts';
import { contentFromHub } from '../server/queries/comments-content.ts';
import { createCommentSchema } from '../shared/api/schemas/comments.ts';
import { refusalMessage } from './actions/operations.ts';
import { linkBlocks } from './blocks/help.ts';
import { plainFromMrkdwn, truncate } from './blocks/common.ts';
import { resolveNameMentions } from './commands/mentions.ts';
import { fromSlackText } from './commands/slack-text.ts';
import { claimDelivery } from './deliveries.ts';
import { t } from './i18n/index.ts';
import { resolveSlackUser } from './linking/identity.ts';
import type { BotServices } from './services.ts';

interface ThreadMessage {
  channel: string;
  user?: string;
  text?: string;
  ts: string;
  thread_ts?: string;
  subtype?: string;
  bot_id?: string;
}

/**
 * Replies in the Slack thread of a card about one comment thread become replies to that thread in
 * Tansiq: written by the linked person, through the same command and rights as in the web app.
 * An unlinked person, or one whose rights do not allow it, is told so in the thread, to them alone.
 * A message Slack delivers twice (a retried event, a replay) is acted on once.
 */
export function registerThreads(app: App, services: BotServices): void {
  app.event('message', async ({ event, body }) => {
    const message = event as unknown as ThreadMessage;
    if (message.subtype || message.bot_id || !message.user || !message.thread_ts || message.thread_ts === message.ts) return;
    const teamId = body.team_id;
    const card = await services.db
      .selectFrom('slack_cards')
      .select(['subject_type', 'subject_id', 'thread_comment_id'])
      .where('team_id', '=', teamId)
      .where('channel_id', '=', message.channel)
      .where('ts', '=', message.thread_ts)
      .executeTakeFirst();
    if (!card || card.subject_type !== 'document') return;
    if (!(await claimDelivery(services.db, `message:${teamId}:${message.channel}:${message.ts}`, services.clock.now()))) return;
    const tell = (text: string, blocks?: unknown[]) =>
      services.slack.chat
        .postEphemeral({ channel: message.channel, user: message.user!, thread_ts: message.thread_ts, text, ...(blocks ? { blocks: blocks as never } : {}) })
        .catch((error: unknown) => services.logger.warn({ err: error }, 'could not answer a Slack thread reply'));
    const resolved = await resolveSlackUser(services, { teamId, slackUserId: message.user });
    if (!resolved.user) {
      const prompt = linkBlocks(resolved.locale, resolved.linkUrl);
      return void (await tell(t(resolved.locale, 'thread.notLinked'), prompt.blocks));
    }
    const user = resolved.user;
    if (!card.thread_comment_id) return void (await tell(t(user.locale, 'thread.several')));
    const typed = fromSlackText(message.text ?? '').trim();
    if (!typed) return;
    try {
      const body = await resolveNameMentions(services, user, card.subject_id, typed);
      const input = createCommentSchema.parse({ body, threadId: card.thread_comment_id });
      const change = await createComment(services.db, contentFromHub(services.hub), user, card.subject_id, input, undefined, async (trx, commentId) => {
        // Noted with the comment: its announcement is never posted back into this thread.
        await trx
          .insertInto('slack_comment_origins')
          .values({ comment_id: commentId, team_id: teamId, channel_id: message.channel, thread_ts: message.thread_ts!, message_ts: message.ts })
          .execute();
      });
      services.events.publish(change.events);
    } catch (error) {
      const refusal = refusalMessage(user, error);
      if (!refusal) services.logger.error({ err: error }, 'a Slack thread reply could not become a comment');
      const reason = refusal ? plainFromMrkdwn(refusal.text) : plainFromMrkdwn(t(user.locale, 'error.generic'));
      await tell(t(user.locale, 'thread.refused', { reason: truncate(reason, 500) }));
    }
  });
}
