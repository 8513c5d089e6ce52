import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must not import application code.

/**
 * Follow-up cycle notices (opening, reminders, close) go through the Slack outbox like every
 * other notification, so a crash or a shutdown between the cycle's commit and the post neither
 * loses one nor posts it twice: their rows are about a cycle. Each is queued closed (never
 * gathered with another) with the message made when its event was taken in.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE slack_outbox DROP CONSTRAINT slack_outbox_subject_type_check`.execute(db);
  await sql`ALTER TABLE slack_outbox ADD CONSTRAINT slack_outbox_subject_type_check CHECK (subject_type IN ('document', 'session', 'cycle'))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DELETE FROM slack_outbox WHERE subject_type = 'cycle'`.execute(db);
  await sql`ALTER TABLE slack_outbox DROP CONSTRAINT slack_outbox_subject_type_check`.execute(db);
  await sql`ALTER TABLE slack_outbox ADD CONSTRAINT slack_outbox_subject_type_check CHECK (subject_type IN ('document', 'session'))`.execute(db);
}
