import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Database row types. Migrations are the source of truth; these mirror them. */

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;

export type OrganisationKind = 'ministry' | 'public_body' | 'country' | 'international_org';
export type Role = 'admin' | 'member';
export type Locale = 'fr' | 'ar' | 'en';
export type DocumentKind = 'action_plan' | 'cooperation_proposal' | 'study' | 'minutes' | 'note';
export type Framework = 'bilateral' | 'multilateral' | 'south_south';
export type DocumentStatus =
  | 'draft'
  | 'in_review'
  | 'submitted'
  | 'adopted'
  | 'in_implementation'
  | 'closed'
  | 'returned';
export type AccessLevel = 'edit' | 'comment' | 'view';

export interface OrganisationsTable {
  id: Generated<string>;
  code: string;
  kind: OrganisationKind;
  name_fr: string;
  name_ar: string;
  name_en: string;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface UsersTable {
  id: Generated<string>;
  email: string;
  name: string;
  organisation_id: string;
  role: Role;
  locale: Locale;
  password_hash: string | null;
  disabled_at: Date | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface SessionsTable {
  /** sha256 of the cookie value; the cookie itself is never stored. */
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: CreatedAt;
  expires_at: Date;
  last_seen_at: UpdatedAt;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  token_hash: string;
  /** first characters of the token, so people can recognise it in a list */
  prefix: string;
  created_at: CreatedAt;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface DocumentsTable {
  id: Generated<string>;
  kind: DocumentKind;
  title: string;
  lead_organisation_id: string;
  framework: Framework | null;
  status: DocumentStatus;
  return_reason: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  archived_at: Date | null;
  /** plain text of the live body, written by the projection */
  body_text: Generated<string>;
  word_count: Generated<number>;
  measure_count: Generated<number>;
  last_edited_by: string | null;
  last_edited_at: Date | null;
}

export interface DocumentPartnersTable {
  document_id: string;
  organisation_id: string;
}

export interface DocumentAccessTable {
  id: Generated<string>;
  document_id: string;
  organisation_id: string | null;
  user_id: string | null;
  level: AccessLevel;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface DocUpdatesTable {
  id: Generated<number>;
  document_id: string;
  data: Uint8Array;
  created_at: CreatedAt;
}

export interface DocSnapshotsTable {
  document_id: string;
  state: Uint8Array;
  /** highest doc_updates.id merged into `state` */
  last_update_id: number;
  /** how many log entries have been merged into `state` over time */
  update_count: Generated<number>;
  updated_at: UpdatedAt;
}

export interface MeasuresTable {
  document_id: string;
  id: string;
  position: number;
  title: string;
  lead_organisation_id: string | null;
  partner_organisation_ids: string[];
  start_date: string | null;
  due_date: string | null;
  status: 'planned' | 'in_progress' | 'done' | 'blocked' | 'cancelled';
  progress: number;
  indicator: string;
  budget: string | number | null;
  updated_at: UpdatedAt;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: CreatedAt;
  actor_user_id: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  details: ColumnType<Record<string, unknown>, string | Record<string, unknown>, never>;
  ip: string | null;
}

export interface Database {
  organisations: OrganisationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  documents: DocumentsTable;
  document_partners: DocumentPartnersTable;
  document_access: DocumentAccessTable;
  doc_updates: DocUpdatesTable;
  doc_snapshots: DocSnapshotsTable;
  audit_log: AuditLogTable;
  measures: MeasuresTable;
}

export type OrganisationRow = Selectable<OrganisationsTable>;
export type UserRow = Selectable<UsersTable>;
export type DocumentRow = Selectable<DocumentsTable>;
export type DocumentAccessRow = Selectable<DocumentAccessTable>;
export type ApiTokenRow = Selectable<ApiTokensTable>;
export type NewDocument = Insertable<DocumentsTable>;
export type DocumentUpdate = Updateable<DocumentsTable>;
