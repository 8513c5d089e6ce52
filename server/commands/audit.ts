import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

/** Every action the log records; the audit screen offers them as a filter. */
export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'access.denied',
  'comment.deleted',
  'organisation.created',
  'organisation.updated',
  'user.created',
  'user.updated',
  'user.disabled',
  'user.enabled',
  'user.password_changed',
  'token.created',
  'token.revoked',
  'document.created',
  'document.updated',
  'document.status_changed',
  'document.archived',
  'document.restored',
  'document.access_granted',
  'document.access_changed',
  'document.access_revoked',
  'document.version_restored',
  'commission.created',
  'commission.updated',
  'session.created',
  'session.updated',
  'session.agenda_changed',
  'session.started',
  'session.item_changed',
  'session.decision_recorded',
  'session.closed',
  'version.created',
  'slack.linked',
  'document.exported',
  'document.imported',
  'measures.exported',
  'measures.imported',
  'settings.logo_changed',
  'report.exported',
  'suggestion.accepted',
  'suggestion.rejected',
  'cycle.opened',
  'cycle.closed',
  'cycle_report.saved',
  'cycle_report.submitted',
  'cycle_report.returned',
  'cycle_report.accepted',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  actorUserId: string | null;
  action: AuditAction;
  objectType?: string;
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
