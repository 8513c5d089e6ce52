import ExcelJS from 'exceljs';
import type { Locale } from '../../db/schema.ts';
import { MEASURE_STATUSES } from '../../shared/doc-schema.ts';
import { LABELS } from '../../shared/labels.ts';
import { addMeasuresSheet } from './measures-sheet.ts';
import { isOverdue, reportText, type ReportPlan } from './report.ts';

/** The consolidated report as a workbook: one summary row per plan, then every measure (the annex). */
export async function renderReportXlsx(plans: readonly ReportPlan[], locale: Locale, asOf: string, title: string): Promise<Buffer> {
  const x = reportText(locale);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Tansiq';
  workbook.title = title;
  const summary = workbook.addWorksheet(x.title.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1, rightToLeft: locale === 'ar' }] });
  summary.columns = [x.plans, x.status, ...MEASURE_STATUSES.map((status) => LABELS[locale].measureStatus[status]), x.overdue, x.total, x.average].map((header, index) => ({
    header,
    width: index === 0 ? 50 : 14,
  }));
  summary.getRow(1).font = { bold: true };
  for (const plan of plans) {
    const average = plan.measures.length === 0 ? null : plan.measures.reduce((sum, measure) => sum + measure.progress, 0) / plan.measures.length / 100;
    summary.addRow([
      plan.title,
      LABELS[locale].status[plan.status],
      ...MEASURE_STATUSES.map((status) => plan.measures.filter((measure) => measure.status === status).length),
      plan.measures.filter((measure) => isOverdue(measure, asOf)).length,
      plan.measures.length,
      average,
    ]);
  }
  summary.getColumn(MEASURE_STATUSES.length + 5).numFmt = '0%';
  addMeasuresSheet(
    workbook,
    plans.flatMap((plan) => plan.measures.map((measure) => ({ ...measure, documentTitle: plan.title }))),
    locale,
    true,
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
