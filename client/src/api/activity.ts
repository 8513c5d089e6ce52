import { get, query } from './client.ts';
import type { AccessLevel, DocumentStatus } from './types.ts';

/** A document's history from the audit log (server/routes/document-activity.ts, domain/document-activity.ts). */
export interface ActivityEntry {
  id: number;
  at: string;
  action: string;
  actor: { id: string; name: string; organisationId: string | null } | null;
  details: {
    from?: DocumentStatus;
    to?: DocumentStatus;
    reason?: string | null;
    name?: string;
    fields?: string[];
    organisationId?: string | null;
    userId?: string | null;
    level?: AccessLevel;
    previousLevel?: AccessLevel | null;
    authorId?: string;
  };
}

export const activity = {
  list: (documentId: string, params: { action?: string; before?: number; limit?: number } = {}) =>
    get<{ entries: ActivityEntry[]; nextCursor: number | null }>(`/api/documents/${documentId}/activity${query(params)}`),
};
