/**
 * Every action the audit log records: the server writes them, the audit screen filters on them
 * and names them in the reader's language (client/src/i18n/areas/audit-actions.ts).
 */
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
  'document.reopened',
  'document.access_requested',
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
  'slack.unlinked',
  'slack.subscription_removed',
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
  'cycle.reminded',
  'cycle_report.saved',
  'cycle_report.submitted',
  'cycle_report.returned',
  'cycle_report.accepted',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * Every kind of object an audit entry is about (its `objectType`): the policies' object types and
 * what the commands record. Named in the reader's language on the audit screen when the object
 * has no title of its own (client/src/i18n/areas/audit-actions.ts).
 */
export const AUDIT_OBJECT_TYPES = [
  'api_token',
  'audit_log',
  'comment',
  'commission',
  'cycle_report',
  'document',
  'organisation',
  'reporting_cycle',
  'session',
  'slack_subscription',
  'suggestion',
  'user',
  'user_preference',
  'workspace_settings',
] as const;

export type AuditObjectType = (typeof AUDIT_OBJECT_TYPES)[number];
