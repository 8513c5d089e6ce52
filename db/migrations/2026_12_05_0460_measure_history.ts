import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must not import application code.

/**
 * Each measure's projected state over time: one row whenever the projection finds a measure
 * new, changed or gone (state NULL). The consolidated follow-up report "as of" a past date reads
 * the last row of each measure up to that date; the update log cannot serve, as compaction
 * merges it away. Existing measures are recorded as of their document's creation, the best
 * knowledge there is of them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE measure_history (
    id bigserial PRIMARY KEY,
    document_id uuid NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    measure_id text NOT NULL,
    recorded_at timestamptz NOT NULL,
    state jsonb
  )`.execute(db);
  await sql`CREATE INDEX measure_history_document_idx ON measure_history (document_id, recorded_at)`.execute(db);
  await sql`INSERT INTO measure_history (document_id, measure_id, recorded_at, state)
    SELECT m.document_id, m.id, d.created_at, jsonb_build_object(
      'id', m.id, 'position', m.position, 'title', m.title, 'leadOrganisationId', m.lead_organisation_id,
      'partnerOrganisationIds', to_jsonb(m.partner_organisation_ids), 'start', m.start_date, 'due', m.due_date,
      'status', m.status, 'progress', m.progress, 'indicator', m.indicator, 'indicatorBaseline', m.indicator_baseline,
      'indicatorTarget', m.indicator_target, 'indicatorCurrent', m.indicator_current, 'indicatorUnit', m.indicator_unit,
      'budget', m.budget, 'currency', m.currency, 'notes', m.notes)
    FROM measures m JOIN documents d ON d.id = m.document_id`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE measure_history`.execute(db);
}
