import type { Kysely } from 'kysely';
import type { AccessLevel, Database, DocumentAccessRow, DocumentRow } from '../../db/schema.ts';
import type { AccessSubject } from '../policies/document-access.ts';
import { authorize } from '../policies/authorize.ts';
import { documentPolicy } from '../policies/document.ts';
import { findDocumentWithAccess } from './documents.ts';
import { notFound } from '../errors.ts';

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
export async function requireDocument(db: Kysely<Database>, subject: AccessSubject, id: string, need: DocumentNeed, ip?: string): Promise<GuardedDocument> {
  const found = await findDocumentWithAccess(db, subject, id);
  if (!found.exists) throw notFound('Document');
  const row = found.row;
  await authorize({ db, ip }, subject, documentPolicy, need, {
    id,
    facts: { level: found.level ?? null, leadOrganisationId: row?.lead_organisation_id ?? '' },
  });
  return { row: row!, grants: [...found.grants!], level: found.level! };
}
