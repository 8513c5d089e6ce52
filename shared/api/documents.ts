/** Documents, their grants, access overview and activity as the API presents them (server/presenters/document.ts). */
import type { AccessLevel, DocumentKind, DocumentStatus, Framework, Locale } from '../enums.ts';

export interface TansiqDocument {
  id: string;
  kind: DocumentKind;
  title: string;
  status: DocumentStatus;
  returnReason: string | null;
  leadOrganisationId: string;
  partnerOrganisationIds: string[];
  framework: Framework | null;
  /** the language it is written in (templates, direction) */
  language: Locale;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  archivedAt: string | null;
  wordCount: number;
  measureCount: number;
  lastEditedBy: string | null;
  lastEditedAt: string | null;
  /** my access to it */
  access: AccessLevel;
  availableTransitions?: DocumentStatus[];
  /** I may reopen it (coordination unit; adopted or closed) */
  canReopen?: boolean;
}

export interface Grant {
  id: string;
  documentId: string;
  organisationId: string | null;
  userId: string | null;
  level: AccessLevel;
  createdBy: string | null;
  createdAt: string;
}

/** Who has access to a document (GET /api/documents/:id/access/overview; lead organisation and admins only). */
export interface AccessOverview {
  leadOrganisationId: string;
  grants: Array<{
    id: string;
    organisationId: string | null;
    person: { id: string; name: string | null; organisationId: string | null } | null;
    level: AccessLevel;
    grantedBy: { id: string; name: string | null } | null;
    grantedAt: string;
  }>;
  requests: Array<{ id: string; person: { id: string; name: string; organisationId: string }; message: string | null; requestedAt: string }>;
}

/** A document's history from the audit log (GET /api/documents/:id/activity; server/domain/document-activity.ts). */
export interface ActivityEntry {
  id: number;
  at: string;
  action: string;
  actor: { id: string; name: string; organisationId: string | null } | null;
  /** only what a reader of the document may see, per action */
  details: {
    from?: DocumentStatus;
    to?: DocumentStatus;
    reason?: string | null;
    name?: string;
    fields?: string[];
    organisationId?: string | null;
    userId?: string | null;
    level?: AccessLevel;
    previousLevel?: AccessLevel | null;
    authorId?: string;
  };
}

export interface ActivityPage {
  entries: ActivityEntry[];
  nextCursor: number | null;
}
