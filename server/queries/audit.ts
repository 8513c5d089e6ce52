import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { AuditFilter } from '../../shared/api/schemas/audit.ts';

export interface AuditListRow {
  id: number;
  at: Date;
  action: string;
  object_type: string | null;
  object_id: string | null;
  details: Record<string, unknown>;
  ip: string | null;
  actor_user_id: string | null;
  actor_name: string | null;
  actor_email: string | null;
  organisation_id: string | null;
  organisation_code: string | null;
  organisation_name_fr: string | null;
  organisation_name_ar: string | null;
  organisation_name_en: string | null;
  document_title: string | null;
}

/**
 * The filtered log, newest first. The order is by id (a bigserial, so the insertion order): it is
 * total and stable, and `before` (the last id seen) pages without skipping or repeating entries
 * written meanwhile, which an offset would.
 *
 * - organisation: entries by a person of that organisation, and entries about the organisation;
 * - document: entries about the document, and entries about something in it (a comment, a
 *   decision) that name it in their details.
 */
export function auditEntries(db: Kysely<Database>, filter: AuditFilter, page: { before?: number; limit: number }) {
  let query = db
    .selectFrom('audit_log')
    .leftJoin('users as actor', 'actor.id', 'audit_log.actor_user_id')
    .leftJoin('organisations as org', 'org.id', 'actor.organisation_id')
    .leftJoin('documents as doc', (join) => join.on(sql<boolean>`audit_log.object_type = 'document' and doc.id::text = audit_log.object_id`))
    .select([
      'audit_log.id',
      'audit_log.at',
      'audit_log.action',
      'audit_log.object_type',
      'audit_log.object_id',
      'audit_log.details',
      'audit_log.ip',
      'audit_log.actor_user_id',
      'actor.name as actor_name',
      'actor.email as actor_email',
      'org.id as organisation_id',
      'org.code as organisation_code',
      'org.name_fr as organisation_name_fr',
      'org.name_ar as organisation_name_ar',
      'org.name_en as organisation_name_en',
      'doc.title as document_title',
    ]);
  if (filter.actor) query = query.where('audit_log.actor_user_id', '=', filter.actor);
  if (filter.action) query = query.where('audit_log.action', '=', filter.action);
  if (filter.from) query = query.where('audit_log.at', '>=', filter.from);
  if (filter.to) query = query.where('audit_log.at', '<', filter.to);
  const organisation = filter.organisation;
  if (organisation) {
    query = query.where((eb) =>
      eb.or([eb('actor.organisation_id', '=', organisation), eb.and([eb('audit_log.object_type', '=', 'organisation'), eb('audit_log.object_id', '=', organisation)])]),
    );
  }
  const document = filter.document;
  if (document) {
    query = query.where((eb) =>
      eb.or([eb.and([eb('audit_log.object_type', '=', 'document'), eb('audit_log.object_id', '=', document)]), eb(sql<string>`audit_log.details->>'documentId'`, '=', document)]),
    );
  }
  if (page.before) query = query.where('audit_log.id', '<', page.before);
  return query.orderBy('audit_log.id', 'desc').limit(page.limit).execute() as Promise<AuditListRow[]>;
}

/** One page plus the cursor of the next one (null on the last page). */
export async function auditPage(db: Kysely<Database>, filter: AuditFilter, page: { before?: number; limit: number }) {
  const rows = await auditEntries(db, filter, { ...page, limit: page.limit + 1 });
  const more = rows.length > page.limit;
  const entries = more ? rows.slice(0, page.limit) : rows;
  return { entries, nextCursor: more ? Number(entries.at(-1)!.id) : null };
}

/** The whole filtered set in batches, for the CSV export, stopping after `max` rows. */
export async function* eachAuditEntry(db: Kysely<Database>, filter: AuditFilter, max: number, batch = 500): AsyncGenerator<AuditListRow> {
  let before: number | undefined;
  let left = max;
  while (left > 0) {
    const rows = await auditEntries(db, filter, { before, limit: Math.min(batch, left) });
    for (const row of rows) yield row;
    if (rows.length < Math.min(batch, left)) return;
    left -= rows.length;
    before = Number(rows.at(-1)!.id);
  }
}

/** Deletes entries written before `cutoff`; returns how many. */
export async function deleteAuditBefore(db: Kysely<Database>, cutoff: Date): Promise<number> {
  const result = await db.deleteFrom('audit_log').where('at', '<', cutoff).executeTakeFirst();
  return Number(result.numDeletedRows);
}
