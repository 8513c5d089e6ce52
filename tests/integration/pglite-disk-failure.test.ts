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
import { ApiClient } from '../helpers/http.ts';
import { startServerOn, type PersistentDatabase } from '../helpers/persistent-database.ts';

/**
 * The embedded database's disk fills up, or fails (every write refused with EIO). It used to hang
 * after the first failed write: queries, /readyz, new connections and shutdown waited forever, and
 * /readyz said 200 on a full disk. Now /readyz says what is wrong, nothing waits forever, SIGTERM
 * ends within 10 s, and what the clients typed is stored once the disk is back.
 */
const unavailable = process.env.DATABASE_URL ? 'it concerns the embedded database (DATABASE_URL is set)' : ext4VolumeUnavailable();

describe.skipIf(unavailable)(`the embedded database's disk${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  let volume: Ext4Volume;
  let database: PersistentDatabase;
  let world: CollabWorld;
  let child: ChildServer | undefined;
  let port: number;
  const peers: TestPeer[] = [];
  const env = { DATABASE_QUERY_TIMEOUT_MS: '3000', COLLAB_MAX_UNSTORED_BYTES: '40000' };

  beforeAll(async () => {
    volume = createExt4Volume(160);
    const dataDir = path.join(volume.dir, 'data');
    database = { env: { TANSIQ_DATA_DIR: dataDir }, open: () => openDatabase({ dataDir }), dispose: async () => {} };
    const migrating = await database.open();
    await migrateToLatest(migrating.db);
    await migrating.close();
    const setup = await startServerOn(database);
    world = await collabWorld(setup.database.db, setup.url, { editors: 2 });
    await setup.close();
    port = await freePort();
    child = await spawnServer(port, { ...database.env, ...env });
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
  const readyz = async () => {
    // A hang detector, not a speed test: /readyz must answer at all.
    const response = await fetch(`${child!.url}/readyz`, { signal: AbortSignal.timeout(5_000) });
    return { status: response.status, body: (await response.json()) as { reasons?: string[] } };
  };
  const measureIds = (doc: Y.Doc) => new Set(measuresOf(doc).toArray().map((measure) => measure.get('id') as string));
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  // Long titles: the log needs new pages, which a full disk cannot give.
  const type = async (doc: Y.Doc, prefix: string, count: number, typed: string[]) => {
    for (let i = 0; i < count; i++) {
      measuresOf(doc).push([newMeasureMap({ id: `${prefix}-${i}`, title: `${prefix} ${i} ${'é'.repeat(1500)}` })]);
      typed.push(`${prefix}-${i}`);
      await pause(10);
    }
  };

  it('full: /readyz says so, nothing hangs, and everything is stored once there is room again', { timeout: 180_000 }, async () => {
    const writer = connect(0);
    const reader = connect(1);
    await Promise.all([writer.synced(), reader.synced()]);
    expect((await readyz()).status).toBe(200);

    const free = volume.fill();
    await eventually(async () => {
      const full = await readyz();
      expect(full.status).toBe(503);
      expect(full.body.reasons?.join(' ')).toMatch(/disk full/);
    }, 20_000);
    const typed: string[] = [];
    await type(writer.doc, 'full', 60, typed);
    await eventually(async () => expect(await metricValue(child!.url, 'tansiq_collab_failed_flushes_total')).toBeGreaterThan(0), 30_000);
    // The API still answers (an error or not), rather than waiting for ever.
    const api = await ApiClient.withToken(child!.url, world.editors[0]!.token).get('/api/documents');
    expect(api.status).toBeGreaterThan(0);
    const acknowledged = measureIds(reader.doc).size;

    const freedAt = performance.now();
    free();
    await eventually(() => expect(typed.filter((id) => !measureIds(reader.doc).has(id))).toEqual([]), 60_000);
    await eventually(async () => expect(await metricValue(child!.url, 'tansiq_collab_unstored_updates')).toBe(0), 60_000);
    await eventually(async () => expect((await readyz()).status).toBe(200), 30_000);
    console.info(
      `full disk (PGlite): typed ${typed.length}, acknowledged ${acknowledged}, lost 0, converged and stored ${Math.round(performance.now() - freedAt)} ms after space was freed`,
    );
    writer.provider.disconnect();
    reader.provider.disconnect();
  });

  it('failing: /readyz says so, SIGTERM ends within 10 s with the count of unstored updates, and nothing acknowledged is lost', { timeout: 240_000 }, async () => {
    const writer = connect(0);
    const reader = connect(1);
    await Promise.all([writer.synced(), reader.synced()]);
    const typed: string[] = [];
    await type(writer.doc, 'before', 10, typed);
    await eventually(async () => expect(await metricValue(child!.url, 'tansiq_collab_unstored_updates')).toBe(0));
    const acknowledged = [...typed];

    volume.cut();
    await type(writer.doc, 'failing', 20, typed);
    await eventually(async () => {
      const failing = await readyz();
      expect(failing.status).toBe(503);
      expect(failing.body.reasons?.join(' ')).toMatch(/database|writes/);
    }, 30_000);
    // A new connection is refused (the document cannot be read), not left waiting.
    const late = connectPeer(child!.url, world.documentId, world.editors[1]!.token);
    peers.push(late);
    await eventually(() => expect(late.closes.length).toBeGreaterThan(0), 30_000);
    late.provider.disconnect();

    const stoppedAt = performance.now();
    await child!.stop();
    const stopMs = performance.now() - stoppedAt;
    const output = child!.output();
    child = undefined;
    expect(stopMs, output).toBeLessThan(10_000);
    const unstored = Number(/"unstoredUpdates":(\d+)/.exec(output)?.[1]);
    expect(unstored, output).toBeGreaterThan(0);

    volume.remount();
    child = await spawnServer(port, { ...database.env, ...env });
    const restartedAt = performance.now();
    const fresh = connect(1);
    await fresh.synced();
    const lost = acknowledged.filter((id) => !measureIds(fresh.doc).has(id));
    // The writer comes back with what the server never stored.
    await eventually(() => expect(typed.filter((id) => !measureIds(fresh.doc).has(id))).toEqual([]), 60_000);
    console.info(
      `failing disk (PGlite): typed ${typed.length}, acknowledged ${acknowledged.length}, lost ${lost.length}; SIGTERM ended after ${Math.round(stopMs)} ms ` +
        `with ${unstored} updates unstored; converged ${Math.round(performance.now() - restartedAt)} ms after the restart`,
    );
    expect(lost).toEqual([]);
  });
});
