import type { AccessLevel, DocumentAccessRow, DocumentRow, DocumentStatus } from '../../db/schema.ts';
import type { Grant, TansiqDocument } from '../../shared/api/documents.ts';

export interface DocumentView {
  row: DocumentRow;
  partnerOrganisationIds: string[];
  access: AccessLevel;
  availableTransitions?: DocumentStatus[];
  /** the reader may reopen it (coordination unit, adopted or closed) */
  canReopen?: boolean;
}

export function presentDocument({ row, partnerOrganisationIds, access, availableTransitions, canReopen }: DocumentView): TansiqDocument {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    status: row.status,
    returnReason: row.return_reason,
    leadOrganisationId: row.lead_organisation_id,
    partnerOrganisationIds,
    framework: row.framework,
    language: row.language,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    archived: row.archived_at !== null,
    archivedAt: row.archived_at?.toISOString() ?? null,
    wordCount: row.word_count,
    measureCount: row.measure_count,
    lastEditedBy: row.last_edited_by,
    lastEditedAt: row.last_edited_at?.toISOString() ?? null,
    access,
    ...(availableTransitions ? { availableTransitions } : {}),
    ...(canReopen !== undefined ? { canReopen } : {}),
  };
}

export function presentGrant(row: DocumentAccessRow): Grant {
  return {
    id: row.id,
    documentId: row.document_id,
    organisationId: row.organisation_id,
    userId: row.user_id,
    level: row.level,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
  };
}
