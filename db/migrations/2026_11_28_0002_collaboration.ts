import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must not import application code.

const statements = [
  // The measures of each action plan, projected from the live Y.Doc for SQL queries.
  // Organisation ids are not foreign keys: the Y.Doc is written by clients, the projection keeps
  // whatever well-formed id it finds and queries join on it.
  `CREATE TABLE measures (
    document_id uuid NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    id text NOT NULL,
    position integer NOT NULL,
    title text NOT NULL,
    lead_organisation_id uuid,
    partner_organisation_ids uuid[] NOT NULL DEFAULT '{}',
    start_date date,
    due_date date,
    status text NOT NULL CHECK (status IN ('planned', 'in_progress', 'done', 'blocked', 'cancelled')),
    progress integer NOT NULL CHECK (progress BETWEEN 0 AND 100),
    indicator text NOT NULL DEFAULT '',
    budget numeric,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (document_id, id)
  )`,
  `CREATE INDEX measures_lead_idx ON measures (lead_organisation_id, status)`,
  `CREATE INDEX measures_due_idx ON measures (due_date) WHERE status NOT IN ('done', 'cancelled')`,
  `ALTER TABLE doc_snapshots ADD COLUMN update_count integer NOT NULL DEFAULT 0`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE measures`.execute(db);
  await sql`ALTER TABLE doc_snapshots DROP COLUMN update_count`.execute(db);
}
