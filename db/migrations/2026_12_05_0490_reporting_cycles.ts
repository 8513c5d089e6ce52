import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must not import application code.

/**
 * Follow-up cycles (issue 19): a reporting period opened by the coordination unit, and one report
 * per measure in scope, addressed to the measure's lead organisation.
 *
 * A report keeps its values as of the period (the measure in the plan moves on afterwards). The
 * measure's title, partners and indicator frame are copied at opening so a report still reads
 * right if the measure is renamed or deleted later. `version` is the optimistic-concurrency
 * counter: a write names the version it read and loses (409) if someone wrote in between.
 */
const statements = [
  `CREATE TABLE reporting_cycles (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    period text NOT NULL CHECK (length(period) BETWEEN 1 AND 100),
    commission_id uuid REFERENCES commissions(id) ON DELETE SET NULL,
    document_kinds text[] NOT NULL DEFAULT '{}',
    document_ids uuid[] NOT NULL DEFAULT '{}',
    opens_on date NOT NULL,
    due_on date NOT NULL,
    reminder_days integer[] NOT NULL DEFAULT '{}',
    status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    created_by uuid REFERENCES users(id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    closed_at timestamptz,
    CHECK (due_on >= opens_on)
  )`,
  `CREATE TABLE cycle_reports (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    cycle_id uuid NOT NULL REFERENCES reporting_cycles(id) ON DELETE CASCADE,
    document_id uuid NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    measure_id text NOT NULL,
    measure_title text NOT NULL DEFAULT '',
    lead_organisation_id uuid REFERENCES organisations(id) ON DELETE SET NULL,
    partner_organisation_ids uuid[] NOT NULL DEFAULT '{}',
    indicator_baseline double precision,
    indicator_target double precision,
    indicator_unit text NOT NULL DEFAULT '',
    state text NOT NULL DEFAULT 'not_started' CHECK (state IN ('not_started', 'draft', 'submitted', 'returned', 'accepted')),
    measure_status text CHECK (measure_status IN ('planned', 'in_progress', 'done', 'blocked', 'cancelled')),
    progress integer CHECK (progress BETWEEN 0 AND 100),
    indicator_current double precision,
    narrative text NOT NULL DEFAULT '' CHECK (length(narrative) <= 4000),
    blockers text NOT NULL DEFAULT '' CHECK (length(blockers) <= 2000),
    support_requested text NOT NULL DEFAULT '' CHECK (length(support_requested) <= 2000),
    submitted_by uuid REFERENCES users(id) ON DELETE SET NULL,
    submitted_at timestamptz,
    reviewed_by uuid REFERENCES users(id) ON DELETE SET NULL,
    reviewed_at timestamptz,
    review_comment text CHECK (length(review_comment) <= 2000),
    version integer NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (cycle_id, document_id, measure_id)
  )`,
  `CREATE INDEX cycle_reports_organisation_idx ON cycle_reports (cycle_id, lead_organisation_id)`,
  // Which reminders went out: the insert decides which process sends one when several run the job.
  `CREATE TABLE cycle_reminders (
    cycle_id uuid NOT NULL REFERENCES reporting_cycles(id) ON DELETE CASCADE,
    offset_days integer NOT NULL,
    sent_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (cycle_id, offset_days)
  )`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE cycle_reminders`.execute(db);
  await sql`DROP TABLE cycle_reports`.execute(db);
  await sql`DROP TABLE reporting_cycles`.execute(db);
}
