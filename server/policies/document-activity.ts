import type { AccessLevel } from '../../db/schema.ts';
import { canEdit, canManageDocument } from './document-access.ts';
import { allow, hide, refuse, when, type Policy } from './policy.ts';

/**
 * The activity of one document, read from the audit log. Anyone who can view the document reads
 * what happened to it (status, versions, suggestions decided); who was granted access is for
 * those who manage its access. Refusals, sign-ins and addresses are never part of it.
 */
export type DocumentActivityAction = 'read' | 'read_access_changes';

export interface DocumentActivityFacts {
  level: AccessLevel | null;
  leadOrganisationId: string;
}

export const documentActivityPolicy: Policy<DocumentActivityAction, DocumentActivityFacts> = {
  objectType: 'document',
  label: 'Document',
  decide(actor, action, { level, leadOrganisationId }) {
    if (!level) return hide({ need: `activity:${action}`, had: 'no_access' });
    switch (action) {
      case 'read':
        return allow;
      case 'read_access_changes':
        return when(canEdit(level) && canManageDocument(actor, { leadOrganisationId }), () =>
          refuse('Only those who manage this document see its access changes.', { need: action }),
        );
    }
  },
};

/** What everyone who can view the document reads of its history. */
export const DOCUMENT_ACTIVITY_ACTIONS = [
  'document.created',
  'document.updated',
  'document.status_changed',
  'document.archived',
  'document.restored',
  'document.version_restored',
  'version.created',
  'suggestion.accepted',
  'suggestion.rejected',
] as const;

/** Added for those who manage its access. */
export const ACCESS_ACTIVITY_ACTIONS = ['document.access_granted', 'document.access_changed', 'document.access_revoked'] as const;
