import { hide, when, type Policy } from './policy.ts';

/**
 * Who may read the audit log: administrators of the coordination unit only. Everyone else is told
 * the log does not exist (404, "Resource not found."), so its address reveals nothing.
 */
export const auditPolicy: Policy<'read', null> = {
  objectType: 'audit_log',
  label: 'Resource',
  decide: (actor) => when(actor.role === 'admin', () => hide({ reason: 'admin_only' })),
};
