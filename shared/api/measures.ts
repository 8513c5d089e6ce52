/** The measures projection as the API presents it (server/queries/measures.ts, indicator-history.ts). */
import type { MeasureStatus } from '../enums.ts';
import type { MeasureFields } from '../measure-model.ts';

/** A row of GET /api/measures: a measure of a visible action plan, from the SQL projection. */
export interface MeasureSummary extends MeasureFields {
  documentId: string;
  documentTitle: string;
  overdue: boolean;
}

/** A line of GET /api/dashboard: one lead organisation's measures. */
export interface OrganisationProgress {
  organisationId: string;
  measures: Record<MeasureStatus, number>;
  overdue: number;
  documents: number;
}

/** One recorded current value of a measure's indicator (GET /api/documents/:id/indicator-history). */
export interface IndicatorHistoryEntry {
  measureId: string;
  value: number | null;
  at: string;
  /** the user the server authenticated; null when it could not vouch for one */
  by: { id: string; name: string } | null;
}
