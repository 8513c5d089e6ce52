import type { App, ViewSubmitAction } from '@slack/bolt';
import { ZodError } from 'zod';
import { parseIndicatorInput } from '../../shared/indicator.ts';
import { MEASURE_STATUSES, MAX_INDICATOR_MAGNITUDE } from '../../shared/measure-model.ts';
import { saveReport, submitReport } from '../../server/commands/cycle-reports.ts';
import { requireCycle } from '../../server/commands/cycles.ts';
import { AppError } from '../../server/errors.ts';
import { saveReportSchema } from '../../shared/api/schemas/cycles.ts';
import { truncate } from '../blocks/common.ts';
import { readReportModal, ReportField, ReportViewId } from '../blocks/report.ts';
import { tr, type ReportKey } from '../i18n/report.ts';
import { resolveSlackUser } from '../linking/identity.ts';
import type { BotUser } from '../linking/links.ts';
import type { BotServices } from '../services.ts';

type Ack = (response?: { response_action: 'errors'; errors: Record<string, string> }) => Promise<void>;

/** What is wrong with the modal's values, per block, before anything is written. Pure. */
export function reportModalErrors(values: ReturnType<typeof readReportModal>): Partial<Record<string, ReportKey>> {
  const errors: Partial<Record<string, ReportKey>> = {};
  if (values.progress !== '' && (!/^\d{1,3}$/.test(values.progress) || Number(values.progress) > 100)) errors[ReportField.progress] = 'error.progress';
  if (values.indicator !== '' && parseIndicatorInput(values.indicator, MAX_INDICATOR_MAGNITUDE) === 'invalid') errors[ReportField.indicator] = 'error.indicator';
  if (values.status !== null && !(MEASURE_STATUSES as readonly string[]).includes(values.status)) errors[ReportField.status] = 'error.required';
  if (values.submit) {
    if (values.status === null) errors[ReportField.status] = 'error.required';
    if (values.progress === '') errors[ReportField.progress] ??= 'error.required';
  }
  return errors;
}

/**
 * The report modal's submission: the values are saved on the version the modal was opened with
 * (a colleague's save in between is refused, never overwritten), then submitted when asked,
 * which writes them into the plan like a submission from the web app.
 */
export function registerReportSubmit(app: App, services: BotServices): void {
  app.view<ViewSubmitAction>(ReportViewId, async ({ ack, body, view }) => {
    const resolved = await resolveSlackUser(services, { teamId: body.team?.id ?? body.user.team_id ?? '', slackUserId: body.user.id });
    if (!resolved.user) return (ack as Ack)({ response_action: 'errors', errors: { [ReportField.narrative]: 'Not linked' } });
    const user = resolved.user;
    const values = readReportModal(view.state.values as never);
    const problems = reportModalErrors(values);
    if (Object.keys(problems).length > 0) {
      return (ack as Ack)({ response_action: 'errors', errors: Object.fromEntries(Object.entries(problems).map(([block, key]) => [block, tr.plain(user.locale, key!)])) });
    }
    const meta = modalMetadata(view.private_metadata);
    const outcome = write(services, user, String(meta.c ?? ''), String(meta.r ?? ''), Number(meta.v ?? -1), values).then(
      (text) => ({ ok: true as const, text }),
      (error: unknown) => ({ ok: false as const, text: refusal(services, user, error) }),
    );
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), services.config.ackBudgetMs)));
    const first = await Promise.race([outcome, late]);
    clearTimeout(timer);
    if (first && !first.ok) return (ack as Ack)({ response_action: 'errors', errors: { [ReportField.narrative]: truncate(first.text, 150) } });
    await ack();
    const final = first ?? (await outcome);
    await services.slack.chat
      .postMessage({ channel: body.user.id, text: final.text })
      .catch((error: unknown) => services.logger.warn({ err: error }, 'could not confirm a report from Slack'));
  });
}

async function write(services: BotServices, user: BotUser, cycleId: string, reportId: string, version: number, values: ReturnType<typeof readReportModal>): Promise<string> {
  // The same schema as the HTTP route: bounds and control characters are refused the same way.
  const input = saveReportSchema.parse({
    version,
    values: {
      status: values.status,
      progress: values.progress === '' ? null : Number(values.progress),
      indicatorCurrent: values.indicator === '' ? null : values.indicator,
      narrative: values.narrative,
      blockers: values.blockers,
      supportRequested: values.supportRequested,
    },
  });
  const saved = await saveReport(services.db, services.clock, user, cycleId, reportId, input);
  services.events.publish(saved.events);
  const cycle = await requireCycle(services.db, cycleId);
  if (!values.submit) return tr.plain(user.locale, 'done.saved', { measure: saved.result.measureTitle, period: cycle.period });
  const submitted = await submitReport(services.db, services.hub, services.clock, user, cycleId, reportId, { version: saved.result.version });
  services.events.publish(submitted.events);
  return tr.plain(user.locale, 'done.submitted', { measure: submitted.result.measureTitle, period: cycle.period });
}

function refusal(services: BotServices, user: BotUser, error: unknown): string {
  if (error instanceof AppError) {
    if (error.code === 'stale_report') return tr.plain(user.locale, 'error.stale');
    if (error.code === 'cycle_closed') return tr.plain(user.locale, 'error.closed');
    if (error.status === 404 || error.status === 403) return tr.plain(user.locale, 'error.gone');
    return error.message;
  }
  if (error instanceof ZodError) return error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
  services.logger.error({ err: error }, 'a report from Slack failed');
  return tr.plain(user.locale, 'error.gone');
}

/** The modal's own metadata (ids and the version it was opened with); anything else reads as nothing. */
function modalMetadata(raw: string | undefined): { c?: unknown; r?: unknown; v?: unknown } {
  try {
    const parsed: unknown = JSON.parse(raw ?? '{}');
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
