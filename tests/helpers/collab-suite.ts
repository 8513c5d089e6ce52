import { afterAll } from 'vitest';
import { connectPeer, type TestPeer } from './collab.ts';
import { collabWorld, type CollabWorld } from './collab-world.ts';
import type { TestServer } from './server.ts';
import { suiteWith } from './suite.ts';

export interface CollabSuite {
  /** set once the suite's beforeAll ran */
  server: TestServer;
  world: CollabWorld;
  /** a stock provider on the world's document as `world.editors[index]`, destroyed after the suite */
  connect(index: number): TestPeer;
}

/**
 * For one `describe`: a test server (with `env`) and a collaboration world on it (suiteWith), and
 * the peers its tests connect, destroyed after them.
 */
export function collabSuite(env: Record<string, string> = {}): CollabSuite {
  const peers: TestPeer[] = [];
  const suite = suiteWith((db, url) => collabWorld(db, url), env) as CollabSuite;
  // Registered after suiteWith's: vitest runs afterAll hooks last-registered first, so the peers go before the server.
  afterAll(() => {
    for (const peer of peers) peer.destroy();
  });
  suite.connect = (index: number) => {
    const peer = connectPeer(suite.server.url, suite.world.documentId, suite.world.editors[index]!.token);
    peers.push(peer);
    return peer;
  };
  return suite;
}
