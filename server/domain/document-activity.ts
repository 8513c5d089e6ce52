import type { ActivityEntry } from '../../shared/api/documents.ts';

/**
 * One audit entry as a document's activity shows it: only the details a reader of the document
 * may see, chosen per action (never the address, never the full stored details). Pure.
 */
export interface ActivityRow {
  id: number;
  at: Date;
  action: string;
  details: Record<string, unknown>;
  actor_user_id: string | null;
  actor_name: string | null;
  actor_organisation_id: string | null;
}

const pick = (details: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> =>
  Object.fromEntries(keys.filter((key) => key in details).map((key) => [key, details[key]]));

function visibleDetails(action: string, details: Record<string, unknown>): Record<string, unknown> {
  switch (action) {
    case 'document.status_changed':
      return pick(details, ['from', 'to', 'reason']);
    case 'document.updated':
      // Which fields changed, not their values (a title change is already visible in the title).
      return { fields: details.changes && typeof details.changes === 'object' ? Object.keys(details.changes) : [] };
    case 'document.version_restored':
    case 'version.created':
      return pick(details, ['name']);
    case 'document.access_granted':
    case 'document.access_changed':
    case 'document.access_revoked':
      return pick(details, ['organisationId', 'userId', 'level', 'previousLevel']);
    case 'suggestion.accepted':
    case 'suggestion.rejected':
      return pick(details, ['authorId']);
    default:
      return {};
  }
}

export function presentActivity(row: ActivityRow): ActivityEntry {
  return {
    id: row.id,
    at: row.at.toISOString(),
    action: row.action,
    actor: row.actor_user_id ? { id: row.actor_user_id, name: row.actor_name ?? '', organisationId: row.actor_organisation_id } : null,
    // chosen per action above: the fields ActivityEntry names for it
    details: visibleDetails(row.action, row.details ?? {}) as ActivityEntry['details'],
  };
}

export type PresentedActivity = ActivityEntry;
