import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { presentActivity, type ActivityRow, type PresentedActivity } from '../domain/document-activity.ts';
import { notFound } from '../errors.ts';
import { authorize } from '../policies/authorize.ts';
import type { AccessSubject } from '../policies/document-access.ts';
import { ACCESS_ACTIVITY_ACTIONS, DOCUMENT_ACTIVITY_ACTIONS, documentActivityPolicy } from '../policies/document-activity.ts';
import { findDocumentWithAccess } from './documents.ts';

/** Audit entries about one document with the given actions, newest first, paged by id. */
export function documentActivity(db: Kysely<Database>, documentId: string, actions: readonly string[], page: { before?: number; limit: number }): Promise<ActivityRow[]> {
  let query = db
    .selectFrom('audit_log')
    .leftJoin('users as actor', 'actor.id', 'audit_log.actor_user_id')
    .select([
      'audit_log.id',
      'audit_log.at',
      'audit_log.action',
      'audit_log.details',
      'audit_log.actor_user_id',
      'actor.name as actor_name',
      'actor.organisation_id as actor_organisation_id',
    ])
    .where('audit_log.object_type', '=', 'document')
    .where('audit_log.object_id', '=', documentId)
    .where('audit_log.action', 'in', [...actions]);
  if (page.before !== undefined) query = query.where('audit_log.id', '<', page.before);
  return query.orderBy('audit_log.id', 'desc').limit(page.limit).execute();
}

export interface ActivityQuery {
  /** only these actions (within what the reader may see) */
  action?: string;
  before?: number;
  limit: number;
}

/** The activity of a document for someone who can view it: what they may see of it, newest first. */
export async function readDocumentActivity(
  db: Kysely<Database>,
  subject: AccessSubject,
  documentId: string,
  query: ActivityQuery,
  ip?: string,
): Promise<{ entries: PresentedActivity[]; nextCursor: number | null }> {
  const found = await findDocumentWithAccess(db, subject, documentId);
  if (!found.exists) throw notFound('Document');
  const facts = { level: found.level ?? null, leadOrganisationId: found.row?.lead_organisation_id ?? '' };
  await authorize({ db, ip }, subject, documentActivityPolicy, 'read', { id: documentId, facts });
  const seesAccess = documentActivityPolicy.decide(subject, 'read_access_changes', facts).allowed;
  const visible: string[] = [...DOCUMENT_ACTIVITY_ACTIONS, ...(seesAccess ? ACCESS_ACTIVITY_ACTIONS : [])];
  const actions = query.action ? visible.filter((action) => action === query.action) : visible;
  if (actions.length === 0) return { entries: [], nextCursor: null };
  const rows = await documentActivity(db, documentId, actions, { before: query.before, limit: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  return { entries: page.map(presentActivity), nextCursor: rows.length > query.limit ? page[page.length - 1]!.id : null };
}
