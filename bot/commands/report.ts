import type { App, RespondFn, SlashCommand } from '@slack/bolt';
import { pendingReportsFor } from '../../server/commands/cycle-follow-up.ts';
import { organisationNames } from '../../server/queries/organisations.ts';
import { plain, type SlackMessage } from '../blocks/common.ts';
import { pendingReportsBlocks } from '../blocks/report.ts';
import { linkBlocks } from '../blocks/help.ts';
import { t } from '../i18n/index.ts';
import { resolveSlackUser } from '../linking/identity.ts';
import type { BotUser } from '../linking/links.ts';
import type { BotServices } from '../services.ts';
import { fromSlackText } from './slack-text.ts';
import { answerInTime } from './router.ts';

/**
 * `/tansiq report` (issue 19): my organisation's pending follow-up reports, each with a button
 * that opens the report modal. Registered as middleware ahead of the `/tansiq` router, so the
 * other sub-commands are left to it untouched.
 */
export function registerReportCommand(app: App, services: BotServices): void {
  app.use(async (args) => {
    const body = args.body as Partial<SlashCommand>;
    if (body.command !== '/tansiq' || !/^\s*report\s*$/i.test(fromSlackText(body.text ?? ''))) return args.next();
    const { ack, respond } = args as unknown as { ack: (response?: Record<string, unknown>) => Promise<void>; respond: RespondFn };
    await answerInTime(services, ack, respond, () => reportCommand(services, { teamId: body.team_id ?? '', slackUserId: body.user_id ?? '' }));
  });
}

export async function reportCommand(services: BotServices, identity: { teamId: string; slackUserId: string }): Promise<SlackMessage> {
  let locale: BotUser['locale'] = 'fr';
  try {
    const resolved = await resolveSlackUser(services, identity);
    if (!resolved.user) return linkBlocks(resolved.locale, resolved.linkUrl);
    const user = resolved.user;
    locale = user.locale;
    return await pendingList(services, user);
  } catch (error) {
    services.logger.error({ err: error, slackUserId: identity.slackUserId }, 'Slack report command failed');
    return plain(t(locale, 'error.generic'));
  }
}

export async function pendingList(services: BotServices, user: BotUser): Promise<SlackMessage> {
  const rows = await pendingReportsFor(services.db, user);
  const name = (await organisationNames(services.db, [user.organisationId], user.locale)).get(user.organisationId) ?? '';
  return pendingReportsBlocks(user.locale, {
    organisation: name,
    today: services.clock.today(),
    publicUrl: services.publicUrl,
    reports: rows.map((row) => ({
      id: row.id,
      cycleId: row.cycle_id,
      period: row.period,
      dueOn: row.due_on,
      measureTitle: row.measure_title,
      documentTitle: row.document_title,
      state: row.state,
    })),
  });
}
