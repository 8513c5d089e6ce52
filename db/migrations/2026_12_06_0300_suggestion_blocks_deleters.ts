import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must not import application code.

/**
 * Issue 16, second round.
 * - Suggestions may change structure: `kind` says which change ('text' as before, or
 *   insert_block, split, join, delete_block, set_block) and `block` its details (new block type,
 *   heading level, side). Positions stay base64 Yjs relative positions, checked by the server.
 * - doc_deleters: who deleted which Yjs items of a document, as ranges of item ids (client,
 *   clock, length), written by the server with the user it authenticated on the connection (or
 *   the editor a server-side change was made for). A delete set names no author, so this is the
 *   only record of who deleted; a comparison of versions reads it to attribute deletions.
 */
const statements = [
  `ALTER TABLE suggestions ADD COLUMN kind text NOT NULL DEFAULT 'text'
    CHECK (kind IN ('text', 'insert_block', 'split', 'join', 'delete_block', 'set_block'))`,
  `ALTER TABLE suggestions ADD COLUMN block jsonb`,
  `CREATE TABLE doc_deleters (
    id bigserial PRIMARY KEY,
    document_id uuid NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    client_id bigint NOT NULL,
    clock bigint NOT NULL,
    length integer NOT NULL CHECK (length > 0),
    user_id uuid REFERENCES users(id) ON DELETE SET NULL,
    at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX doc_deleters_lookup_idx ON doc_deleters (document_id, client_id, clock)`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE doc_deleters`.execute(db);
  await sql`ALTER TABLE suggestions DROP COLUMN block`.execute(db);
  await sql`ALTER TABLE suggestions DROP COLUMN kind`.execute(db);
}
