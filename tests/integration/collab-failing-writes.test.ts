import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measuresOf, newMeasureMap } from '../../shared/doc-schema.ts';
import { metricValue } from '../helpers/child-server.ts';
import { connectPeer, eventually, type TestPeer } from '../helpers/collab.ts';
import { collabWorld, type CollabWorld } from '../helpers/collab-world.ts';
import { measureIds } from '../helpers/fault-rig.ts';
import { closedWith, connectRaw } from '../helpers/raw-collab.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

/**
 * The database answers reads but refuses every write to the update log (a trigger raises), as a
 * failing or full disk can leave it: what the hub accepted waits in memory. A new connection must
 * then be told at once to retry later (4503), on a document that is open as on one whose previous
 * copy is still being written out — never admitted to wait for ever on a load that waits for
 * writes that do not happen (issue 13). Both databases; the disk itself is broken in
 * pglite-disk-failure.test.ts and postgres-disk-failure.test.ts.
 */
describe('a new connection while edits cannot be stored', () => {
  let server: TestServer;
  let world: CollabWorld;
  const peers: TestPeer[] = [];

  beforeAll(async () => {
    server = await startTestServer({ COLLAB_UNLOAD_DELAY_MS: '0' });
    world = await collabWorld(server.database.db, server.url);
  });
  afterAll(async () => {
    for (const peer of peers) peer.destroy();
    await server?.close();
  });

  const refuseWrites = async () => {
    await sql`CREATE OR REPLACE FUNCTION test_refuse_writes() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'writes refused by the test'; END $$`.execute(
      server.database.db,
    );
    await sql`CREATE TRIGGER test_refuse_writes BEFORE INSERT ON doc_updates FOR EACH ROW EXECUTE FUNCTION test_refuse_writes()`.execute(server.database.db);
  };
  const allowWrites = () => sql`DROP TRIGGER test_refuse_writes ON doc_updates`.execute(server.database.db);

  it('is refused with 4503 at once, then admitted with everything once writes work again', { timeout: 60_000 }, async () => {
    const writer = connectPeer(server.url, world.documentId, world.editors[0]!.token);
    peers.push(writer);
    await writer.synced();
    await refuseWrites();
    measuresOf(writer.doc).push([newMeasureMap({ id: 'unstored', title: 'Saisie pendant la panne' })]);
    await eventually(async () => expect(await metricValue(server.url, 'tansiq_collab_failed_flushes_total')).toBeGreaterThan(0));

    // The document is open: refused all the same (what it would type could not be kept).
    const open = connectRaw(server.url, world.documentId, world.editors[1]!.token);
    expect(await closedWith(open)).toMatchObject({ code: 4503, reason: expect.stringContaining('retry') });

    // Its last connection gone, the document is being written out (and cannot be): a newcomer is
    // refused too, and reading it back from storage fails at once rather than waiting for ever.
    writer.provider.disconnect();
    await eventually(() => expect(server.hub.room(world.documentId)).toBeUndefined());
    const reopening = connectRaw(server.url, world.documentId, world.editors[1]!.token);
    expect(await closedWith(reopening)).toMatchObject({ code: 4503 });
    await expect(server.hub.store.loadCurrent(world.documentId)).rejects.toThrow(/not being stored/);

    await allowWrites();
    await eventually(async () => expect(await metricValue(server.url, 'tansiq_collab_unstored_updates')).toBe(0));
    const fresh = connectPeer(server.url, world.documentId, world.editors[1]!.token);
    peers.push(fresh);
    await fresh.synced();
    expect(measureIds(fresh.doc).has('unstored')).toBe(true);
  });
});
