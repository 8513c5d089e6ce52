import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must not import application code.

const statements = [
  // A Slack user (in one workspace) acting as one Tansiq user; every bot action uses those rights.
  `CREATE TABLE slack_links (
    team_id text NOT NULL,
    slack_user_id text NOT NULL,
    user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    method text NOT NULL CHECK (method IN ('email', 'code')),
    linked_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (team_id, slack_user_id)
  )`,
  `CREATE UNIQUE INDEX slack_links_user_key ON slack_links (team_id, user_id)`,
  // One-time link codes the bot hands out; only their hash is kept, like API tokens.
  `CREATE TABLE slack_link_tokens (
    code_hash text PRIMARY KEY,
    team_id text NOT NULL,
    slack_user_id text NOT NULL,
    slack_user_name text,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at timestamptz,
    used_by uuid REFERENCES users(id) ON DELETE CASCADE
  )`,
  `CREATE TABLE slack_subscriptions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    team_id text NOT NULL,
    channel_id text NOT NULL,
    object_type text NOT NULL CHECK (object_type IN ('document', 'organisation', 'commission')),
    object_id uuid NOT NULL,
    events text[] NOT NULL,
    created_by uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (team_id, channel_id, object_type, object_id)
  )`,
  `CREATE INDEX slack_subscriptions_object_idx ON slack_subscriptions (object_type, object_id)`,
  // Requests and events already acted on (signature replays, event_id retries), kept a while.
  `CREATE TABLE slack_deliveries (
    key text PRIMARY KEY,
    received_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL
  )`,
  `CREATE INDEX slack_deliveries_expiry_idx ON slack_deliveries (expires_at)`,
  // Notifications waiting to be posted: events about one subject for one channel (or DM) gather
  // in one open row until the burst is over, then the row is claimed, posted and deleted.
  `CREATE TABLE slack_outbox (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    team_id text NOT NULL,
    channel_id text NOT NULL,
    subject_type text NOT NULL CHECK (subject_type IN ('document', 'session')),
    subject_id uuid NOT NULL,
    events jsonb NOT NULL DEFAULT '[]'::jsonb,
    event_count integer NOT NULL DEFAULT 0,
    is_open boolean NOT NULL DEFAULT true,
    first_event_at timestamptz NOT NULL DEFAULT now(),
    last_event_at timestamptz NOT NULL DEFAULT now(),
    deliver_after timestamptz NOT NULL,
    attempts integer NOT NULL DEFAULT 0,
    claimed_until timestamptz
  )`,
  `CREATE UNIQUE INDEX slack_outbox_open_key ON slack_outbox (team_id, channel_id, subject_type, subject_id) WHERE is_open`,
  `CREATE INDEX slack_outbox_due_idx ON slack_outbox (deliver_after)`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['slack_outbox', 'slack_deliveries', 'slack_subscriptions', 'slack_link_tokens', 'slack_links']) {
    await sql.raw(`DROP TABLE ${table}`).execute(db);
  }
}
