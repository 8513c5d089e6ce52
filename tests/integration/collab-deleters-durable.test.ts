import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { measuresOf, newMeasureMap } from '../../shared/doc-schema.ts';
import { metricValue } from '../helpers/child-server.ts';
import { eventually } from '../helpers/collab.ts';
import { collabSuite } from '../helpers/collab-suite.ts';

/**
 * Who deleted what is the only record of a deletion's author (a Yjs delete set names none); version
 * comparisons show it. It is committed in the same statement as the update that deleted: while the
 * database refuses writes, both wait and are retried together, and once writes work again both are
 * there (written apart, the record was dropped at the first refusal while the update was kept).
 * Both databases.
 */
describe('who deleted what, while the database refuses writes', () => {
  const suite = collabSuite();
  const db = () => suite.server.database.db;
  const deletersBy = async (userId: string) =>
    (await db().selectFrom('doc_deleters').select('length').where('document_id', '=', suite.world.documentId).where('user_id', '=', userId).execute()).length;
  const refuseWrites = async () => {
    await sql`CREATE OR REPLACE FUNCTION test_refuse_writes() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'writes refused by the test'; END $$`.execute(db());
    for (const table of ['doc_updates', 'doc_deleters'])
      await sql`CREATE TRIGGER test_refuse_writes BEFORE INSERT ON ${sql.table(table)} FOR EACH ROW EXECUTE FUNCTION test_refuse_writes()`.execute(db());
  };
  const allowWrites = async () => {
    for (const table of ['doc_updates', 'doc_deleters']) await sql`DROP TRIGGER test_refuse_writes ON ${sql.table(table)}`.execute(db());
  };

  it('is stored with the deleting update once writes work again', { timeout: 60_000 }, async () => {
    const editor = suite.world.editors[0]!;
    const writer = suite.connect(0);
    await writer.synced();
    measuresOf(writer.doc).push([newMeasureMap({ id: 'doomed', title: 'Mesure à supprimer' })]);
    await eventually(async () => expect(await metricValue(suite.server.url, 'tansiq_collab_unstored_updates')).toBe(0));
    expect(await deletersBy(editor.id)).toBe(0);

    await refuseWrites();
    const measures = measuresOf(writer.doc);
    measures.delete(
      measures.toArray().findIndex((measure) => measure.get('id') === 'doomed'),
      1,
    );
    // Refused at least twice: the first refusal is past (where the record used to be dropped).
    await eventually(async () => expect(await metricValue(suite.server.url, 'tansiq_collab_failed_flushes_total')).toBeGreaterThanOrEqual(2));
    expect(await metricValue(suite.server.url, 'tansiq_collab_unstored_updates')).toBeGreaterThan(0);

    await allowWrites();
    await eventually(async () => expect(await metricValue(suite.server.url, 'tansiq_collab_unstored_updates')).toBe(0), 20_000);
    await suite.server.hub.writersRecorded(suite.world.documentId);
    expect(await deletersBy(editor.id)).toBeGreaterThan(0);
  });
});
