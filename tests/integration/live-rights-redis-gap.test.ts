import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/database.ts';
import type { RunningServer } from '../../server/server.ts';
import { apiToken, eventually } from '../helpers/collab.ts';
import { createLiveWorld, expectRightEnded, openProbe, type LiveWorld, type Probe } from '../helpers/live-rights.ts';
import { startOwnRedis, type OwnRedis } from '../helpers/own-redis.ts';
import { startPausableProxy, type PausableProxy } from '../helpers/pausable-proxy.ts';
import { createPersistentDatabase, startServerOn, type PersistentDatabase } from '../helpers/persistent-database.ts';

/**
 * Redis pub/sub keeps nothing for a subscriber that is away. A process cut off from Redis while a
 * grant is removed on another one never hears of it: once it is back, it must decide its live
 * connections again itself, or the person keeps editing a document they may no longer see.
 */
describe.skipIf(!process.env.DATABASE_URL)('a right that ends while a process is cut off from Redis', () => {
  let database: PersistentDatabase;
  let handle: DatabaseHandle;
  let redis: OwnRedis;
  /** between `live` and Redis, so that `live` alone loses it */
  let proxy: PausableProxy;
  let act: RunningServer;
  let live: RunningServer;
  let world: LiveWorld;
  const probes: Probe[] = [];

  beforeAll(async () => {
    database = await createPersistentDatabase();
    redis = await startOwnRedis();
    proxy = await startPausableProxy('127.0.0.1', Number(new URL(redis.url).port));
    act = await startServerOn(database, { REDIS_URL: redis.url });
    live = await startServerOn(database, { REDIS_URL: `redis://127.0.0.1:${proxy.port}` });
    handle = await database.open();
    world = await createLiveWorld(handle.db, act.url);
  }, 60_000);
  afterAll(async () => {
    for (const probe of probes) probe.close();
    proxy?.resume();
    await act?.close();
    await live?.close();
    await proxy?.close();
    await redis?.stop();
    await handle?.close();
    await database?.dispose();
  });

  const readiness = async (server: RunningServer) => (await fetch(`${server.url}/readyz`)).status;

  it('ends the connections on that process once it is back', { timeout: 60_000 }, async () => {
    const document = await world.newDocument();
    const person = await world.newUser(world.orgs.partner);
    const probe = await openProbe(world, live, document.id, { token: await apiToken(handle.db, person.id) });
    probes.push(probe);

    proxy.cut();
    await eventually(async () => expect(await readiness(live)).toBe(503));
    expect((await world.admin.delete(`/api/documents/${document.id}/access/${document.partnerGrantId}`)).status).toBe(204);
    proxy.resume();
    await eventually(async () => expect(await readiness(live)).toBe(200), 20_000);
    const backAt = Date.now();

    await expectRightEnded(probe, { sync: 4403, socket: 'left' }, { live, act, db: handle.db }, backAt, 5_000);
  });
});
