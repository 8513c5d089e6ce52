import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must not import application code.

const statements = [
  // One row per event and consumer: the Slack notifier and the in-app notifications each take
  // (and delete) their own rows, so neither can take an event from the other.
  `ALTER TABLE event_outbox ADD COLUMN consumer text NOT NULL DEFAULT 'slack'`,
  `CREATE INDEX event_outbox_consumer_idx ON event_outbox (consumer, id)`,
  // What each person wants by direct message in Slack (set from App Home).
  `CREATE TABLE slack_user_settings (
    user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    kinds text[] NOT NULL,
    locale text CHECK (locale IN ('fr', 'ar', 'en')),
    muted boolean NOT NULL DEFAULT false,
    weekly_digest boolean NOT NULL DEFAULT false,
    digest_week text,
    updated_at timestamptz NOT NULL DEFAULT now()
  )`,
  // Messages the bot posted about a subject, kept up to date with chat.update ("live cards").
  // wanted > rendered: the subject changed since the card was last drawn.
  `CREATE TABLE slack_cards (
    id bigserial PRIMARY KEY,
    team_id text NOT NULL,
    target_id text NOT NULL,
    channel_id text NOT NULL,
    ts text NOT NULL,
    subject_type text NOT NULL,
    subject_id text NOT NULL,
    events jsonb NOT NULL,
    event_count integer NOT NULL,
    thread_comment_id uuid,
    last_actor_id uuid,
    wanted integer NOT NULL DEFAULT 0,
    rendered integer NOT NULL DEFAULT 0,
    rendered_hash text,
    claimed_until timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (team_id, channel_id, ts)
  )`,
  `CREATE INDEX slack_cards_subject_idx ON slack_cards (subject_type, subject_id)`,
  `CREATE INDEX slack_cards_thread_idx ON slack_cards (thread_comment_id) WHERE thread_comment_id IS NOT NULL`,
  `CREATE INDEX slack_cards_stale_idx ON slack_cards (id) WHERE wanted > rendered`,
  // Tansiq replies to post in the Slack thread of a card: one per card and comment.
  `CREATE TABLE slack_thread_posts (
    id bigserial PRIMARY KEY,
    card_id bigint NOT NULL REFERENCES slack_cards(id) ON DELETE CASCADE,
    comment_id uuid NOT NULL,
    claimed_until timestamptz,
    attempts integer NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (card_id, comment_id)
  )`,
  // Comments written as Slack thread replies: where they came from (never echoed back there).
  `CREATE TABLE slack_comment_origins (
    comment_id uuid PRIMARY KEY REFERENCES comments(id) ON DELETE CASCADE,
    team_id text NOT NULL,
    channel_id text NOT NULL,
    thread_ts text NOT NULL,
    message_ts text NOT NULL,
    UNIQUE (team_id, channel_id, message_ts)
  )`,
  // Someone who unlinked: never linked again by e-mail behind their back, only by a link code.
  `CREATE TABLE slack_unlinked (
    team_id text NOT NULL,
    slack_user_id text NOT NULL,
    unlinked_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (team_id, slack_user_id)
  )`,
  // Measures due within a week, announced once per due date.
  `CREATE TABLE measure_due_notices (
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
  for (const table of ['measure_due_notices', 'slack_unlinked', 'slack_comment_origins', 'slack_thread_posts', 'slack_cards', 'slack_user_settings']) {
    await sql.raw(`DROP TABLE ${table}`).execute(db);
  }
  await sql`DROP INDEX event_outbox_consumer_idx`.execute(db);
  await sql`ALTER TABLE event_outbox DROP COLUMN consumer`.execute(db);
}
