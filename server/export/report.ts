import type { DocumentStatus, Locale } from '../../db/schema.ts';
import { MEASURE_STATUSES } from '../../shared/doc-schema.ts';
import type { Inline, RichBlock, TableCell } from '../../shared/rich-text.ts';
import { LABELS } from '../../shared/labels.ts';
import { displayDate, measureCells, measureColumns, shortDate, type ExportDocument, type ExportMeasure } from './model.ts';

/**
 * The consolidated follow-up report the coordination unit sends to a commission: per plan its
 * status, its measures counted by status, the overdue ones, and progress per lead organisation as
 * bars; then an annex with every measure. Built as blocks, so every exporter renders it. Pure.
 */

export interface ReportPlan {
  title: string;
  status: DocumentStatus;
  measures: ExportMeasure[];
}

const TEXT = {
  fr: {
    title: 'Rapport de suivi consolidé',
    scope: 'Périmètre',
    asOf: 'Situation au',
    plans: 'Plans',
    measures: 'Mesures',
    overdue: 'Mesures en retard',
    none: 'Aucune.',
    byLead: 'Avancement par organisation chef de file',
    annex: 'Annexe : toutes les mesures',
    total: 'Total',
    status: 'Statut',
    average: 'Avancement moyen',
    organisation: 'Organisation',
    measure: 'Mesure',
    lead: 'Responsable',
    due: 'Échéance',
    progress: 'Avancement',
  },
  ar: {
    title: 'التقرير الموحد للتتبع',
    scope: 'النطاق',
    asOf: 'الوضعية بتاريخ',
    plans: 'المخططات',
    measures: 'الإجراءات',
    overdue: 'الإجراءات المتأخرة',
    none: 'لا شيء.',
    byLead: 'نسبة الإنجاز حسب الجهة المكلفة',
    annex: 'ملحق: جميع الإجراءات',
    total: 'المجموع',
    status: 'الحالة',
    average: 'متوسط الإنجاز',
    organisation: 'الجهة',
    measure: 'الإجراء',
    lead: 'الجهة المكلفة',
    due: 'الأجل',
    progress: 'نسبة الإنجاز',
  },
  en: {
    title: 'Consolidated follow-up report',
    scope: 'Scope',
    asOf: 'As of',
    plans: 'Plans',
    measures: 'Measures',
    overdue: 'Overdue measures',
    none: 'None.',
    byLead: 'Progress per lead organisation',
    annex: 'Annex: every measure',
    total: 'Total',
    status: 'Status',
    average: 'Average progress',
    organisation: 'Organisation',
    measure: 'Measure',
    lead: 'Lead',
    due: 'Due',
    progress: 'Progress',
  },
} as const;
export const reportText = (locale: Locale) => TEXT[locale];

export const isOverdue = (measure: ExportMeasure, asOf: string) => measure.due !== null && measure.due < asOf && measure.status !== 'done' && measure.status !== 'cancelled';

const text = (value: string, bold = false): Inline[] => [{ text: value, ...(bold ? { bold } : {}) }];
const cell = (value: string, header = false): TableCell => ({ header, colspan: 1, blocks: [{ type: 'paragraph', dir: 'auto', content: text(value, header) }] });
const table = (header: string[], rows: string[][]): RichBlock => ({
  type: 'table',
  rows: [header.map((value) => cell(value, true)), ...rows.map((row) => row.map((value) => cell(value)))],
});
const heading = (value: string, level: 2 | 3): RichBlock => ({ type: 'heading', level, dir: 'auto', content: text(value) });

/** A bar of ten blocks, the chart every format can show: ██████░░░░ 60 % */
export const progressBar = (percent: number) => `${'█'.repeat(Math.round(percent / 10))}${'░'.repeat(10 - Math.round(percent / 10))} ${Math.round(percent)} %`;

export function leadProgress(measures: readonly ExportMeasure[]): { lead: string; count: number; average: number }[] {
  const byLead = new Map<string, number[]>();
  for (const measure of measures) byLead.set(measure.leadName, [...(byLead.get(measure.leadName) ?? []), measure.progress]);
  return [...byLead]
    .map(([lead, values]) => ({ lead, count: values.length, average: values.reduce((a, b) => a + b, 0) / values.length }))
    .sort((a, b) => a.lead.localeCompare(b.lead));
}

export function buildReport(input: {
  locale: Locale;
  scope: string;
  asOf: string;
  today: string;
  plans: ReportPlan[];
  ministry: ExportDocument['ministry'];
  logo: ExportDocument['logo'];
}): ExportDocument {
  const { locale, asOf } = input;
  const x = TEXT[locale];
  const statusLabels = MEASURE_STATUSES.map((status) => LABELS[locale].measureStatus[status]);
  const blocks: RichBlock[] = [];
  for (const plan of input.plans) {
    blocks.push(heading(plan.title, 2));
    blocks.push({ type: 'paragraph', dir: 'auto', content: [{ text: `${x.status} : `, bold: true }, { text: LABELS[locale].status[plan.status] }] });
    const overdue = plan.measures.filter((measure) => isOverdue(measure, asOf));
    blocks.push(
      table(
        [...statusLabels, x.overdue, x.total],
        [[...MEASURE_STATUSES.map((status) => String(plan.measures.filter((measure) => measure.status === status).length)), String(overdue.length), String(plan.measures.length)]],
      ),
    );
    blocks.push(heading(x.overdue, 3));
    blocks.push(
      overdue.length === 0
        ? { type: 'paragraph', dir: 'auto', content: text(x.none) }
        : table(
            [x.measure, x.lead, x.due, x.progress],
            overdue.map((measure) => [measure.title, measure.leadName, shortDate(measure.due), `${measure.progress} %`]),
          ),
    );
    if (plan.measures.length > 0) {
      blocks.push(heading(x.byLead, 3));
      blocks.push(
        table(
          [x.organisation, x.measures, x.average],
          leadProgress(plan.measures).map((row) => [row.lead, String(row.count), progressBar(row.average)]),
        ),
      );
    }
  }
  blocks.push(heading(x.annex, 2));
  for (const plan of input.plans) {
    if (plan.measures.length === 0) continue;
    blocks.push(heading(plan.title, 3));
    blocks.push(
      table(
        measureColumns(locale),
        plan.measures.map((measure) => measureCells(locale, measure)),
      ),
    );
  }
  const all = input.plans.flatMap((plan) => plan.measures);
  return {
    locale,
    title: `${x.title} — ${input.scope}`,
    kind: 'note',
    status: 'adopted',
    draft: false,
    version: null,
    date: input.today,
    leadName: '',
    partnerNames: [],
    ministry: input.ministry,
    logo: input.logo,
    blocks,
    measures: [],
    metadata: [
      [x.scope, input.scope],
      [x.asOf, displayDate(locale, asOf)],
      [x.plans, String(input.plans.length)],
      [x.measures, String(all.length)],
      [x.overdue, String(all.filter((measure) => isOverdue(measure, asOf)).length)],
    ],
  };
}
