import type { Selectable } from 'kysely';
import type { DocumentVersionsTable } from '../../db/schema.ts';
import type { Version } from '../../shared/api/versions.ts';

/** A version without its state: the bytes stay on the server, clients get metadata and text. */
export type VersionMeta = Omit<Selectable<DocumentVersionsTable>, 'state'>;

export function presentVersion(row: VersionMeta): Version {
  return {
    id: row.id,
    documentId: row.document_id,
    name: row.name,
    kind: row.kind,
    sessionId: row.session_id,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
  };
}
