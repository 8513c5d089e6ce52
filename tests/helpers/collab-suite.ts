import { afterAll, beforeAll } from 'vitest';
import { connectPeer, type TestPeer } from './collab.ts';
import { collabWorld, type CollabWorld } from './collab-world.ts';
import { startTestServerWith, type TestServer } from './server.ts';

export interface CollabSuite {
  /** set once the suite's beforeAll ran */
  server: TestServer;
  world: CollabWorld;
  /** a stock provider on the world's document as `world.editors[index]`, destroyed after the suite */
  connect(index: number): TestPeer;
}

/**
 * For one `describe`: a test server (with `env`) and a collaboration world on it, started before its
 * tests, and closed after them with every peer they connected.
 */
export function collabSuite(env: Record<string, string> = {}): CollabSuite {
  const peers: TestPeer[] = [];
  const suite = {
    connect(index: number) {
      const peer = connectPeer(suite.server.url, suite.world.documentId, suite.world.editors[index]!.token);
      peers.push(peer);
      return peer;
    },
  } as CollabSuite;
  beforeAll(async () => {
    ({ server: suite.server, world: suite.world } = await startTestServerWith((db, url) => collabWorld(db, url), env));
  });
  afterAll(async () => {
    for (const peer of peers) peer.destroy();
    await suite.server?.close();
  });
  return suite;
}
