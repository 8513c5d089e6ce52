/** What the HTTP API answers, as the client sees it: the types are the server's, from shared/api. */
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
  type MeasureStatus,
  type OrganisationKind,
  type Role,
} from '../../../shared/enums.ts';
export { AUDIT_ACTIONS } from '../../../shared/audit-actions.ts';
export type { AuditEntry } from '../../../shared/api/audit.ts';
export type { Grant, TansiqDocument } from '../../../shared/api/documents.ts';
export type { MeasureSummary, OrganisationProgress } from '../../../shared/api/measures.ts';
export type { Organisation } from '../../../shared/api/organisations.ts';
export type { User } from '../../../shared/api/users.ts';
