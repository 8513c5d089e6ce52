import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must not import application code.

/**
 * Suggestions: changes to a document's text proposed by someone with comment (or edit) access.
 * They live here, never in the Y.Doc, until an editor accepts one: the server then writes it
 * into the document as that editor. `start_pos` / `end_pos` are base64 Yjs relative positions
 * inside one text node of the body; `text` replaces what lies between them; `mark` (when set)
 * makes it a format change instead. A decided suggestion keeps its row for the record
 * (`status`, who, when); the text of a rejected one is never written anywhere.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE suggestions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    -- the order they were made in (several made in one request share created_at)
    seq bigserial NOT NULL,
    document_id uuid NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    author_id uuid NOT NULL REFERENCES users(id),
    start_pos text NOT NULL,
    end_pos text NOT NULL,
    text text NOT NULL DEFAULT '',
    quote text NOT NULL DEFAULT '',
    mark jsonb,
    thread_id uuid REFERENCES comments(id) ON DELETE SET NULL,
    status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'rejected', 'withdrawn')),
    decided_by uuid REFERENCES users(id),
    decided_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now()
  )`.execute(db);
  await sql`CREATE INDEX suggestions_open_idx ON suggestions (document_id, seq) WHERE status = 'open'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE suggestions`.execute(db);
}
