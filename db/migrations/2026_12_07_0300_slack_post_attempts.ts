import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must not import application code.

/**
 * The bot's posts that are retried after a crash get the notifications' at-most-once delivery:
 * the attempt is recorded before the post, so whoever takes it up after a crash asks Slack first
 * (the post's id is in its message metadata). Tansiq replies posted into a card's Slack thread
 * (looked up with conversations.replies), and the weekly digest (which used to be skipped for the
 * week when a crash came between its claim and its post).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE slack_thread_posts ADD COLUMN attempted_at timestamptz`.execute(db);
  await sql`ALTER TABLE slack_user_settings ADD COLUMN digest_attempted_at timestamptz`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE slack_user_settings DROP COLUMN digest_attempted_at`.execute(db);
  await sql`ALTER TABLE slack_thread_posts DROP COLUMN attempted_at`.execute(db);
}
