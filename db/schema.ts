import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type {
  AccessLevel,
  CommissionKind,
  Currency,
  CycleStatus,
  Decision,
  DocumentKind,
  DocumentStatus,
  Framework,
  Locale,
  MeasureStatus,
  OrganisationKind,
  ReportState,
  Role,
  SessionState,
  SuggestionStatus,
} from '../shared/enums.ts';
import type { CommentAnchor } from '../shared/api/comments.ts';
import type { SlackSubscriptionObject } from '../shared/api/slack.ts';
import type { SuggestionBlock, SuggestionKind, SuggestionMark } from '../shared/api/suggestions.ts';

/** Database row types. Migrations are the source of truth; these mirror them. */

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;

export type {
  AccessLevel,
  CommissionKind,
  CycleStatus,
  Decision,
  DocumentKind,
  DocumentStatus,
  Framework,
  Locale,
  OrganisationKind,
  ReportState,
  Role,
  SessionState,
  SuggestionStatus,
};

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

/** Sign-in attempts per key (`pair:`, `ip:`, `account:`), reserved before a password is hashed. */
export interface LoginThrottleTable {
  key: string;
  attempts: number;
  next_at: Date;
  updated_at: Date;
}

export interface ApiTokensTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  token_hash: string;
  /** first characters of the token, so people can recognise it in a list */
  prefix: string;
  created_at: CreatedAt;
  /** every token ends: 90 days unless chosen at creation, 365 at most */
  expires_at: Generated<Date>;
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
  /** the language it is written in: template headings, direction, dates of generated text */
  language: Generated<Locale>;
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
  /** zlib.crc32 of `state` as the compactor wrote it, as a signed 32-bit integer; null for snapshots written before (checked on load) */
  state_crc32: ColumnType<number | null, number | null | undefined, number | null>;
}

/** What a document's SQL projection reflects (see migration 2026_12_04_0301_projection_mark). */
export interface DocProjectionsTable {
  document_id: string;
  /** Yjs snapshot (state vector + delete set) of the document the projection was computed from */
  state: Uint8Array;
  projected_at: UpdatedAt;
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
  status: MeasureStatus;
  progress: number;
  indicator: string;
  budget: string | number | null;
  currency: ColumnType<Currency, Currency | undefined, Currency>;
  notes: ColumnType<string, string | undefined, string>;
  indicator_baseline: ColumnType<number | null, number | null | undefined, number | null>;
  indicator_target: ColumnType<number | null, number | null | undefined, number | null>;
  indicator_current: ColumnType<number | null, number | null | undefined, number | null>;
  indicator_unit: ColumnType<string, string | undefined, string>;
  updated_at: UpdatedAt;
}

/** A follow-up cycle (issue 19): a reporting period over some plans; dates are YYYY-MM-DD. */
export interface ReportingCyclesTable {
  id: Generated<string>;
  period: string;
  commission_id: string | null;
  document_kinds: ColumnType<DocumentKind[], DocumentKind[] | undefined, DocumentKind[]>;
  document_ids: ColumnType<string[], string[] | undefined, string[]>;
  opens_on: string;
  due_on: string;
  /** days relative to due_on on which reminders go out: -3 is three days before, 2 two days after */
  reminder_days: ColumnType<number[], number[] | undefined, number[]>;
  status: ColumnType<CycleStatus, CycleStatus | undefined, CycleStatus>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  closed_at: Date | null;
}

/** One measure's report in a cycle, addressed to its lead organisation; values as of the period. */
export interface CycleReportsTable {
  id: Generated<string>;
  cycle_id: string;
  document_id: string;
  measure_id: string;
  measure_title: string;
  lead_organisation_id: string | null;
  partner_organisation_ids: ColumnType<string[], string[] | undefined, string[]>;
  indicator_baseline: number | null;
  indicator_target: number | null;
  indicator_unit: ColumnType<string, string | undefined, string>;
  state: ColumnType<ReportState, ReportState | undefined, ReportState>;
  measure_status: MeasuresTable['status'] | null;
  progress: number | null;
  indicator_current: number | null;
  narrative: ColumnType<string, string | undefined, string>;
  blockers: ColumnType<string, string | undefined, string>;
  support_requested: ColumnType<string, string | undefined, string>;
  submitted_by: string | null;
  submitted_at: Date | null;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  review_comment: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** A reminder of a cycle that went out (offset_days from the due date, as in reminder_days). */
export interface CycleRemindersTable {
  cycle_id: string;
  offset_days: number;
  sent_at: ColumnType<Date, Date | string | undefined, never>;
}

/** A consolidated document written at a cycle's close, one per commission (null: plans no commission covers). */
export interface CycleConsolidatedDocumentsTable {
  cycle_id: string;
  document_id: string;
  commission_id: string | null;
  created_at: CreatedAt;
}

/** Each change of a measure's current indicator value, by whom (the server's word, see indicator-history.ts). */
export interface MeasureIndicatorValuesTable {
  id: Generated<string>;
  document_id: string;
  measure_id: string;
  value: number | null;
  recorded_by: string | null;
  recorded_at: ColumnType<Date, Date | string | undefined, never>;
}

/** A measure's projected state from `recorded_at` on (see migration 2026_12_05_0460_measure_history). */
export interface MeasureHistoryTable {
  id: Generated<number>;
  document_id: string;
  measure_id: string;
  recorded_at: Date;
  /** the projected measure; null once it left the document */
  state: ColumnType<ProjectedMeasureState | null, string | null, string | null>;
}

export interface ProjectedMeasureState {
  id: string;
  position: number;
  title: string;
  leadOrganisationId: string | null;
  partnerOrganisationIds: string[];
  start: string | null;
  due: string | null;
  status: MeasureStatus;
  progress: number;
  indicator: string;
  indicatorBaseline: number | null;
  indicatorTarget: number | null;
  indicatorCurrent: number | null;
  indicatorUnit: string;
  budget: number | null;
  currency: Currency;
  notes: string;
}

/** Yjs client id → the user the server saw write under it, per document (null: contested, see writer-claims). */
export interface DocClientsTable {
  document_id: string;
  /** bigint in SQL (Yjs client ids are unsigned 32-bit), read back as a string by some drivers */
  client_id: ColumnType<string | number, number, never>;
  user_id: string | null;
  contested: ColumnType<boolean, boolean | undefined, boolean>;
  first_seen: ColumnType<Date, Date | string | undefined, never>;
}

/** Who deleted which Yjs items of a document: ranges of item ids, recorded by the server (see migration 0300). */
export interface DocDeletersTable {
  id: Generated<string>;
  document_id: string;
  client_id: ColumnType<string | number, number, never>;
  clock: ColumnType<string | number, number, never>;
  length: number;
  user_id: string | null;
  at: CreatedAt;
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
  doc_projections: DocProjectionsTable;
  audit_log: AuditLogTable;
  measures: MeasuresTable;
  measure_indicator_values: MeasureIndicatorValuesTable;
  measure_history: MeasureHistoryTable;
  reporting_cycles: ReportingCyclesTable;
  cycle_reports: CycleReportsTable;
  cycle_reminders: CycleRemindersTable;
  cycle_consolidated_documents: CycleConsolidatedDocumentsTable;
  doc_clients: DocClientsTable;
  doc_deleters: DocDeletersTable;
  commissions: CommissionsTable;
  commission_members: CommissionMembersTable;
  commission_sessions: CommissionSessionsTable;
  agenda_items: AgendaItemsTable;
  session_attendance: SessionAttendanceTable;
  comments: CommentsTable;
  suggestions: SuggestionsTable;
  notifications: NotificationsTable;
  document_versions: DocumentVersionsTable;
  measure_overdue_notices: MeasureOverdueNoticesTable;
  slack_links: SlackLinksTable;
  slack_link_tokens: SlackLinkTokensTable;
  slack_subscriptions: SlackSubscriptionsTable;
  slack_deliveries: SlackDeliveriesTable;
  slack_outbox: SlackOutboxTable;
  event_outbox: EventOutboxTable;
  slack_user_settings: SlackUserSettingsTable;
  slack_cards: SlackCardsTable;
  slack_thread_posts: SlackThreadPostsTable;
  slack_comment_origins: SlackCommentOriginsTable;
  slack_unlinked: SlackUnlinkedTable;
  measure_due_notices: MeasureDueNoticesTable;
  login_throttle: LoginThrottleTable;
  workspace_settings: WorkspaceSettingsTable;
  user_preferences: UserPreferencesTable;
  access_requests: AccessRequestsTable;
}

export interface CommissionsTable {
  id: Generated<string>;
  kind: CommissionKind;
  name_fr: string;
  name_ar: string;
  name_en: string;
  created_at: CreatedAt;
}

export interface CommissionMembersTable {
  commission_id: string;
  organisation_id: string;
}

export interface CommissionSessionsTable {
  id: Generated<string>;
  commission_id: string;
  title: string;
  scheduled_at: Date;
  location: string | null;
  state: Generated<SessionState>;
  current_item_id: string | null;
  started_at: Date | null;
  closed_at: Date | null;
  minutes_document_id: string | null;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface AgendaItemsTable {
  id: Generated<string>;
  session_id: string;
  position: number;
  document_id: string;
  presenter_organisation_id: string | null;
  title: string;
  decision: Decision | null;
  decision_text: string | null;
  decided_at: Date | null;
  decided_by: string | null;
  /** what the confirmed decision did to the document; null until the chair confirms it */
  decision_effect: 'moved' | 'noted' | 'blocked' | null;
}

export interface AccessRequestsTable {
  id: Generated<string>;
  document_id: string;
  user_id: string;
  message: string | null;
  /** when last asked: a repeat after a day refreshes it */
  created_at: ColumnType<Date, Date | string | undefined, Date>;
}

export interface SessionAttendanceTable {
  session_id: string;
  user_id: string;
  first_seen_at: CreatedAt;
}

/** comments.anchor: the API's anchor, stored as JSON */
export type { CommentAnchor, TextAnchor as CommentAnchorText } from '../shared/api/comments.ts';

export interface CommentsTable {
  id: Generated<string>;
  document_id: string;
  thread_id: string | null;
  author_id: string;
  body: string;
  anchor: ColumnType<CommentAnchor | null, string | null, string | null>;
  mentioned_user_ids: ColumnType<string[], string[] | undefined, string[]>;
  mentioned_organisation_ids: ColumnType<string[], string[] | undefined, string[]>;
  session_id: string | null;
  agenda_item_id: string | null;
  resolved_at: Date | null;
  resolved_by: string | null;
  created_at: CreatedAt;
  edited_at: Date | null;
  deleted_at: Date | null;
}

/** suggestions.mark, .kind, .block: as the API presents them (a mark is a format change put on or taken off the range) */
export type { SuggestionBlock, SuggestionKind, SuggestionMark } from '../shared/api/suggestions.ts';

export interface SuggestionsTable {
  id: Generated<string>;
  seq: ColumnType<string, never, never>;
  document_id: string;
  author_id: string;
  start_pos: string;
  end_pos: string;
  text: ColumnType<string, string | undefined, string>;
  /** the text the range covered when suggested, shown once it is gone */
  quote: ColumnType<string, string | undefined, string>;
  mark: ColumnType<SuggestionMark | null, string | null | undefined, string | null>;
  /** 'text', or a structural change (server/domain/suggestion-blocks.ts) */
  kind: ColumnType<SuggestionKind, SuggestionKind | undefined, never>;
  /** structural changes: the new block's type, heading level, side */
  block: ColumnType<SuggestionBlock | null, string | null | undefined, string | null>;
  thread_id: string | null;
  status: ColumnType<SuggestionStatus, SuggestionStatus | undefined, SuggestionStatus>;
  decided_by: string | null;
  decided_at: Date | null;
  created_at: CreatedAt;
}

export interface NotificationsTable {
  id: Generated<string>;
  user_id: string;
  kind: string;
  document_id: string | null;
  payload: ColumnType<Record<string, unknown>, string | undefined, never>;
  created_at: CreatedAt;
  read_at: Date | null;
}

export interface DocumentVersionsTable {
  id: Generated<string>;
  document_id: string;
  name: string;
  kind: 'named' | 'auto' | 'session';
  state: Uint8Array;
  session_id: string | null;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface MeasureOverdueNoticesTable {
  document_id: string;
  measure_id: string;
  due_date: string;
  notified_at: CreatedAt;
}

export interface SlackLinksTable {
  team_id: string;
  slack_user_id: string;
  user_id: string;
  method: 'email' | 'code';
  linked_at: CreatedAt;
}

export interface SlackLinkTokensTable {
  code_hash: string;
  team_id: string;
  slack_user_id: string;
  slack_user_name: string | null;
  created_at: CreatedAt;
  expires_at: Date;
  used_at: Date | null;
  used_by: string | null;
}

export type { SlackSubscriptionObject } from '../shared/api/slack.ts';

export interface SlackSubscriptionsTable {
  id: Generated<string>;
  team_id: string;
  channel_id: string;
  object_type: SlackSubscriptionObject;
  object_id: string;
  events: string[];
  created_by: string;
  created_at: CreatedAt;
  paused_at: Date | null;
  paused_reason: string | null;
  locale: Generated<Locale>;
  /** as Slack named the channel at subscribe time or in its last channel_rename event */
  channel_name: string | null;
}

export interface SlackDeliveriesTable {
  key: string;
  received_at: CreatedAt;
  expires_at: Date;
}

export interface SlackOutboxTable {
  id: Generated<string>;
  team_id: string;
  channel_id: string;
  /** a follow-up cycle's notices are queued as ready messages (bot/cycles/notices.ts) */
  subject_type: 'document' | 'session' | 'cycle';
  subject_id: string;
  events: ColumnType<unknown[], string | undefined, string>;
  event_count: Generated<number>;
  is_open: Generated<boolean>;
  first_event_at: CreatedAt;
  last_event_at: UpdatedAt;
  deliver_after: Date;
  attempts: Generated<number>;
  claimed_until: Date | null;
  attempted_at: Date | null;
}

export interface EventOutboxTable {
  id: Generated<string>;
  event: ColumnType<unknown, string, never>;
  /** who takes the row: 'slack' (the notifier) or 'app' (in-app notifications) */
  consumer: Generated<string>;
  created_at: CreatedAt;
}

export interface SlackUserSettingsTable {
  user_id: string;
  kinds: string[];
  locale: Locale | null;
  muted: Generated<boolean>;
  weekly_digest: Generated<boolean>;
  /** the week whose digest was claimed (sent, or being sent while digest_attempted_at is set) */
  digest_week: string | null;
  /** set with the claim, cleared once Slack took the digest: a crash in between means "ask Slack first" */
  digest_attempted_at: Date | null;
  updated_at: UpdatedAt;
}

export interface SlackCardsTable {
  id: Generated<string>;
  team_id: string;
  /** whom the card was meant for: a channel (C…, G…) or a person (U…) */
  target_id: string;
  /** where it lives (a DM's D… for a person) */
  channel_id: string;
  ts: string;
  subject_type: 'document' | 'session';
  subject_id: string;
  events: ColumnType<unknown[], string, string>;
  event_count: number;
  thread_comment_id: string | null;
  last_actor_id: string | null;
  wanted: Generated<number>;
  rendered: Generated<number>;
  rendered_hash: string | null;
  claimed_until: Date | null;
  created_at: CreatedAt;
}

export interface SlackThreadPostsTable {
  id: Generated<string>;
  card_id: string;
  comment_id: string;
  claimed_until: Date | null;
  attempts: Generated<number>;
  /** set (and committed) just before the post: a crash after it means "ask Slack first" */
  attempted_at: Date | null;
  created_at: CreatedAt;
}

export interface SlackCommentOriginsTable {
  comment_id: string;
  team_id: string;
  channel_id: string;
  thread_ts: string;
  message_ts: string;
}

export interface SlackUnlinkedTable {
  team_id: string;
  slack_user_id: string;
  unlinked_at: UpdatedAt;
}

export interface MeasureDueNoticesTable {
  document_id: string;
  measure_id: string;
  due_date: string;
  notified_at: CreatedAt;
}

export type OrganisationRow = Selectable<OrganisationsTable>;
export type UserRow = Selectable<UsersTable>;
export type DocumentRow = Selectable<DocumentsTable>;
export type DocumentAccessRow = Selectable<DocumentAccessTable>;
export type NewDocument = Insertable<DocumentsTable>;
export type ApiTokenRow = Selectable<ApiTokensTable>;

export interface WorkspaceSettingsTable {
  key: string;
  value: ColumnType<unknown, string | undefined, string | undefined>;
  data: Uint8Array | null;
  updated_by: string | null;
  updated_at: UpdatedAt;
}

export interface UserPreferencesTable {
  user_id: string;
  key: string;
  value: ColumnType<unknown, string, string>;
  updated_at: UpdatedAt;
}
