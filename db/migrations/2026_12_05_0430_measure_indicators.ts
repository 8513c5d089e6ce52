import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must not import application code.

/**
 * Structured indicators (issue 14): the measures projection gets the indicator's baseline,
 * target, current value and unit; and the history of the current value gets a table of its own.
 *
 * The history is written by the server only, with the authenticated author of the update that
 * changed the value (server/collab/indicator-history.ts): it is not in the Y.Doc, where any
 * client could write an entry in someone else's name.
 */
const statements = [
  `ALTER TABLE measures ADD COLUMN indicator_baseline double precision`,
  `ALTER TABLE measures ADD COLUMN indicator_target double precision`,
  `ALTER TABLE measures ADD COLUMN indicator_current double precision`,
  `ALTER TABLE measures ADD COLUMN indicator_unit text NOT NULL DEFAULT ''`,
  `CREATE TABLE measure_indicator_values (
    id bigserial PRIMARY KEY,
    document_id uuid NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    measure_id text NOT NULL,
    value double precision,
    recorded_by uuid REFERENCES users(id) ON DELETE SET NULL,
    recorded_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX measure_indicator_values_measure_idx ON measure_indicator_values (document_id, measure_id, id)`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE measure_indicator_values`.execute(db);
  for (const column of ['indicator_baseline', 'indicator_target', 'indicator_current', 'indicator_unit']) await sql.raw(`ALTER TABLE measures DROP COLUMN ${column}`).execute(db);
}
