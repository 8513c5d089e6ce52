import { get } from './client.ts';

/** One recorded current value of a measure's indicator (server/queries/indicator-history.ts). */
export interface IndicatorHistoryEntry {
  measureId: string;
  value: number | null;
  at: string;
  /** the user the server authenticated; null when it could not vouch for one */
  by: { id: string; name: string } | null;
}

export const indicatorHistory = {
  ofDocument: (documentId: string, measureId?: string) =>
    get<{ history: IndicatorHistoryEntry[] }>(`/api/documents/${documentId}/indicator-history${measureId ? `?measure=${encodeURIComponent(measureId)}` : ''}`).then((r) => r.history),
};
