import type { ReportState } from '../../db/schema.ts';
import type { BlockSpec } from '../../shared/doc-schema.ts';
import type { Locale } from '../../shared/enums.ts';
import { CONSOLIDATED_TEXT } from './consolidated-text.ts';
import { minutesDate } from './minutes.ts';

/**
 * The consolidated report of a follow-up cycle for one commission (issue 19), pure: the cycle's
 * reports in, the rich-text blocks of a Tansiq document out, in the language the cycle is closed
 * in (consolidated-text.ts; like the minutes); it is an ordinary draft afterwards, which the
 * secretariat edits together before the commission. Charts are drawn with block characters so
 * they live in the text itself: they survive co-editing, search, Slack and every export.
 */

export interface ConsolidatedReportLine {
  measureTitle: string;
  leadOrganisation: string;
  state: ReportState;
  status: string | null;
  progress: number | null;
  indicatorCurrent: number | null;
  indicatorTarget: number | null;
  indicatorUnit: string;
  blockers: string;
  supportRequested: string;
  /** the measure's due date has passed and it is not done */
  overdue: boolean;
}

export interface ConsolidatedReportInput {
  period: string;
  commissionName: string | null;
  opensOn: string;
  dueOn: string;
  closedOn: string;
  organisations: ReadonlyArray<{ name: string; total: number; submitted: number; draft: number; notStarted: number }>;
  plans: ReadonlyArray<{ title: string; lines: readonly ConsolidatedReportLine[] }>;
}

/** "▓▓▓▓▓▓░░░░ 60 %": a share as a bar of ten cells. */
export function bar(share: number): string {
  const clamped = Math.max(0, Math.min(1, share));
  const full = Math.round(clamped * 10);
  return `${'▓'.repeat(full)}${'░'.repeat(10 - full)} ${Math.round(clamped * 100)} %`;
}

export const consolidatedTitle = (period: string, commissionName: string | null, language: Locale = 'fr'): string => CONSOLIDATED_TEXT[language].title(period, commissionName);

const oneLine = (text: string): string => text.replace(/\s+/gu, ' ').trim();

/** The average reported progress of a plan's measures (those with a value), 0–100, or null. */
export function planProgress(lines: readonly ConsolidatedReportLine[]): number | null {
  const values = lines.map((line) => line.progress).filter((value): value is number => value !== null);
  return values.length === 0 ? null : Math.round(values.reduce((sum, value) => sum + value, 0) / values.length);
}

export function buildConsolidatedReport(input: ConsolidatedReportInput, language: Locale = 'fr'): BlockSpec[] {
  const words = CONSOLIDATED_TEXT[language];
  const date = (day: string) => minutesDate(day, language);
  const reports = input.organisations.reduce((sum, entry) => sum + entry.total, 0);
  const submitted = input.organisations.reduce((sum, entry) => sum + entry.submitted, 0);
  const blocks: BlockSpec[] = [
    { type: 'heading', level: 1, text: consolidatedTitle(input.period, input.commissionName, language) },
    { type: 'paragraph', text: words.cycleLine(input.period, date(input.opensOn), date(input.dueOn), date(input.closedOn)) },
    { type: 'heading', level: 2, text: words.completeness },
    { type: 'paragraph', text: words.submittedOf(submitted, reports, bar(reports === 0 ? 0 : submitted / reports)) },
    input.organisations.length === 0
      ? { type: 'paragraph', text: words.noOrganisation }
      : {
          type: 'bulletList',
          items: input.organisations.map((entry) =>
            words.organisationLine(entry.name, bar(entry.total === 0 ? 0 : entry.submitted / entry.total), entry.submitted, entry.draft, entry.notStarted, entry.total),
          ),
        },
    { type: 'heading', level: 2, text: words.progressByPlan },
  ];
  if (input.plans.length === 0) blocks.push({ type: 'paragraph', text: words.noPlan });
  else {
    blocks.push({
      type: 'bulletList',
      items: input.plans.map((plan) => {
        const progress = planProgress(plan.lines);
        return words.planLine(plan.title, progress === null ? words.noProgress : bar(progress / 100));
      }),
    });
  }
  for (const plan of input.plans) blocks.push(...planBlocks(plan, language));
  return language === 'ar' ? blocks.map((block) => ({ ...block, dir: 'rtl' as const })) : blocks;
}

function planBlocks(plan: { title: string; lines: readonly ConsolidatedReportLine[] }, language: Locale): BlockSpec[] {
  const words = CONSOLIDATED_TEXT[language];
  const blocks: BlockSpec[] = [{ type: 'heading', level: 2, text: plan.title }];
  blocks.push({
    type: 'bulletList',
    items: plan.lines.map((line) => {
      const status = line.status ? (words.statuses[line.status] ?? line.status) : words.noStatus;
      const progress = line.progress === null ? words.progressNotReported : bar(line.progress / 100);
      const indicator = line.indicatorCurrent === null ? '' : words.indicator(line.indicatorCurrent, line.indicatorTarget, line.indicatorUnit);
      const unreported = line.state === 'submitted' || line.state === 'accepted' ? '' : words.notSubmitted;
      return words.measureLine(line.measureTitle, line.leadOrganisation, status, progress, indicator, unreported);
    }),
  });
  const overdue = plan.lines.filter((line) => line.overdue);
  blocks.push({ type: 'heading', level: 3, text: words.overdue });
  blocks.push(
    overdue.length === 0
      ? { type: 'paragraph', text: words.noneFeminine }
      : { type: 'bulletList', items: overdue.map((line) => words.named(line.measureTitle, line.leadOrganisation)) },
  );
  const blocked = plan.lines.filter((line) => line.status === 'blocked' || line.blockers.trim() !== '');
  blocks.push({ type: 'heading', level: 3, text: words.blocked });
  blocks.push(
    blocked.length === 0
      ? { type: 'paragraph', text: words.noneMasculine }
      : { type: 'bulletList', items: blocked.map((line) => words.named(line.measureTitle, line.leadOrganisation, line.blockers.trim() ? oneLine(line.blockers) : undefined)) },
  );
  const support = plan.lines.filter((line) => line.supportRequested.trim() !== '');
  blocks.push({ type: 'heading', level: 3, text: words.support });
  blocks.push(
    support.length === 0
      ? { type: 'paragraph', text: words.noneMasculine }
      : { type: 'bulletList', items: support.map((line) => words.named(line.measureTitle, line.leadOrganisation, oneLine(line.supportRequested))) },
  );
  return blocks;
}
