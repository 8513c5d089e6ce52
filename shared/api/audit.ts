/** The audit log as GET /api/audit presents it (server/presenters/audit.ts). */
import type { Locale } from '../enums.ts';

export interface AuditEntry {
  id: string;
  at: string;
  action: string;
  actor: { id: string; name: string | null; email: string | null } | null;
  organisation: { id: string; code: string | null; names: Record<Locale, string | null> } | null;
  object: { type: string; id: string | null; title: string | null } | null;
  details: Record<string, unknown>;
  ip: string | null;
}

export interface AuditPage {
  entries: AuditEntry[];
  nextCursor: string | null;
}
