import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must not import application code.

/**
 * The name of the Slack channel a subscription posts to, as Slack gave it at subscribe time (and
 * kept current by channel_rename events): administrators recognise "#sante-plans", not "C0123ABC".
 * Null for subscriptions made before this column, until the channel is renamed or subscribed again.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE slack_subscriptions ADD COLUMN channel_name text`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE slack_subscriptions DROP COLUMN channel_name`.execute(db);
}
