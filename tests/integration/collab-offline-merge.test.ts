import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPeer, eventually, type TestPeer } from '../helpers/collab.ts';
import { collabWorld, type CollabWorld } from '../helpers/collab-world.ts';
import { reportFaultFigures } from '../helpers/fault-figures.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { loadStoredDocument } from '../helpers/stored-document.ts';
import { missingTokens, typeToken } from '../helpers/typed-edits.ts';

/**
 * Three people go offline, each types on in the same paragraph while the others type online, and
 * all come back: every edit of every one of them is merged, reaches everyone and is stored. The
 * edits are countable tokens, so a lost one is named.
 */
describe('offline edits merge when their authors come back', () => {
  let server: TestServer;
  let world: CollabWorld;
  const peers: TestPeer[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    world = await collabWorld(server.database.db, server.url, { editors: 4, kind: 'note' });
  });
  afterAll(async () => {
    for (const peer of peers) peer.destroy();
    await server?.close();
  });

  it('merges every offline edit, on every client and in the database', { timeout: 120_000 }, async () => {
    const clients = world.editors.map((editor) => {
      const peer = connectPeer(server.url, world.documentId, editor.token);
      peers.push(peer);
      return peer;
    });
    await Promise.all(clients.map((client) => client.synced()));
    const offline = clients.slice(0, 3);
    const online = clients[3]!;
    for (const client of offline) client.provider.disconnect();

    const typed: string[] = [];
    for (let round = 0; round < 40; round++) {
      for (const [index, client] of clients.entries()) {
        const token = `${client === online ? 'on' : `off${index}`}.${round}`;
        typeToken(client.doc, token);
        typed.push(token);
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    // Acknowledged: the online client's edits, which the server relayed and stored meanwhile.
    await server.hub.store.flush();
    const acknowledged = typed.filter((token) => token.startsWith('on.'));

    for (const client of offline) client.provider.connect();
    const reconnectedAt = performance.now();
    await eventually(() => {
      for (const client of clients) expect(missingTokens(client.doc, typed)).toEqual([]);
    }, 30_000);
    const convergedMs = performance.now() - reconnectedAt;
    await server.hub.store.flush();
    const stored = await loadStoredDocument(server.database.db, world.documentId);
    const lost = missingTokens(stored, typed);
    stored.destroy();
    reportFaultFigures({
      scenario: 'offline merge',
      typed: typed.length,
      acknowledged: acknowledged.length,
      lost: lost.length,
      convergedMs,
      note: "3 of 4 clients offline for the whole burst; acknowledged = the online one's; all counted in the database",
    });
    expect(lost).toEqual([]);
  });
});
