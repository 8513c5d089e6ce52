import type { Role } from '../../db/schema.ts';

/**
 * Who may read the audit log: administrators of the coordination unit only. Everyone else is told
 * the log does not exist (404), so its address reveals nothing.
 *
 * TODO(rights): when server/policies/authorize.ts lands on main, register this policy there
 * instead of calling it directly from the route.
 */
export function canReadAudit(subject: { role: Role } | null | undefined): boolean {
  return subject?.role === 'admin';
}
