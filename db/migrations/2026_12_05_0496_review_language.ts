import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must not import application code.

export async function up(db: Kysely<any>): Promise<void> {
  // The language a document is written in: its template's headings, its direction (Arabic opens
  // right-to-left), the dates of generated minutes. Existing documents were all seeded in French.
  await sql`ALTER TABLE documents ADD COLUMN language text NOT NULL DEFAULT 'fr' CHECK (language IN ('fr', 'ar', 'en'))`.execute(db);
  // What a confirmed session decision did to its document (moved, noted, blocked by the
  // workflow); null while the chair has not confirmed it.
  await sql`ALTER TABLE agenda_items ADD COLUMN decision_effect text CHECK (decision_effect IN ('moved', 'noted', 'blocked'))`.execute(db);
  // Requests for access to a document one cannot see: one open request per person and document.
  await sql`CREATE TABLE access_requests (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    document_id uuid NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    message text,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (document_id, user_id)
  )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE access_requests`.execute(db);
  await sql`ALTER TABLE agenda_items DROP COLUMN decision_effect`.execute(db);
  await sql`ALTER TABLE documents DROP COLUMN language`.execute(db);
}
