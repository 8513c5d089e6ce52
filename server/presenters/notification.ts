import type { Selectable } from 'kysely';
import type { NotificationsTable } from '../../db/schema.ts';
import type { AppNotification } from '../../shared/api/notifications.ts';

export function presentNotification(row: Selectable<NotificationsTable>): AppNotification {
  return {
    id: row.id,
    kind: row.kind,
    documentId: row.document_id,
    payload: row.payload,
    createdAt: row.created_at.toISOString(),
    read: row.read_at !== null,
  };
}
