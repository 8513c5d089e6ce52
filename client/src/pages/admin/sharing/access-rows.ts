import type { AccessOverview } from '../../../api/endpoints.ts';
import type { AccessLevel, Grant } from '../../../api/types.ts';

/** One line of "who has access": an organisation or a person, the level, and who gave it. */
export interface AccessRow {
  id: string;
  target: { organisationId: string } | { userId: string };
  kind: 'organisation' | 'person';
  organisationId: string | null;
  personName: string | null;
  level: AccessLevel;
  grantedBy: string | null;
  grantedAt: string;
}

/**
 * The grants as rows: from the overview when the reader may see it (it names who granted each),
 * else from the plain grants. Organisations first, then people, each by name.
 */
export function accessRows(
  grants: readonly Grant[],
  overview: AccessOverview | null | undefined,
  names: { person: (id: string | null) => string | null; organisation: (id: string | null) => string },
): AccessRow[] {
  const rows: AccessRow[] = overview
    ? overview.grants.map((grant) => ({
        id: grant.id,
        target: grant.person ? { userId: grant.person.id } : { organisationId: grant.organisationId! },
        kind: grant.person ? 'person' : 'organisation',
        organisationId: grant.person ? grant.person.organisationId : grant.organisationId,
        personName: grant.person ? (grant.person.name ?? names.person(grant.person.id)) : null,
        level: grant.level,
        grantedBy: grant.grantedBy?.name ?? null,
        grantedAt: grant.grantedAt,
      }))
    : grants.map((grant) => ({
        id: grant.id,
        target: grant.userId ? { userId: grant.userId } : { organisationId: grant.organisationId! },
        kind: grant.userId ? 'person' : 'organisation',
        organisationId: grant.organisationId,
        personName: grant.userId ? names.person(grant.userId) : null,
        level: grant.level,
        grantedBy: null,
        grantedAt: grant.createdAt,
      }));
  const label = (row: AccessRow) => row.personName ?? names.organisation(row.organisationId);
  return rows.sort((a, b) => (a.kind === b.kind ? label(a).localeCompare(label(b)) : a.kind === 'organisation' ? -1 : 1));
}
