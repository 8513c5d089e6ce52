import type { Selectable } from 'kysely';
import type { CycleReportsTable, ReportingCyclesTable } from '../../db/schema.ts';
import { isLate } from '../domain/reporting-cycle.ts';
import type { Cycle, CycleReport } from '../../shared/api/cycles.ts';

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function presentCycle(row: Selectable<ReportingCyclesTable>): Cycle {
  return {
    id: row.id,
    period: row.period,
    scope: { commissionId: row.commission_id, documentKinds: row.document_kinds, documentIds: row.document_ids },
    opensOn: row.opens_on,
    dueOn: row.due_on,
    reminderDays: row.reminder_days,
    status: row.status,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    closedAt: iso(row.closed_at),
  };
}

export type ReportRow = Selectable<CycleReportsTable> & { document_title: string };

/** What a report says of its measure for the period: the fields a focal point fills in. */
export function presentReportValues(
  row: Pick<Selectable<CycleReportsTable>, 'measure_status' | 'progress' | 'indicator_current' | 'narrative' | 'blockers' | 'support_requested'>,
) {
  return {
    status: row.measure_status,
    progress: row.progress,
    indicatorCurrent: row.indicator_current,
    narrative: row.narrative,
    blockers: row.blockers,
    supportRequested: row.support_requested,
  };
}

export function presentReport(row: ReportRow, dueOn: string, today: string): CycleReport {
  return {
    id: row.id,
    cycleId: row.cycle_id,
    documentId: row.document_id,
    documentTitle: row.document_title,
    measureId: row.measure_id,
    measureTitle: row.measure_title,
    leadOrganisationId: row.lead_organisation_id,
    partnerOrganisationIds: row.partner_organisation_ids,
    indicator: { baseline: row.indicator_baseline, target: row.indicator_target, unit: row.indicator_unit },
    state: row.state,
    late: isLate(dueOn, today, row.state),
    values: presentReportValues(row),
    submittedBy: row.submitted_by,
    submittedAt: iso(row.submitted_at),
    reviewedBy: row.reviewed_by,
    reviewedAt: iso(row.reviewed_at),
    reviewComment: row.review_comment,
    version: row.version,
    updatedAt: row.updated_at.toISOString(),
  };
}

export type PresentedReport = CycleReport;
