import { sql, type ExpressionBuilder, type SelectQueryBuilder } from 'kysely';
import type { AccessLevel, Database } from '../../db/schema.ts';
import { canComment, canEdit, canManageDocument, type AccessSubject } from './document-access.ts';
import { allow, hide, refuse, when, type Policy } from './policy.ts';

/**
 * Documents. The level a person holds (`documentAccess` in document-access.ts, and `visibleTo`
 * in queries/documents.ts, its SQL mirror for lists) decides what they may do with it.
 */
export type DocumentAction = 'view' | 'comment' | 'edit' | 'manage' | 'archive' | 'change_lead' | 'reopen' | 'see_access';

export interface DocumentFacts {
  /** the actor's level on it; null when it does not exist for them */
  level: AccessLevel | null;
  leadOrganisationId: string;
}

export const documentPolicy: Policy<DocumentAction, DocumentFacts> = {
  objectType: 'document',
  label: 'Document',
  decide(actor, action, { level, leadOrganisationId }) {
    if (!level) return hide({ need: action, had: 'no_access' });
    const levelRefusal = () => refuse(`Your access to this document is "${level}".`, { need: action, had: level });
    switch (action) {
      case 'view':
        return allow;
      case 'comment':
        return when(canComment(level), levelRefusal);
      case 'edit':
        return when(canEdit(level), levelRefusal);
      case 'manage':
        return when(canEdit(level) && canManageDocument(actor, { leadOrganisationId }), () =>
          refuse('Only the lead organisation and the coordination unit manage this document.', { need: action, had: level }),
        );
      case 'archive':
        return when(canManageDocument(actor, { leadOrganisationId }), () => refuse('Only the lead organisation and the coordination unit archive a document.', { need: action }));
      case 'change_lead':
        return when(actor.role === 'admin', () => refuse('Only the coordination unit changes the lead organisation of a document.', { need: action }));
      case 'reopen':
        // Undoing an adoption or a closure is the coordination unit's call, never the lead's alone.
        return when(actor.role === 'admin', () => refuse('Only the coordination unit reopens an adopted or closed document.', { need: action }));
      case 'see_access':
        // Who can read a document is shown to those who could change it: its lead and the coordination unit.
        return when(canManageDocument(actor, { leadOrganisationId }), () =>
          refuse('Only the lead organisation and the coordination unit see who has access to this document.', { need: action }),
        );
    }
  },
};

/** Creating a document for a lead organisation: one's own, or any for the coordination unit. */
export const documentCreationPolicy: Policy<'create_document', { leadOrganisationId: string }> = {
  objectType: 'organisation',
  label: 'Organisation',
  decide: (actor: AccessSubject, action, { leadOrganisationId }) =>
    when(actor.role === 'admin' || leadOrganisationId === actor.organisationId, () => refuse('You can only create documents led by your own organisation.', { need: action })),
};

/**
 * Restricts a documents query to what `subject` may see, mirroring `documentAccess` (the "view" above) in SQL so
 * lists never load what they would then hide.
 */
export function visibleTo<O>(query: SelectQueryBuilder<Database, 'documents', O>, subject: AccessSubject) {
  if (subject.role === 'admin') return query;
  return query.where((eb) => ledOrGranted(eb, subject));
}

/**
 * Restricts a documents query to what `subject` may edit, mirroring `documentAccess`'s "edit" in
 * SQL: admins everything, the lead organisation its documents, others an edit grant to them or
 * their organisation; archived documents are read-only for all but admins.
 */
export function editableBy<O>(query: SelectQueryBuilder<Database, 'documents', O>, subject: AccessSubject) {
  if (subject.role === 'admin') return query;
  return query.where('documents.archived_at', 'is', null).where((eb) => ledOrGranted(eb, subject, 'edit'));
}

/** The document is led by the subject's organisation, or a grant (at `level`, if given) names the subject or their organisation. */
function ledOrGranted(eb: ExpressionBuilder<Database, 'documents'>, subject: AccessSubject, level?: AccessLevel) {
  return eb.or([
    eb('documents.lead_organisation_id', '=', subject.organisationId),
    eb.exists(
      eb
        .selectFrom('document_access')
        .select(sql`1`.as('one'))
        .whereRef('document_access.document_id', '=', 'documents.id')
        .$if(level !== undefined, (grants) => grants.where('document_access.level', '=', level!))
        .where((inner) => inner.or([inner('document_access.organisation_id', '=', subject.organisationId), inner('document_access.user_id', '=', subject.userId)])),
    ),
  ]);
}
