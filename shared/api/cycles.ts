/** Follow-up cycles and their reports as the API presents them (server/presenters/cycle.ts, commands/cycles.ts). */
import type { CycleStatus, DocumentKind, MeasureStatus, ReportState } from '../enums.ts';

export const REPORT_LIMITS = { narrative: 4000, blockers: 2000, supportRequested: 2000, reviewComment: 2000 } as const;

export interface Cycle {
  id: string;
  period: string;
  scope: { commissionId: string | null; documentKinds: DocumentKind[]; documentIds: string[] };
  /** YYYY-MM-DD */
  opensOn: string;
  dueOn: string;
  /** days from the due date: -3 three days before, 2 two days after */
  reminderDays: number[];
  status: CycleStatus;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

/** A cycle in GET /api/cycles: with the number of its reports I can read. */
export interface CycleInList extends Cycle {
  reports: number;
}

/** POST /api/cycles/:id/close: the consolidated documents written with the close. */
export interface ClosedCycle extends Cycle {
  consolidatedDocumentIds: string[];
}

/** POST /api/cycles */
export interface OpenedCycle {
  cycle: Cycle;
  reports: number;
  /** measures without a lead organisation: nobody to report on them */
  withoutLead: number;
}

export interface ReportValues {
  status: MeasureStatus | null;
  progress: number | null;
  indicatorCurrent: number | null;
  narrative: string;
  blockers: string;
  supportRequested: string;
}

export interface ReportIndicator {
  baseline: number | null;
  target: number | null;
  unit: string;
}

export interface CycleReport {
  id: string;
  cycleId: string;
  documentId: string;
  documentTitle: string;
  measureId: string;
  measureTitle: string;
  leadOrganisationId: string | null;
  partnerOrganisationIds: string[];
  indicator: ReportIndicator;
  state: ReportState;
  late: boolean;
  values: ReportValues;
  submittedBy: string | null;
  submittedAt: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
  reviewComment: string | null;
  version: number;
  updatedAt: string;
}

export type Standing = 'submitted' | 'draft' | 'not_started';

/** A lead organisation's line of a cycle's dashboard. */
export interface CompletenessLine {
  organisationId: string | null;
  organisationCode: string | null;
  total: number;
  notStarted: number;
  draft: number;
  submitted: number;
  accepted: number;
  returned: number;
  /** submitted when every report is submitted or accepted; not started when none was touched */
  standing: Standing;
  late: boolean;
}

/** GET /api/cycles/:id */
export interface CycleDashboard {
  cycle: Cycle;
  /** YYYY-MM-DD, the server's */
  today: string;
  consolidatedDocuments: Array<{ id: string; title: string; commissionId: string | null }>;
  completeness: CompletenessLine[];
  lateOrganisations: Array<{ organisationId: string | null; organisationCode: string | null }>;
}

/** POST /api/cycles/:id/remind */
export interface RemindersSent {
  organisationIds: string[];
}

/** A measure's report in one period (GET /api/cycles/history). */
export interface HistoryPeriod {
  reportId: string;
  cycleId: string;
  period: string;
  opensOn: string;
  dueOn: string;
  cycleStatus: CycleStatus;
  measureTitle: string;
  state: ReportState;
  /** submitted or accepted: a draft says nothing of the period */
  reported: boolean;
  values: ReportValues;
  indicator: ReportIndicator;
  submittedAt: string | null;
}
