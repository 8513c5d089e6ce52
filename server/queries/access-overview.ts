import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { authorize } from '../policies/authorize.ts';
import type { AccessSubject } from '../policies/document-access.ts';
import { documentPolicy } from '../policies/document.ts';
import { requireDocument } from './document-guard.ts';
import type { AccessOverview } from '../../shared/api/documents.ts';

/**
 * Who has access to a document, for those allowed to see it (policy `see_access`: its lead
 * organisation and the coordination unit): the lead (edit, by rule), each grant with who gave it,
 * and the open requests for access.
 */
export async function accessOverview(db: Kysely<Database>, subject: AccessSubject, documentId: string, ip?: string): Promise<AccessOverview> {
  const document = await requireDocument(db, subject, documentId, 'view', ip);
  await authorize({ db, ip }, subject, documentPolicy, 'see_access', {
    id: documentId,
    facts: { level: document.level, leadOrganisationId: document.row.lead_organisation_id },
  });
  const [grants, requests] = await Promise.all([
    db
      .selectFrom('document_access')
      .leftJoin('users as person', 'person.id', 'document_access.user_id')
      .leftJoin('users as granter', 'granter.id', 'document_access.created_by')
      .select([
        'document_access.id',
        'document_access.organisation_id',
        'document_access.user_id',
        'document_access.level',
        'document_access.created_at',
        'person.name as person_name',
        'person.organisation_id as person_organisation_id',
        'granter.id as granter_id',
        'granter.name as granter_name',
      ])
      .where('document_access.document_id', '=', documentId)
      .orderBy('document_access.created_at')
      .orderBy('document_access.id')
      .execute(),
    db
      .selectFrom('access_requests')
      .innerJoin('users', 'users.id', 'access_requests.user_id')
      .select(['access_requests.id', 'access_requests.user_id', 'users.name', 'users.organisation_id', 'access_requests.message', 'access_requests.created_at'])
      .where('access_requests.document_id', '=', documentId)
      .orderBy('access_requests.created_at', 'desc')
      .execute(),
  ]);
  return {
    leadOrganisationId: document.row.lead_organisation_id,
    grants: grants.map((row) => ({
      id: row.id,
      organisationId: row.organisation_id,
      person: row.user_id ? { id: row.user_id, name: row.person_name, organisationId: row.person_organisation_id } : null,
      level: row.level,
      grantedBy: row.granter_id ? { id: row.granter_id, name: row.granter_name } : null,
      grantedAt: row.created_at.toISOString(),
    })),
    requests: requests.map((row) => ({
      id: row.id,
      person: { id: row.user_id, name: row.name, organisationId: row.organisation_id },
      message: row.message,
      requestedAt: row.created_at.toISOString(),
    })),
  };
}
