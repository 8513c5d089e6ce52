import type { App, RespondFn } from '@slack/bolt';
import type { Locale } from '../../db/schema.ts';
import { helpBlocks, linkBlocks } from '../blocks/help.ts';
import { plain, type SlackMessage } from '../blocks/common.ts';
import { mrkdwn, t } from '../i18n/index.ts';
import { resolveSlackUser } from '../linking/identity.ts';
import type { SlackIdentity } from '../linking/links.ts';
import type { BotServices } from '../services.ts';
import { commentCommand } from './comment.ts';
import { listCommand, overdueCommand, searchCommand, statusCommand } from './documents.ts';
import { parseCommand } from './parse.ts';
import { fromSlackText } from './slack-text.ts';
import { sessionCommand } from './session.ts';
import { unlinkCommand, workspaceSubscriptionsCommand } from './work-app.ts';
import { subscribeCommand, subscriptionsCommand, unsubscribeCommand, type Where } from './subscribe.ts';

/** `/tansiq …`: answered in the ack when quick, else acknowledged at once and answered through response_url. */
export function registerCommands(app: App, services: BotServices): void {
  app.command('/tansiq', async ({ command, ack, respond }) => {
    const identity = { teamId: command.team_id, slackUserId: command.user_id };
    await answerInTime(services, ack, respond, () => runCommand(services, identity, fromSlackText(command.text ?? ''), { teamId: command.team_id, channelId: command.channel_id }));
  });
}

type Ack = (response?: Record<string, unknown>) => Promise<void>;

/**
 * Slack waits three seconds for the ack. The work races a budget below that: done in time, the
 * answer travels in the ack; otherwise the ack goes out empty and the answer follows.
 * Answers are ephemeral: they depend on the reader's permissions.
 */
export async function answerInTime(services: BotServices, ack: Ack, respond: RespondFn, work: () => Promise<SlackMessage>): Promise<void> {
  const answer = work();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), services.config.ackBudgetMs)));
  const first = await Promise.race([answer, late]);
  clearTimeout(timer);
  if (first) return ack({ response_type: 'ephemeral', ...first });
  await ack();
  const message = await answer;
  try {
    await respond({ response_type: 'ephemeral', replace_original: false, ...message });
  } catch (error) {
    services.logger.error({ err: error }, 'could not answer a Slack command through response_url');
  }
}

/** Runs one command (its text already decoded) for one Slack user; every failure becomes a message, never an exception. */
export async function runCommand(services: BotServices, identity: SlackIdentity, text: string, where: Where): Promise<SlackMessage> {
  let locale: Locale = 'fr';
  try {
    const parsed = parseCommand(text);
    // Unlinking must not link first (by e-mail) to unlink right after.
    if (parsed.name === 'unlink') return await unlinkCommand(services, identity);
    const resolved = await resolveSlackUser(services, identity);
    if (!resolved.user) return linkBlocks(resolved.locale, resolved.linkUrl);
    const user = resolved.user;
    locale = user.locale;
    switch (parsed.name) {
      case 'help':
        return helpBlocks(locale, parsed.unknown);
      case 'usage':
        return plain(t(locale, 'error.usage', { usage: mrkdwn(t(locale, `help.${parsed.command}`)) }));
      case 'tooLong':
        return plain(t(locale, 'error.tooLong', { max: parsed.max }));
      case 'status':
        return await statusCommand(services, user, parsed.query);
      case 'list':
        return await listCommand(services, user, parsed.words);
      case 'overdue':
        return await overdueCommand(services, user, parsed.organisation);
      case 'search':
        return await searchCommand(services, user, parsed.query);
      case 'comment':
        return await commentCommand(services, user, parsed.query, parsed.text);
      case 'session':
        return await sessionCommand(services, user);
      case 'subscribe':
        return await subscribeCommand(services, user, where, parsed.target, parsed.events, parsed.unknownEvents, parsed.locale);
      case 'unsubscribe':
        return await unsubscribeCommand(services, user, where, parsed.target);
      case 'subscriptions':
        return parsed.all ? await workspaceSubscriptionsCommand(services, user, where.teamId) : await subscriptionsCommand(services, user, where);
      default: {
        const unreachable: never = parsed;
        return unreachable;
      }
    }
  } catch (error) {
    services.logger.error({ err: error, slackUserId: identity.slackUserId }, 'Slack command failed');
    return plain(t(locale, 'error.generic'));
  }
}
