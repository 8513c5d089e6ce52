import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must not import application code.

const statements = [
  `CREATE TABLE commissions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    kind text NOT NULL CHECK (kind IN ('interministerial', 'technical', 'bilateral')),
    name_fr text NOT NULL,
    name_ar text NOT NULL,
    name_en text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE TABLE commission_members (
    commission_id uuid NOT NULL REFERENCES commissions(id) ON DELETE CASCADE,
    organisation_id uuid NOT NULL REFERENCES organisations(id),
    PRIMARY KEY (commission_id, organisation_id)
  )`,
  `CREATE TABLE commission_sessions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    commission_id uuid NOT NULL REFERENCES commissions(id),
    title text NOT NULL,
    scheduled_at timestamptz NOT NULL,
    location text,
    state text NOT NULL DEFAULT 'planned' CHECK (state IN ('planned', 'live', 'closed')),
    current_item_id uuid,
    started_at timestamptz,
    closed_at timestamptz,
    minutes_document_id uuid REFERENCES documents(id),
    created_by uuid REFERENCES users(id),
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX commission_sessions_commission_idx ON commission_sessions (commission_id, scheduled_at)`,
  `CREATE TABLE agenda_items (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    session_id uuid NOT NULL REFERENCES commission_sessions(id) ON DELETE CASCADE,
    position integer NOT NULL,
    document_id uuid NOT NULL REFERENCES documents(id),
    presenter_organisation_id uuid REFERENCES organisations(id),
    title text NOT NULL,
    decision text CHECK (decision IN ('adopted', 'adopted_with_changes', 'returned', 'postponed')),
    decision_text text,
    decided_at timestamptz,
    decided_by uuid REFERENCES users(id)
  )`,
  `CREATE INDEX agenda_items_session_idx ON agenda_items (session_id, position)`,
  `CREATE TABLE session_attendance (
    session_id uuid NOT NULL REFERENCES commission_sessions(id) ON DELETE CASCADE,
    user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    first_seen_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (session_id, user_id)
  )`,
  `CREATE TABLE comments (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    document_id uuid NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    thread_id uuid REFERENCES comments(id) ON DELETE CASCADE,
    author_id uuid NOT NULL REFERENCES users(id),
    body text NOT NULL,
    anchor jsonb,
    mentioned_user_ids uuid[] NOT NULL DEFAULT '{}',
    mentioned_organisation_ids uuid[] NOT NULL DEFAULT '{}',
    session_id uuid REFERENCES commission_sessions(id),
    agenda_item_id uuid REFERENCES agenda_items(id),
    resolved_at timestamptz,
    resolved_by uuid REFERENCES users(id),
    created_at timestamptz NOT NULL DEFAULT now(),
    edited_at timestamptz,
    deleted_at timestamptz
  )`,
  `CREATE INDEX comments_document_idx ON comments (document_id, created_at)`,
  `CREATE INDEX comments_thread_idx ON comments (thread_id, created_at)`,
  `CREATE INDEX comments_session_idx ON comments (session_id) WHERE session_id IS NOT NULL`,
  `CREATE TABLE notifications (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind text NOT NULL,
    document_id uuid REFERENCES documents(id) ON DELETE CASCADE,
    payload jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at timestamptz NOT NULL DEFAULT now(),
    read_at timestamptz
  )`,
  `CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC)`,
  `CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL`,
  `CREATE TABLE document_versions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    document_id uuid NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    name text NOT NULL,
    kind text NOT NULL CHECK (kind IN ('named', 'auto', 'session')),
    state bytea NOT NULL,
    session_id uuid REFERENCES commission_sessions(id),
    created_by uuid REFERENCES users(id),
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX document_versions_document_idx ON document_versions (document_id, created_at DESC)`,
  `CREATE TABLE measure_overdue_notices (
    document_id uuid NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    measure_id text NOT NULL,
    due_date date NOT NULL,
    notified_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (document_id, measure_id, due_date)
  )`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'measure_overdue_notices',
    'document_versions',
    'notifications',
    'comments',
    'session_attendance',
    'agenda_items',
    'commission_sessions',
    'commission_members',
    'commissions',
  ]) {
    await sql.raw(`DROP TABLE ${table}`).execute(db);
  }
}
