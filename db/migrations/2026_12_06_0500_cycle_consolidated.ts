import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must not import application code.

/**
 * Follow-up cycles, second part (issue 19): the consolidated documents written when a cycle
 * closes, one per commission (commission_id null: the plans no commission covers).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE cycle_consolidated_documents (
    cycle_id uuid NOT NULL REFERENCES reporting_cycles(id) ON DELETE CASCADE,
    document_id uuid NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    commission_id uuid REFERENCES commissions(id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (cycle_id, document_id)
  )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE cycle_consolidated_documents`.execute(db);
}
