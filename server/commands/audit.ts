import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { AuditAction, AuditObjectType } from '../../shared/audit-actions.ts';

export type { AuditAction };

export interface AuditEntry {
  actorUserId: string | null;
  action: AuditAction;
  objectType?: AuditObjectType;
  objectId?: string;
  details?: Record<string, unknown>;
  ip?: string | null;
}

/** Writes one audit entry; pass the transaction of the change it records so both land or neither. */
export async function recordAudit(db: Kysely<Database>, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_user_id: entry.actorUserId,
      action: entry.action,
      object_type: entry.objectType ?? null,
      object_id: entry.objectId ?? null,
      details: JSON.stringify(entry.details ?? {}),
      ip: entry.ip ?? null,
    })
    .execute();
}
