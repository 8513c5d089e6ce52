/** What the HTTP API answers (server/presenters/*.ts), as the client sees it. */
import type { MeasureFields, MeasureStatus } from '../../../shared/doc-schema.ts';

export {
  ACCESS_LEVELS,
  DOCUMENT_KINDS,
  DOCUMENT_STATUSES,
  FRAMEWORKS,
  LOCALES,
  ORGANISATION_KINDS,
  type AccessLevel,
  type DocumentKind,
  type DocumentStatus,
  type Framework,
  type Locale,
  type OrganisationKind,
  type Role,
} from '../../../shared/enums.ts';
import type { AccessLevel, DocumentKind, DocumentStatus, Framework, Locale, OrganisationKind, Role } from '../../../shared/enums.ts';

export interface Organisation {
  id: string;
  code: string;
  kind: OrganisationKind;
  names: Record<Locale, string>;
  createdAt: string;
  updatedAt: string;
}

export interface User {
  id: string;
  name: string;
  organisationId: string;
  role: Role;
  locale: Locale;
  /** only for admins and oneself */
  email?: string;
  disabled?: boolean;
  invited?: boolean;
  createdAt?: string;
}

export interface SessionInfo {
  user: User;
  organisation: Organisation;
  csrfToken: string | null;
}

export interface TansiqDocument {
  id: string;
  kind: DocumentKind;
  title: string;
  status: DocumentStatus;
  returnReason: string | null;
  leadOrganisationId: string;
  partnerOrganisationIds: string[];
  framework: Framework | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  wordCount: number;
  measureCount: number;
  lastEditedBy: string | null;
  lastEditedAt: string | null;
  access: AccessLevel;
  availableTransitions?: DocumentStatus[];
  /** I may reopen it (coordination unit; adopted or closed) */
  canReopen?: boolean;
  /** the language it is written in (templates, direction) */
  language: Locale;
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

export interface ApiToken {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export type { MeasureStatus } from '../../../shared/doc-schema.ts';

/** A row of GET /api/measures (the SQL projection of the measures of all visible action plans). */
export interface MeasureSummary extends MeasureFields {
  documentId: string;
  documentTitle: string;
  overdue: boolean;
}

export interface OrganisationProgress {
  organisationId: string;
  measures: Record<MeasureStatus, number>;
  overdue: number;
  documents: number;
}

export { AUDIT_ACTIONS } from '../../../shared/audit-actions.ts';

export interface AuditEntry {
  id: string;
  at: string;
  action: string;
  actor: { id: string; name: string | null; email: string | null } | null;
  organisation: { id: string; code: string; names: Record<Locale, string> } | null;
  object: { type: string; id: string | null; title: string | null } | null;
  details: Record<string, unknown>;
  ip: string | null;
}
