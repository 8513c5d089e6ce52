import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must not import application code.

/**
 * What the SQL projection of each document reflects: the Yjs snapshot (state vector and delete
 * set) of the document it was computed from. A document whose state differs was changed after
 * its last projection (a crash before the debounced projection ran) and is projected again at
 * start. No row: never projected since this table exists. A table of its own, so
 * that reading documents never carries these bytes along.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE doc_projections (
    document_id uuid PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    state bytea NOT NULL,
    projected_at timestamptz NOT NULL DEFAULT now()
  )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE doc_projections`.execute(db);
}
