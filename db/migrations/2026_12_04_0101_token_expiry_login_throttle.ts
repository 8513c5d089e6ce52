import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must not import application code.

export async function up(db: Kysely<any>): Promise<void> {
  // Every API token now expires (365 days at most). Tokens minted "until revoked" keep working for
  // a year from their creation, the longest a new token may be given, rather than ending at once
  // (scripts would break without warning) or living forever.
  await sql`UPDATE api_tokens SET expires_at = created_at + interval '365 days' WHERE expires_at IS NULL`.execute(db);
  await sql`ALTER TABLE api_tokens ALTER COLUMN expires_at SET NOT NULL`.execute(db);
  // The default lifetime (90 days) for rows written without one.
  await sql`ALTER TABLE api_tokens ALTER COLUMN expires_at SET DEFAULT now() + interval '90 days'`.execute(db);
  // Sign-in attempts reserved per key (account+address pair, address, account) before any password
  // is hashed. One row per key, updated atomically, so concurrent guesses and other processes
  // all see the same count.
  await sql`
    CREATE TABLE login_throttle (
      key text PRIMARY KEY,
      attempts integer NOT NULL,
      next_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    )
  `.execute(db);
  await sql`CREATE INDEX login_throttle_updated_idx ON login_throttle (updated_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE login_throttle`.execute(db);
  await sql`ALTER TABLE api_tokens ALTER COLUMN expires_at DROP DEFAULT`.execute(db);
  await sql`ALTER TABLE api_tokens ALTER COLUMN expires_at DROP NOT NULL`.execute(db);
}
