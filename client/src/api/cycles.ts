import { get, post, put, query } from './client.ts';
import type { Locale } from '../../../shared/enums.ts';
import type { DocumentKind, MeasureStatus } from './types.ts';

/** Follow-up cycles and their reports (server/routes/cycles.ts, presenters/cycle.ts). */

export type ReportState = 'not_started' | 'draft' | 'submitted' | 'returned' | 'accepted';
export type Standing = 'submitted' | 'draft' | 'not_started';

export interface Cycle {
  id: string;
  period: string;
  scope: { commissionId: string | null; documentKinds: DocumentKind[]; documentIds: string[] };
  opensOn: string;
  dueOn: string;
  reminderDays: number[];
  status: 'open' | 'closed';
  createdAt: string;
  closedAt: string | null;
  /** reports I can read in it (in the list) */
  reports?: number;
}

export interface ReportValues {
  status: MeasureStatus | null;
  progress: number | null;
  indicatorCurrent: number | null;
  narrative: string;
  blockers: string;
  supportRequested: string;
}
export type ReportField = keyof ReportValues;

export interface CycleReport {
  id: string;
  cycleId: string;
  documentId: string;
  documentTitle: string;
  measureId: string;
  measureTitle: string;
  leadOrganisationId: string | null;
  partnerOrganisationIds: string[];
  indicator: { baseline: number | null; target: number | null; unit: string };
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

export interface CompletenessLine {
  organisationId: string | null;
  organisationCode: string | null;
  total: number;
  notStarted: number;
  draft: number;
  submitted: number;
  accepted: number;
  returned: number;
  standing: Standing;
  late: boolean;
}

export interface CycleDashboard {
  cycle: Cycle;
  today: string;
  consolidatedDocuments: Array<{ id: string; title: string; commissionId: string | null }>;
  completeness: CompletenessLine[];
  lateOrganisations: Array<{ organisationId: string | null; organisationCode: string | null }>;
}

export interface HistoryPeriod {
  reportId: string;
  cycleId: string;
  period: string;
  opensOn: string;
  dueOn: string;
  cycleStatus: 'open' | 'closed';
  measureTitle: string;
  state: ReportState;
  reported: boolean;
  values: ReportValues;
  indicator: { baseline: number | null; target: number | null; unit: string };
  submittedAt: string | null;
}

export interface OpenCycleInput {
  period: string;
  opensOn: string;
  dueOn: string;
  commissionId?: string | null;
  documentKinds?: DocumentKind[];
  documentIds?: string[];
  reminderDays?: number[];
}

/** A draft's changed fields; the indicator may be sent as typed ("3,5"). */
export type ReportPatch = Partial<Omit<ReportValues, 'indicatorCurrent'> & { indicatorCurrent: number | string | null }>;

export const cycles = {
  list: () => get<{ cycles: Cycle[] }>('/api/cycles').then((r) => r.cycles),
  open: (input: OpenCycleInput) => post<{ cycle: Cycle; reports: number; withoutLead: number }>('/api/cycles', input),
  dashboard: (id: string) => get<CycleDashboard>(`/api/cycles/${id}`),
  /** closes the cycle; its consolidated reports are written in `language` (the closer's interface language) */
  close: (id: string, language: Locale) => post<{ cycle: Cycle & { consolidatedDocumentIds: string[] } }>(`/api/cycles/${id}/close`, { language }).then((r) => r.cycle),
  remind: (id: string, organisationIds?: string[]) => post<{ organisationIds: string[] }>(`/api/cycles/${id}/remind`, organisationIds ? { organisationIds } : {}),
  reports: (id: string, organisationId?: string) => get<{ reports: CycleReport[] }>(`/api/cycles/${id}/reports${query({ organisation: organisationId })}`).then((r) => r.reports),
  report: (id: string, reportId: string) => get<{ report: CycleReport }>(`/api/cycles/${id}/reports/${reportId}`).then((r) => r.report),
  save: (id: string, reportId: string, version: number, values: ReportPatch) => put<{ report: CycleReport }>(`/api/cycles/${id}/reports/${reportId}`, { version, values }).then((r) => r.report),
  submit: (id: string, reportId: string, version: number) => post<{ report: CycleReport }>(`/api/cycles/${id}/reports/${reportId}/submit`, { version }).then((r) => r.report),
  review: (id: string, reportId: string, decision: 'return' | 'accept', version: number, comment?: string) =>
    post<{ report: CycleReport }>(`/api/cycles/${id}/reports/${reportId}/${decision}`, comment ? { version, comment } : { version }).then((r) => r.report),
  history: (documentId: string, measureId: string) => get<{ periods: HistoryPeriod[] }>(`/api/cycles/history${query({ documentId, measureId })}`).then((r) => r.periods),
};
