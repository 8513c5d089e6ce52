import * as prng from 'lib0/prng';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPeer, eventually, type TestPeer } from '../helpers/collab.ts';
import { collabWorld, type CollabWorld } from '../helpers/collab-world.ts';
import { applyRandomEdit, documentContent, testSeed, withSeed, type Gen } from '../helpers/random-edits.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { loadStoredDocument } from '../helpers/stored-document.ts';

/**
 * Stock WebsocketProvider clients edit one document at random (seeded), drop off and come back,
 * and must end with identical content that is also what the database holds.
 */
describe('concurrent editing through the stock provider converges', () => {
  let server: TestServer;
  let world: CollabWorld;
  const peers: TestPeer[] = [];

  beforeAll(async () => {
    server = await startTestServer({ COLLAB_PROJECTION_WAIT_MS: '50' });
    world = await collabWorld(server.database.db, server.url, { editors: 3 });
  });
  afterAll(async () => {
    for (const peer of peers) peer.destroy();
    await server?.close();
  });

  const connect = (index: number) => {
    const peer = connectPeer(server.url, world.documentId, world.editors[index % world.editors.length]!.token);
    peers.push(peer);
    return peer;
  };

  async function randomSession(gen: Gen, clients: TestPeer[], iterations: number): Promise<void> {
    await Promise.all(clients.map((client) => client.synced()));
    for (let i = 0; i < iterations; i++) {
      const roll = prng.int32(gen, 0, 100);
      const client = prng.oneOf(gen, clients);
      if (roll <= 2) {
        // Like applyRandomTests: now and then a client drops off, keeps editing offline, returns.
        if (client.provider.shouldConnect) client.provider.disconnect();
        else client.provider.connect();
      } else if (roll <= 40) {
        // Let the network deliver: interleavings differ between runs, the edits do not.
        await new Promise((resolve) => setTimeout(resolve, prng.int32(gen, 0, 3)));
      }
      applyRandomEdit(client.doc, gen);
    }
    for (const client of clients) if (!client.provider.shouldConnect) client.provider.connect();
  }

  async function expectConverged(clients: TestPeer[]): Promise<void> {
    await eventually(() => {
      const first = documentContent(clients[0]!.doc);
      expect(first.pending).toBe(false);
      for (const client of clients.slice(1)) expect(documentContent(client.doc)).toEqual(first);
    }, 20_000);
    await server.hub.store.flush();
    const stored = await loadStoredDocument(server.database.db, world.documentId);
    expect(documentContent(stored), 'the database holds what the clients see').toEqual(documentContent(clients[0]!.doc));
    stored.destroy();
  }

  it('two clients', async () => {
    const seed = testSeed();
    await withSeed(seed, async (gen) => {
      const clients = [connect(0), connect(1)];
      await randomSession(gen, clients, 300);
      await expectConverged(clients);
    });
  });

  it('ten clients, some of them coming and going', async () => {
    const seed = testSeed();
    await withSeed(seed, async (gen) => {
      const clients = Array.from({ length: 10 }, (_, i) => connect(i));
      await randomSession(gen, clients, 1_000);
      await expectConverged(clients);
    });
  });

  it('a client joining late gets the full state', async () => {
    const before = peers[0]!;
    const late = connect(2);
    await late.synced();
    await eventually(() => expect(documentContent(late.doc)).toEqual(documentContent(before.doc)));
    expect(late.doc.share.size).toBeGreaterThan(0);
  });
});
