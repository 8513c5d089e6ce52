import type { Kysely } from 'kysely';
import type { AccessLevel, Database, DocumentAccessRow, DocumentRow } from '../../db/schema.ts';
import { canComment, canEdit, canManageDocument, type AccessSubject } from '../policies/document-access.ts';
import { findDocumentWithAccess } from '../queries/documents.ts';
import { forbidden, notFound } from '../errors.ts';
import { recordAudit } from './audit.ts';

export type DocumentNeed = 'view' | 'comment' | 'edit' | 'manage';

export interface GuardedDocument {
  row: DocumentRow;
  grants: DocumentAccessRow[];
  level: AccessLevel;
}

/**
 * Loads a document for someone who needs a given right, or refuses. A document they cannot see
 * is "not found" (its existence stays hidden); one they can see but not change is "forbidden".
 * Both refusals are audited.
 */
export async function requireDocument(
  db: Kysely<Database>,
  subject: AccessSubject,
  id: string,
  need: DocumentNeed,
  ip?: string,
): Promise<GuardedDocument> {
  const found = await findDocumentWithAccess(db, subject, id);
  if (!found.row) {
    if (found.exists) await auditDenied(db, subject, id, need, 'no_access', ip);
    throw notFound('Document');
  }
  const allowed =
    need === 'view' ||
    (need === 'comment' && canComment(found.level)) ||
    (need === 'edit' && canEdit(found.level)) ||
    (need === 'manage' && canEdit(found.level) && canManageDocument(subject, { leadOrganisationId: found.row.lead_organisation_id }));
  if (!allowed) {
    await auditDenied(db, subject, id, need, found.level, ip);
    throw forbidden(
      need === 'manage'
        ? 'Only the lead organisation and the coordination unit manage this document.'
        : `Your access to this document is "${found.level}".`,
    );
  }
  return { row: found.row, grants: [...found.grants], level: found.level };
}

async function auditDenied(db: Kysely<Database>, subject: AccessSubject, id: string, need: string, had: string, ip?: string) {
  await recordAudit(db, {
    actorUserId: subject.userId,
    action: 'access.denied',
    objectType: 'document',
    objectId: id,
    details: { need, had },
    ip,
  });
}
