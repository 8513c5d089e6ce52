import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must not import application code.

const statements = [
  // Domain events written in the same transaction as the change that caused them, for consumers
  // that must not lose one (the Slack notifier); each consumer deletes what it has taken in.
  `CREATE TABLE event_outbox (
    id bigserial PRIMARY KEY,
    event jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  // A delivery that may have reached Slack: set before posting, checked after a crash.
  `ALTER TABLE slack_outbox ADD COLUMN attempted_at timestamptz`,
  // A subscription Slack refused to deliver to (archived, deleted, bot removed), until fixed.
  `ALTER TABLE slack_subscriptions ADD COLUMN paused_at timestamptz`,
  `ALTER TABLE slack_subscriptions ADD COLUMN paused_reason text`,
  // The language of a channel's posts, chosen at subscribe.
  `ALTER TABLE slack_subscriptions ADD COLUMN locale text NOT NULL DEFAULT 'fr' CHECK (locale IN ('fr', 'ar', 'en'))`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE event_outbox`.execute(db);
  await sql`ALTER TABLE slack_outbox DROP COLUMN attempted_at`.execute(db);
  await sql`ALTER TABLE slack_subscriptions DROP COLUMN paused_at, DROP COLUMN paused_reason, DROP COLUMN locale`.execute(db);
}
