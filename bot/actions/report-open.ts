import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { readReport } from '../../server/commands/cycle-reports.ts';
import { requireCycle } from '../../server/commands/cycles.ts';
import { AppError } from '../../server/errors.ts';
import { decodeValue, plain } from '../blocks/common.ts';
import { ReportActionId, reportModal } from '../blocks/report.ts';
import { tr } from '../i18n/report.ts';
import { resolveSlackUser } from '../linking/identity.ts';
import { linkBlocks } from '../blocks/help.ts';
import type { BotServices } from '../services.ts';

/** The "Report" button of `/tansiq report`: opens the modal on one measure's report, as it stands. */
export function registerReportOpen(app: App, services: BotServices): void {
  app.action<BlockAction<ButtonAction>>(ReportActionId.open, async ({ ack, body, action, respond }) => {
    await ack();
    const resolved = await resolveSlackUser(services, { teamId: body.team?.id ?? body.user.team_id ?? '', slackUserId: body.user.id });
    if (!resolved.user) {
      await respond({ response_type: 'ephemeral', replace_original: false, ...linkBlocks(resolved.locale, resolved.linkUrl) }).catch(() => undefined);
      return;
    }
    const user = resolved.user;
    const { c: cycleId, r: reportId } = decodeValue(action.value);
    try {
      const report = await readReport(services.db, services.clock, user, cycleId ?? '', reportId ?? '');
      const cycle = await requireCycle(services.db, report.cycleId);
      if (cycle.status === 'closed') {
        await respond({ response_type: 'ephemeral', replace_original: false, ...plain(tr(user.locale, 'error.closed')) });
        return;
      }
      await services.slack.views.open({
        trigger_id: body.trigger_id,
        view: reportModal(user.locale, {
          cycleId: report.cycleId,
          reportId: report.id,
          version: report.version,
          period: cycle.period,
          measureTitle: report.measureTitle,
          documentTitle: report.documentTitle,
          indicator: report.indicator,
          values: report.values,
        }),
      });
    } catch (error) {
      if (!(error instanceof AppError)) services.logger.error({ err: error }, 'could not open the report modal');
      await respond({ response_type: 'ephemeral', replace_original: false, ...plain(tr(user.locale, 'error.gone')) }).catch(() => undefined);
    }
  });
  // The link button to the web app needs an ack only.
  app.action(ReportActionId.openApp, async ({ ack }) => ack());
}
