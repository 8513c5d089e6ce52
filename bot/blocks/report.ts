import type { types } from '@slack/bolt';
import type { Locale } from '../../db/schema.ts';
import { MEASURE_STATUSES } from '../../shared/measure-model.ts';
import { Raw, tr } from '../i18n/report.ts';
import { actions, button, context, escapeMrkdwn, LIMITS, option, section, truncate, urlButton, type SlackMessage } from './common.ts';

/** Block Kit for `/tansiq report` and its modal (issue 19). Pure. */

export const ReportActionId = { open: 'tsq_report_open', openApp: 'tsq_report_app' } as const;
export const ReportViewId = 'tsq_report_modal';

/** Block and action ids of the modal's inputs (one action per block, named like it). */
export const ReportField = {
  status: 'status',
  progress: 'progress',
  indicator: 'indicator',
  narrative: 'narrative',
  blockers: 'blockers',
  support: 'support',
  action: 'action',
} as const;

export interface PendingReport {
  id: string;
  cycleId: string;
  period: string;
  dueOn: string;
  measureTitle: string;
  documentTitle: string;
  state: 'not_started' | 'draft' | 'returned' | string;
}

/** Slack shows at most 50 blocks: the list stops before, and says how many more wait in Tansiq. */
const MAX_ITEMS = 20;

export function pendingReportsBlocks(locale: Locale, input: { organisation: string; today: string; reports: readonly PendingReport[]; publicUrl: string }): SlackMessage {
  if (input.reports.length === 0) return { text: tr.plain(locale, 'report.none'), blocks: [section(tr(locale, 'report.none'))] };
  const title = tr(locale, 'report.title', { organisation: input.organisation });
  const blocks: types.KnownBlock[] = [section(title)];
  for (const report of input.reports.slice(0, MAX_ITEMS)) {
    const late = input.today > report.dueOn ? tr(locale, 'report.late') : '';
    const state = tr(locale, `report.state.${report.state as 'draft'}` as const);
    blocks.push(
      section(
        truncate(
          `${tr(locale, 'report.item', { measure: report.measureTitle, plan: report.documentTitle, period: report.period, due: report.dueOn, late: new Raw(late) })} · _${state}_`,
          LIMITS.section,
        ),
        button(ReportActionId.open, tr.plain(locale, 'report.button'), JSON.stringify({ c: report.cycleId, r: report.id }), 'primary'),
      ),
    );
  }
  if (input.reports.length > MAX_ITEMS) blocks.push(context(tr(locale, 'report.more', { count: input.reports.length - MAX_ITEMS })));
  const firstCycle = input.reports[0]!.cycleId;
  blocks.push(actions([urlButton(ReportActionId.openApp, tr.plain(locale, 'report.openAll'), `${input.publicUrl}/cycles/${firstCycle}/report`)]));
  return { text: tr.plain(locale, 'report.title', { organisation: input.organisation }), blocks };
}

export interface ReportModalInput {
  cycleId: string;
  reportId: string;
  version: number;
  period: string;
  measureTitle: string;
  documentTitle: string;
  indicator: { baseline: number | null; target: number | null; unit: string };
  values: { status: string | null; progress: number | null; indicatorCurrent: number | null; narrative: string; blockers: string; supportRequested: string };
}

const text = (value: string) => ({ type: 'plain_text' as const, text: value });

function textInput(blockId: string, label: string, initial: string, options: { multiline?: boolean; max: number; optional?: boolean; hint?: string }): types.InputBlock {
  return {
    type: 'input',
    block_id: blockId,
    optional: options.optional ?? true,
    label: text(truncate(label, 2000)),
    ...(options.hint ? { hint: text(truncate(options.hint, 2000)) } : {}),
    element: { type: 'plain_text_input', action_id: blockId, multiline: options.multiline ?? false, max_length: options.max, ...(initial ? { initial_value: initial } : {}) },
  };
}

/** The modal to report on one measure, filled with the draft so far. */
export function reportModal(locale: Locale, input: ReportModalInput): types.ModalView {
  const statuses = MEASURE_STATUSES.map((status) => option(tr.plain(locale, `status.${status}`), status));
  const current = statuses.find((entry) => entry.value === input.values.status);
  const { baseline, target, unit } = input.indicator;
  const submitNow = option(tr.plain(locale, 'modal.submitReport'), 'submit');
  const blocks: types.KnownBlock[] = [
    context(truncate(`📋 *${escapeMrkdwn(input.period)}* · *${escapeMrkdwn(input.measureTitle)}* — ${escapeMrkdwn(input.documentTitle)}`, LIMITS.context)),
    {
      type: 'input',
      block_id: ReportField.status,
      optional: true,
      label: text(tr.plain(locale, 'modal.status')),
      element: { type: 'static_select', action_id: ReportField.status, options: statuses, ...(current ? { initial_option: current } : {}) },
    },
    textInput(ReportField.progress, tr.plain(locale, 'modal.progress'), input.values.progress === null ? '' : String(input.values.progress), {
      max: 5,
      hint: tr.plain(locale, 'modal.progressHint'),
    }),
    textInput(ReportField.indicator, tr.plain(locale, 'modal.indicator'), input.values.indicatorCurrent === null ? '' : String(input.values.indicatorCurrent), {
      max: 40,
      hint: tr.plain(locale, 'modal.indicatorHint', { baseline: baseline ?? '—', target: target ?? '—', unit }),
    }),
    textInput(ReportField.narrative, tr.plain(locale, 'modal.narrative'), input.values.narrative, { multiline: true, max: 3000 }),
    textInput(ReportField.blockers, tr.plain(locale, 'modal.blockers'), input.values.blockers, { multiline: true, max: 2000 }),
    textInput(ReportField.support, tr.plain(locale, 'modal.support'), input.values.supportRequested, { multiline: true, max: 2000 }),
    {
      type: 'input',
      block_id: ReportField.action,
      label: text(tr.plain(locale, 'modal.action')),
      element: { type: 'radio_buttons', action_id: ReportField.action, options: [submitNow, option(tr.plain(locale, 'modal.saveDraft'), 'draft')], initial_option: submitNow },
    },
  ];
  return {
    type: 'modal',
    callback_id: ReportViewId,
    private_metadata: JSON.stringify({ c: input.cycleId, r: input.reportId, v: input.version }),
    title: text(truncate(tr.plain(locale, 'modal.title'), LIMITS.modalTitle)),
    submit: text(truncate(tr.plain(locale, 'modal.submit'), LIMITS.modalTitle)),
    close: text(truncate(tr.plain(locale, 'modal.cancel'), LIMITS.modalTitle)),
    blocks,
  };
}

/** What the modal holds when submitted, read back from `view.state.values`. */
export function readReportModal(values: Record<string, Record<string, { value?: string | null; selected_option?: { value: string } | null }>>) {
  const field = (name: string) => values[name]?.[name];
  return {
    status: field(ReportField.status)?.selected_option?.value ?? null,
    progress: field(ReportField.progress)?.value?.trim() ?? '',
    indicator: field(ReportField.indicator)?.value?.trim() ?? '',
    narrative: field(ReportField.narrative)?.value ?? '',
    blockers: field(ReportField.blockers)?.value ?? '',
    supportRequested: field(ReportField.support)?.value ?? '',
    submit: (field(ReportField.action)?.selected_option?.value ?? 'submit') === 'submit',
  };
}
