import type { ReportState } from '../../db/schema.ts';
import type { BlockSpec } from '../../shared/doc-schema.ts';
import { minutesDate } from './minutes.ts';

/**
 * The consolidated report of a follow-up cycle for one commission (issue 19), pure: the cycle's
 * reports in, the rich-text blocks of a Tansiq document out. Written in French, the working
 * language of the secretariat (like the minutes); it is an ordinary draft afterwards, which the
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

const STATUS_FR: Record<string, string> = { planned: 'Prévue', in_progress: 'En cours', done: 'Réalisée', blocked: 'Bloquée', cancelled: 'Annulée' };

/** "▓▓▓▓▓▓░░░░ 60 %": a share as a bar of ten cells. */
export function bar(share: number): string {
  const clamped = Math.max(0, Math.min(1, share));
  const full = Math.round(clamped * 10);
  return `${'▓'.repeat(full)}${'░'.repeat(10 - full)} ${Math.round(clamped * 100)} %`;
}

export const consolidatedTitle = (period: string, commissionName: string | null): string =>
  `Rapport consolidé de suivi — ${period}${commissionName ? ` — ${commissionName}` : ''}`;

const oneLine = (text: string): string => text.replace(/\s+/gu, ' ').trim();

/** The average reported progress of a plan's measures (those with a value), 0–100, or null. */
export function planProgress(lines: readonly ConsolidatedReportLine[]): number | null {
  const values = lines.map((line) => line.progress).filter((value): value is number => value !== null);
  return values.length === 0 ? null : Math.round(values.reduce((sum, value) => sum + value, 0) / values.length);
}

export function buildConsolidatedReport(input: ConsolidatedReportInput): BlockSpec[] {
  const reports = input.organisations.reduce((sum, entry) => sum + entry.total, 0);
  const submitted = input.organisations.reduce((sum, entry) => sum + entry.submitted, 0);
  const blocks: BlockSpec[] = [
    { type: 'heading', level: 1, text: consolidatedTitle(input.period, input.commissionName) },
    {
      type: 'paragraph',
      text: `Cycle de suivi ${input.period} : ouvert le ${minutesDate(input.opensOn)}, échéance le ${minutesDate(input.dueOn)}, clos le ${minutesDate(input.closedOn)}.`,
    },
    { type: 'heading', level: 2, text: 'Complétude' },
    { type: 'paragraph', text: `${submitted} rapport${submitted > 1 ? 's' : ''} remis sur ${reports} attendu${reports > 1 ? 's' : ''} — ${bar(reports === 0 ? 0 : submitted / reports)}` },
    input.organisations.length === 0
      ? { type: 'paragraph', text: 'Aucune organisation concernée.' }
      : {
          type: 'bulletList',
          items: input.organisations.map(
            (entry) => `${entry.name} : ${bar(entry.total === 0 ? 0 : entry.submitted / entry.total)} (${entry.submitted} remis, ${entry.draft} en brouillon, ${entry.notStarted} non commencés, sur ${entry.total})`,
          ),
        },
    { type: 'heading', level: 2, text: 'Avancement par plan' },
  ];
  if (input.plans.length === 0) blocks.push({ type: 'paragraph', text: 'Aucun plan dans le périmètre.' });
  else {
    blocks.push({
      type: 'bulletList',
      items: input.plans.map((plan) => {
        const progress = planProgress(plan.lines);
        return `${plan.title} : ${progress === null ? 'aucun avancement déclaré' : bar(progress / 100)}`;
      }),
    });
  }
  for (const plan of input.plans) blocks.push(...planBlocks(plan));
  return blocks;
}

function planBlocks(plan: { title: string; lines: readonly ConsolidatedReportLine[] }): BlockSpec[] {
  const blocks: BlockSpec[] = [{ type: 'heading', level: 2, text: plan.title }];
  blocks.push({
    type: 'bulletList',
    items: plan.lines.map((line) => {
      const status = line.status ? STATUS_FR[line.status] ?? line.status : 'sans statut';
      const progress = line.progress === null ? 'avancement non déclaré' : bar(line.progress / 100);
      const indicator =
        line.indicatorCurrent === null ? '' : ` ; indicateur ${line.indicatorCurrent}${line.indicatorTarget === null ? '' : ` / ${line.indicatorTarget}`}${line.indicatorUnit ? ` ${line.indicatorUnit}` : ''}`;
      const unreported = line.state === 'submitted' || line.state === 'accepted' ? '' : ' (rapport non remis)';
      return `${line.measureTitle} — ${line.leadOrganisation} : ${status}, ${progress}${indicator}${unreported}`;
    }),
  });
  const overdue = plan.lines.filter((line) => line.overdue);
  blocks.push({ type: 'heading', level: 3, text: 'Mesures en retard' });
  blocks.push(overdue.length === 0 ? { type: 'paragraph', text: 'Aucune.' } : { type: 'bulletList', items: overdue.map((line) => `${line.measureTitle} (${line.leadOrganisation})`) });
  const blocked = plan.lines.filter((line) => line.status === 'blocked' || line.blockers.trim() !== '');
  blocks.push({ type: 'heading', level: 3, text: 'Mesures bloquées et obstacles' });
  blocks.push(
    blocked.length === 0
      ? { type: 'paragraph', text: 'Aucun.' }
      : { type: 'bulletList', items: blocked.map((line) => `${line.measureTitle} (${line.leadOrganisation})${line.blockers.trim() ? ` : ${oneLine(line.blockers)}` : ''}`) },
  );
  const support = plan.lines.filter((line) => line.supportRequested.trim() !== '');
  blocks.push({ type: 'heading', level: 3, text: 'Appui demandé' });
  blocks.push(support.length === 0 ? { type: 'paragraph', text: 'Aucun.' } : { type: 'bulletList', items: support.map((line) => `${line.measureTitle} (${line.leadOrganisation}) : ${oneLine(line.supportRequested)}`) });
  return blocks;
}
