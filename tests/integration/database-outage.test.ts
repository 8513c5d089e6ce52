import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { measuresOf, newMeasureMap } from '../../shared/doc-schema.ts';
import { freePort, metricValue, spawnServer, type ChildServer } from '../helpers/child-server.ts';
import { connectPeer, eventually, type TestPeer } from '../helpers/collab.ts';
import { collabWorld, type CollabWorld } from '../helpers/collab-world.ts';
import { createPersistentDatabase, startServerOn, withDatabase, type PersistentDatabase } from '../helpers/persistent-database.ts';
import { startPausableProxy, type PausableProxy } from '../helpers/pausable-proxy.ts';
import { loadStoredDocument } from '../helpers/stored-document.ts';
import { reportFaultFigures } from '../helpers/fault-figures.ts';

/**
 * PostgreSQL stops answering (a proxy between Tansiq and it stops passing anything; connections
 * stay open, so only a timeout notices). Nothing may hang: /readyz says what is wrong, edits are
 * held up to a bound and then refused with "retry later" (the clients keep them), everything is
 * stored once the database is back, and SIGTERM ends within 10 s even while it is gone.
 */
describe.skipIf(!process.env.DATABASE_URL)('PostgreSQL stops answering', () => {
  let database: PersistentDatabase;
  let proxy: PausableProxy;
  let world: CollabWorld;
  let child: ChildServer | undefined;
  const peers: TestPeer[] = [];
  const readyz = async (url: string) => {
    // A hang detector, not a speed test: /readyz must answer at all while the database does not.
    const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(5_000) });
    return { status: response.status, body: (await response.json()) as { reasons?: string[] } };
  };
  const measureIds = (doc: Y.Doc) =>
    new Set(
      measuresOf(doc)
        .toArray()
        .map((measure) => measure.get('id') as string),
    );
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  beforeAll(async () => {
    database = await createPersistentDatabase();
    const setup = await startServerOn(database);
    world = await collabWorld(setup.database.db, setup.url, { editors: 2 });
    await setup.close();
    const target = new URL(database.env.DATABASE_URL!);
    proxy = await startPausableProxy(target.hostname, Number(target.port || 5432));
    const proxied = new URL(target);
    proxied.host = `127.0.0.1:${proxy.port}`;
    child = await spawnServer(await freePort(), {
      DATABASE_URL: proxied.toString(),
      DATABASE_QUERY_TIMEOUT_MS: '1500',
      COLLAB_MAX_UNSTORED_BYTES: '3000',
    });
  }, 180_000);
  afterAll(async () => {
    for (const peer of peers) peer.destroy();
    proxy?.resume();
    await child?.stop();
    await proxy?.close();
    await database?.dispose();
  });

  const connect = (index: number) => {
    const peer = connectPeer(child!.url, world.documentId, world.editors[index]!.token);
    peers.push(peer);
    return peer;
  };

  it('says so on /readyz, bounds what it holds, refuses with 4503, then stores everything', { timeout: 120_000 }, async () => {
    const writer = connect(0);
    const reader = connect(1);
    await Promise.all([writer.synced(), reader.synced()]);
    expect((await readyz(child!.url)).status).toBe(200);

    proxy.pause();
    const down = await readyz(child!.url);
    expect(down.status).toBe(503);
    expect(down.body.reasons?.join(' ')).toMatch(/database/);

    const typed: string[] = [];
    for (let i = 0; i < 60; i++) {
      measuresOf(writer.doc).push([newMeasureMap({ id: `outage-${i}`, title: `Mesure saisie pendant la panne ${i}` })]);
      typed.push(`outage-${i}`);
      await pause(20);
    }
    // Past the bound, the writer was told to retry later; what was accepted before waits in memory.
    await eventually(() => expect(writer.closes.map((close) => close.code)).toContain(4503), 20_000);
    const acknowledgedIds = typed.filter((id) => measureIds(reader.doc).has(id));
    expect(acknowledgedIds.length).toBeLessThan(typed.length);
    expect(await metricValue(child!.url, 'tansiq_collab_unstored_updates')).toBeGreaterThan(0);
    expect(await metricValue(child!.url, 'tansiq_collab_unstored_bytes')).toBeGreaterThanOrEqual(3000);
    expect(await metricValue(child!.url, 'tansiq_collab_oldest_unstored_seconds')).toBeGreaterThan(0);
    await eventually(async () => expect(await metricValue(child!.url, 'tansiq_collab_failed_flushes_total')).toBeGreaterThan(0), 20_000);
    const failing = await readyz(child!.url);
    expect(failing.status).toBe(503);
    expect(failing.body.reasons?.join(' ')).toMatch(/writes: failing writes/);

    const resumedAt = performance.now();
    proxy.resume();
    await eventually(() => expect(measureIds(reader.doc).size).toBe(typed.length), 60_000);
    const convergedMs = performance.now() - resumedAt;
    await eventually(async () => expect((await readyz(child!.url)).status).toBe(200), 20_000);
    await eventually(async () => {
      const stored = await withDatabase(database, (handle) => loadStoredDocument(handle.db, world.documentId));
      expect(measureIds(stored).size).toBe(typed.length);
    }, 20_000);
    const stored = await withDatabase(database, (handle) => loadStoredDocument(handle.db, world.documentId));
    const lost = acknowledgedIds.filter((id) => !measureIds(stored).has(id));
    reportFaultFigures({
      scenario: 'database stops answering',
      typed: typed.length,
      acknowledged: acknowledgedIds.length,
      lost: lost.length,
      convergedMs,
      note: 'the rest refused with 4503 and resent',
    });
    expect(lost).toEqual([]);
  });

  it('ends on SIGTERM within 10 s with the database gone, saying how many updates remain unstored', { timeout: 60_000 }, async () => {
    const writer = connect(0);
    await writer.synced();
    proxy.pause();
    for (let i = 0; i < 5; i++) measuresOf(writer.doc).push([newMeasureMap({ id: `late-${i}`, title: `Mesure ${i}` })]);
    await eventually(async () => expect(await metricValue(child!.url, 'tansiq_collab_unstored_updates')).toBeGreaterThan(0));
    const stoppedAt = performance.now();
    await child!.stop();
    const stopMs = performance.now() - stoppedAt;
    const output = child!.output();
    child = undefined;
    console.info(`SIGTERM with PostgreSQL gone: ended after ${Math.round(stopMs)} ms`);
    expect(stopMs, output).toBeLessThan(10_000);
    // The count of what remains unstored is in the log (its clients still hold it).
    const unstored = Number(/"unstoredUpdates":(\d+)/.exec(output)?.[1]);
    expect(unstored, output).toBeGreaterThan(0);
  });
});
