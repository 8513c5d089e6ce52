import { get, post, put, query } from './client.ts';
import type { ClosedCycle, CycleDashboard, CycleInList, CycleReport, HistoryPeriod, OpenedCycle, RemindersSent, ReportValues } from '../../../shared/api/cycles.ts';
import type {
  AcceptReportRequest,
  CloseCycleRequest,
  HistoryRequest,
  ListReportsRequest,
  OpenCycleRequest,
  RemindRequest,
  ReportValuesRequest,
  ReturnReportRequest,
  SaveReportRequest,
  SubmitReportRequest,
} from '../../../shared/api/schemas/cycles.ts';

/** Follow-up cycles and their reports (server/routes/cycles.ts, presenters/cycle.ts). */

export type { ReportState } from '../../../shared/enums.ts';
export type { CompletenessLine, CycleReport, HistoryPeriod, ReportValues, Standing } from '../../../shared/api/cycles.ts';
export type Cycle = CycleInList;
export type ReportField = keyof ReportValues;
/** A draft's changed fields; the indicator may be sent as typed ("3,5"). */
export type ReportPatch = ReportValuesRequest;

export const cycles = {
  list: () => get<{ cycles: CycleInList[] }>('/api/cycles').then((r) => r.cycles),
  open: (input: OpenCycleRequest) => post<OpenedCycle>('/api/cycles', input),
  dashboard: (id: string) => get<CycleDashboard>(`/api/cycles/${id}`),
  /** closes the cycle; its consolidated reports are written in `language` (the closer's interface language) */
  close: (id: string, language: NonNullable<CloseCycleRequest['language']>) =>
    post<{ cycle: ClosedCycle }>(`/api/cycles/${id}/close`, { language } satisfies CloseCycleRequest).then((r) => r.cycle),
  remind: (id: string, organisationIds?: string[]) => post<RemindersSent>(`/api/cycles/${id}/remind`, (organisationIds ? { organisationIds } : {}) satisfies RemindRequest),
  reports: (id: string, organisationId?: string) =>
    get<{ reports: CycleReport[] }>(`/api/cycles/${id}/reports${query({ organisation: organisationId } satisfies ListReportsRequest)}`).then((r) => r.reports),
  report: (id: string, reportId: string) => get<{ report: CycleReport }>(`/api/cycles/${id}/reports/${reportId}`).then((r) => r.report),
  save: (id: string, reportId: string, version: number, values: ReportPatch) =>
    put<{ report: CycleReport }>(`/api/cycles/${id}/reports/${reportId}`, { version, values } satisfies SaveReportRequest).then((r) => r.report),
  submit: (id: string, reportId: string, version: number) =>
    post<{ report: CycleReport }>(`/api/cycles/${id}/reports/${reportId}/submit`, { version } satisfies SubmitReportRequest).then((r) => r.report),
  review: (id: string, reportId: string, decision: 'return' | 'accept', version: number, comment?: string) =>
    post<{ report: CycleReport }>(
      `/api/cycles/${id}/reports/${reportId}/${decision}`,
      (comment ? { version, comment } : { version }) satisfies ReturnReportRequest | AcceptReportRequest,
    ).then((r) => r.report),
  history: (documentId: string, measureId: string) =>
    get<{ periods: HistoryPeriod[] }>(`/api/cycles/history${query({ documentId, measureId } satisfies HistoryRequest)}`).then((r) => r.periods),
};
