import { afterAll, beforeAll, describe, it } from 'vitest';
import { createLiveWorld, expectRightEnded, openProbe, type LiveWorld, type Probe } from '../helpers/live-rights.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { RIGHT_CASES } from './live-rights-cases.ts';

describe('rights end on live connections within a second', () => {
  let server: TestServer;
  let world: LiveWorld;
  const probes: Probe[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    world = await createLiveWorld(server.database.db, server.url);
  });
  afterAll(async () => {
    for (const probe of probes) probe.close();
    await server?.close();
  });

  for (const rightCase of RIGHT_CASES) {
    it(`${rightCase.name}: sync ${rightCase.expected.sync}, socket.io ${rightCase.expected.socket}`, async () => {
      const document = await world.newDocument();
      const { credential, end } = await rightCase.prepare(world, server.url, document);
      const probe = await openProbe(world, server, document.id, credential);
      probes.push(probe);
      const endedAt = await end();
      await expectRightEnded(probe, rightCase.expected, { live: server, act: server, db: server.database.db }, endedAt);
    });
  }
});
