import { neutraliseFormula } from '../export/measures-sheet.ts';
import type { AuditListRow } from '../queries/audit.ts';
import type { AuditEntry } from '../../shared/api/audit.ts';

export function presentAuditEntry(row: AuditListRow): AuditEntry {
  return {
    id: String(row.id),
    at: row.at.toISOString(),
    action: row.action,
    actor: row.actor_user_id ? { id: row.actor_user_id, name: row.actor_name, email: row.actor_email } : null,
    organisation: row.organisation_id
      ? { id: row.organisation_id, code: row.organisation_code, names: { fr: row.organisation_name_fr, ar: row.organisation_name_ar, en: row.organisation_name_en } }
      : null,
    object: row.object_type ? { type: row.object_type, id: row.object_id, title: row.document_title } : null,
    details: row.details,
    ip: row.ip,
  };
}

export const AUDIT_CSV_COLUMNS = ['id', 'at', 'action', 'actor_id', 'actor_name', 'actor_email', 'organisation_code', 'object_type', 'object_id', 'object_title', 'ip', 'details'];

export function auditCsvRow(row: AuditListRow): string {
  return [
    String(row.id),
    row.at.toISOString(),
    row.action,
    row.actor_user_id,
    row.actor_name,
    row.actor_email,
    row.organisation_code,
    row.object_type,
    row.object_id,
    row.document_title,
    row.ip,
    JSON.stringify(row.details ?? {}),
  ]
    .map(csvCell)
    .join(',');
}

/** One CSV cell: user-typed text that a spreadsheet would run as a formula is neutralised first. */
export function csvCell(value: string | null | undefined): string {
  const cell = neutraliseFormula(value ?? '');
  return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}
