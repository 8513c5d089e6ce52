import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ActivityRow } from '../domain/document-activity.ts';

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
