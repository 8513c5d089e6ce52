import { afterAll, beforeAll, describe, it } from 'vitest';
import type { DatabaseHandle } from '../../db/database.ts';
import type { RunningServer } from '../../server/server.ts';
import { createLiveWorld, expectRightEnded, openProbe, type LiveWorld, type Probe } from '../helpers/live-rights.ts';
import { createPersistentDatabase, startServerOn, type PersistentDatabase } from '../helpers/persistent-database.ts';
import { RIGHT_CASES } from './live-rights-cases.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const ACROSS = ['logout', 'token revocation', 'demoted from administrator to member', 'grant removed'];

// Two processes need a database both can open: PostgreSQL. The embedded database is one process's.
describe.skipIf(!process.env.DATABASE_URL)('rights end on live connections of another process within a second', () => {
  let database: PersistentDatabase;
  let handle: DatabaseHandle;
  /** where the right ends (the request is served here) */
  let act: RunningServer;
  /** where the person's connections are */
  let live: RunningServer;
  let world: LiveWorld;
  const probes: Probe[] = [];

  beforeAll(async () => {
    database = await createPersistentDatabase();
    act = await startServerOn(database, { REDIS_URL });
    live = await startServerOn(database, { REDIS_URL });
    handle = await database.open();
    world = await createLiveWorld(handle.db, act.url);
  });
  afterAll(async () => {
    for (const probe of probes) probe.close();
    await act?.close();
    await live?.close();
    await handle?.close();
    await database?.dispose();
  });

  for (const rightCase of RIGHT_CASES.filter((candidate) => ACROSS.includes(candidate.name))) {
    it(`${rightCase.name}, raised on one process: sync ${rightCase.expected.sync}, socket.io ${rightCase.expected.socket} on the other`, async () => {
      const document = await world.newDocument();
      const { credential, end } = await rightCase.prepare(world, act.url, document);
      const probe = await openProbe(world, live, document.id, credential);
      probes.push(probe);
      const endedAt = await end();
      await expectRightEnded(probe, rightCase.expected, { live, act, db: handle.db }, endedAt);
    });
  }
});
