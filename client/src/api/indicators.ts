import { get, query } from './client.ts';
import type { IndicatorHistoryEntry } from '../../../shared/api/measures.ts';
import type { IndicatorHistoryRequest } from '../../../shared/api/schemas/measures.ts';

export type { IndicatorHistoryEntry } from '../../../shared/api/measures.ts';

export const indicatorHistory = {
  ofDocument: (documentId: string, measureId?: string) =>
    get<{ history: IndicatorHistoryEntry[] }>(`/api/documents/${documentId}/indicator-history${query({ measure: measureId } satisfies IndicatorHistoryRequest)}`).then(
      (r) => r.history,
    ),
};
