import { get, query } from './client.ts';
import type { ActivityPage } from '../../../shared/api/documents.ts';
import type { ActivityRequest } from '../../../shared/api/schemas/documents.ts';

export type { ActivityEntry } from '../../../shared/api/documents.ts';

/** A document's history from the audit log (server/routes/document-activity.ts, domain/document-activity.ts). */
export const activity = {
  list: (documentId: string, params: { action?: ActivityRequest['action']; before?: number; limit?: number } = {}) =>
    get<ActivityPage>(`/api/documents/${documentId}/activity${query(params)}`),
};
