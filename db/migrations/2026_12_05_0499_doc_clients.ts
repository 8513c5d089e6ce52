import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must not import application code.

/**
 * Who wrote under which Yjs client id, per document (issue 16): the source of "who inserted
 * this" in a comparison of versions. Written by the server only, once per (document, client)
 * pair it first sees in a room, with the user it authenticated. A client id sent by two users
 * (Yjs cannot tell a forged one from the real thing) becomes contested: user_id NULL, for good.
 */
const statements = [
  `CREATE TABLE doc_clients (
    document_id uuid NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    client_id bigint NOT NULL,
    user_id uuid REFERENCES users(id) ON DELETE SET NULL,
    contested boolean NOT NULL DEFAULT false,
    first_seen timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (document_id, client_id)
  )`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE doc_clients`.execute(db);
}
