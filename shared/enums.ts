/**
 * The closed sets of values the database, the API, the web client and the bot agree on. Each is
 * one list; its type is derived from it, so db/schema.ts, the zod schemas (shared/api/schemas), the
 * client's api/types.ts and the bot all change together when a value is added.
 */
export const LOCALES = ['fr', 'ar', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const ROLES = ['admin', 'member'] as const;
export type Role = (typeof ROLES)[number];

export const ORGANISATION_KINDS = ['ministry', 'public_body', 'country', 'international_org'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const DOCUMENT_KINDS = ['action_plan', 'cooperation_proposal', 'study', 'minutes', 'note'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const FRAMEWORKS = ['bilateral', 'multilateral', 'south_south'] as const;
export type Framework = (typeof FRAMEWORKS)[number];

/** The workflow's statuses, in workflow order (shared/workflow.ts has the moves between them). */
export const DOCUMENT_STATUSES = ['draft', 'in_review', 'submitted', 'adopted', 'in_implementation', 'closed', 'returned'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

export const ACCESS_LEVELS = ['edit', 'comment', 'view'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

export const COMMISSION_KINDS = ['interministerial', 'technical', 'bilateral'] as const;
export type CommissionKind = (typeof COMMISSION_KINDS)[number];

export const SESSION_STATES = ['planned', 'live', 'closed'] as const;
export type SessionState = (typeof SESSION_STATES)[number];

export const DECISIONS = ['adopted', 'adopted_with_changes', 'returned', 'postponed'] as const;
export type Decision = (typeof DECISIONS)[number];

export const SUGGESTION_STATUSES = ['open', 'accepted', 'rejected', 'withdrawn'] as const;
export type SuggestionStatus = (typeof SUGGESTION_STATUSES)[number];

export const CYCLE_STATUSES = ['open', 'closed'] as const;
export type CycleStatus = (typeof CYCLE_STATUSES)[number];

export const REPORT_STATES = ['not_started', 'draft', 'submitted', 'returned', 'accepted'] as const;
export type ReportState = (typeof REPORT_STATES)[number];

export { MEASURE_STATUSES, type Currency, type MeasureStatus } from './measure-model.ts';
