import type { AccessLevel, Role } from '../../db/schema.ts';

/**
 * The one permission policy for documents, used by HTTP routes, the sync endpoint, socket.io and
 * the Slack bot. Pure: give it the facts, it gives the decision.
 */

export interface AccessSubject {
  userId: string;
  organisationId: string;
  role: Role;
}

export interface AccessGrant {
  organisationId: string | null;
  userId: string | null;
  level: AccessLevel;
}

export interface DocumentAccessFacts {
  leadOrganisationId: string;
  archived: boolean;
  grants: readonly AccessGrant[];
}

const RANK: Record<AccessLevel, number> = { view: 1, comment: 2, edit: 3 };

export function strongest(levels: Iterable<AccessLevel | null>): AccessLevel | null {
  let best: AccessLevel | null = null;
  for (const level of levels) if (level && (!best || RANK[level] > RANK[best])) best = level;
  return best;
}

/**
 * What a person may do with a document: admins (the coordination unit) edit everything, the lead
 * organisation edits its own documents, others get the strongest of the grants to their
 * organisation and to themselves. An archived document is read-only for everyone but admins.
 * `null` means the document does not exist for them.
 */
export function documentAccess(subject: AccessSubject, facts: DocumentAccessFacts): AccessLevel | null {
  if (subject.role === 'admin') return 'edit';
  const level = strongest([
    facts.leadOrganisationId === subject.organisationId ? 'edit' : null,
    ...facts.grants.filter((grant) => grant.userId === subject.userId || grant.organisationId === subject.organisationId).map((grant) => grant.level),
  ]);
  if (level && facts.archived) return 'view';
  return level;
}

export const canView = (level: AccessLevel | null): boolean => level !== null;
export const canComment = (level: AccessLevel | null): boolean => level === 'edit' || level === 'comment';
export const canEdit = (level: AccessLevel | null): boolean => level === 'edit';

/** Who may change grants, archive or restore: admins and editors from the lead organisation. */
export function canManageDocument(subject: AccessSubject, facts: Pick<DocumentAccessFacts, 'leadOrganisationId'>): boolean {
  return subject.role === 'admin' || subject.organisationId === facts.leadOrganisationId;
}
