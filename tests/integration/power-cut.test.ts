import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openDatabase } from '../../db/database.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { measuresOf, newMeasureMap } from '../../shared/doc-schema.ts';
import { freePort, metricValue, spawnServer, type ChildServer } from '../helpers/child-server.ts';
import { connectPeer, eventually, type TestPeer } from '../helpers/collab.ts';
import { collabWorld, type CollabWorld } from '../helpers/collab-world.ts';
import { createExt4Volume, ext4VolumeUnavailable, type Ext4Volume } from '../helpers/ext4-volume.ts';
import { startServerOn, type PersistentDatabase } from '../helpers/persistent-database.ts';

/**
 * A power cut under the embedded database: its folder on an ext4 filesystem that is shut down
 * without flushing its journal (what a power cut leaves on disk), the process killed, the
 * filesystem mounted again. Tansiq must start again, and every edit it had committed must be there;
 * what it had not committed the clients still hold and send again.
 */
const unavailable = process.env.DATABASE_URL ? 'it concerns the embedded database (DATABASE_URL is set)' : ext4VolumeUnavailable();

describe.skipIf(unavailable)(`a power cut under the embedded database${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  let volume: Ext4Volume;
  let database: PersistentDatabase;
  let world: CollabWorld;
  let child: ChildServer | undefined;
  let port: number;
  const peers: TestPeer[] = [];

  beforeAll(async () => {
    volume = createExt4Volume(256);
    const dataDir = path.join(volume.dir, 'data');
    database = {
      env: { TANSIQ_DATA_DIR: dataDir },
      open: () => openDatabase({ dataDir }),
      dispose: async () => {},
    };
    const migrating = await database.open();
    await migrateToLatest(migrating.db);
    await migrating.close();
    const setup = await startServerOn(database);
    world = await collabWorld(setup.database.db, setup.url, { editors: 2 });
    await setup.close();
    port = await freePort();
    child = await spawnServer(port, database.env);
  }, 180_000);
  afterAll(async () => {
    for (const peer of peers) peer.destroy();
    await child?.stop();
    volume?.dispose();
  });

  const connect = (index: number) => {
    const peer = connectPeer(child!.url, world.documentId, world.editors[index]!.token);
    peers.push(peer);
    return peer;
  };
  const measureIds = (doc: Y.Doc) => new Set(measuresOf(doc).toArray().map((measure) => measure.get('id') as string));
  const addMeasure = (doc: Y.Doc, id: string) => measuresOf(doc).push([newMeasureMap({ id, title: `Mesure ${id}` })]);
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('starts again with every committed edit, and takes back the rest from the clients', { timeout: 240_000 }, async () => {
    const writer = connect(0);
    await writer.synced();

    // Committed before the cut: the server said so on /metrics (every accepted update stored).
    const acknowledged: string[] = [];
    for (let i = 0; i < 60; i++) {
      addMeasure(writer.doc, `acked-${i}`);
      acknowledged.push(`acked-${i}`);
      await pause(5);
    }
    await eventually(async () => {
      const accepted = await metricValue(child!.url, 'tansiq_collab_updates_total');
      expect(accepted).toBeGreaterThanOrEqual(60);
      expect(await metricValue(child!.url, 'tansiq_collab_durability_lag_seconds_count')).toBeGreaterThanOrEqual(accepted);
    });

    // Typing goes on; the power goes in the middle of it.
    const typed = [...acknowledged];
    for (let i = 0; i < 200; i++) {
      if (i === 100) {
        volume.cut();
        await child!.kill9();
        writer.provider.disconnect();
      }
      addMeasure(writer.doc, `burst-${i}`);
      typed.push(`burst-${i}`);
      await pause(i % 3);
    }

    volume.remount();
    const restartedAt = performance.now();
    child = await spawnServer(port, database.env);
    const readyAfterMs = performance.now() - restartedAt;

    // Before any client comes back: what was committed is in the database.
    const reader = connect(1);
    await reader.synced();
    const lost = acknowledged.filter((id) => !measureIds(reader.doc).has(id));

    // The writer comes back and sends what the server lacks.
    writer.provider.connect();
    await eventually(() => expect(measureIds(reader.doc).size).toBe(typed.length), 30_000);
    const convergedAfterMs = performance.now() - restartedAt;
    console.info(
      `power cut (PGlite): typed ${typed.length}, acknowledged ${acknowledged.length}, lost ${lost.length}, ` +
        `ready ${Math.round(readyAfterMs)} ms after restart, converged ${Math.round(convergedAfterMs)} ms after restart`,
    );
    expect(lost).toEqual([]);
  });
});
