import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server.ts';
import { freePort } from '../helpers/child-server.ts';
import { connectPeer, eventually, type TestPeer } from '../helpers/collab.ts';
import { collabWorld, type CollabWorld } from '../helpers/collab-world.ts';
import { ApiClient } from '../helpers/http.ts';
import { createPersistentDatabase, startServerOn, type PersistentDatabase } from '../helpers/persistent-database.ts';
import { loadStoredDocument } from '../helpers/stored-document.ts';
import { missingTokens, typeToken } from '../helpers/typed-edits.ts';

const DOCUMENTS = 24;
const EDITS_PER_DOCUMENT = 6;

/**
 * A shutdown (SIGTERM's close) with many documents open, each edited a moment before: every edit
 * another client had already received is in the database afterwards. The shutdown writes the
 * documents out together, not one after the other; nothing may be skipped for it.
 */
describe('a shutdown with many open documents', () => {
  let database: PersistentDatabase;
  let server: RunningServer;
  let world: CollabWorld;
  const peers: TestPeer[] = [];
  // A long unload delay: every document is still open (and just edited) when the server closes.
  const env = { COLLAB_UNLOAD_DELAY_MS: '600000', COLLAB_COMPACT_AFTER: '4' };

  beforeAll(async () => {
    database = await createPersistentDatabase();
    server = await startServerOn(database, { ...env, PORT: String(await freePort()) });
    world = await collabWorld(server.database.db, server.url, { kind: 'note' });
  });
  afterAll(async () => {
    for (const peer of peers) peer.destroy();
    await server?.close();
    await database?.dispose();
  });

  it('loses none of the edits acknowledged before it', { timeout: 120_000 }, async () => {
    const api = ApiClient.withToken(server.url, world.editors[0]!.token);
    const documentIds = [world.documentId];
    while (documentIds.length < DOCUMENTS) {
      const created = await api.post('/api/documents', { kind: 'note', title: `Ouvert ${documentIds.length}` });
      expect(created.status).toBe(201);
      documentIds.push(created.body.document.id);
    }
    const pairs = documentIds.map((documentId) => {
      const writer = connectPeer(server.url, documentId, world.editors[0]!.token);
      const reader = connectPeer(server.url, documentId, world.editors[1]!.token);
      peers.push(writer, reader);
      return { documentId, writer, reader };
    });
    await Promise.all(peers.map((peer) => peer.synced()));
    const typed = new Map(documentIds.map((documentId, d) => [documentId, Array.from({ length: EDITS_PER_DOCUMENT }, (_, i) => `d${d}e${i}`)]));
    for (const { documentId, writer } of pairs) for (const token of typed.get(documentId)!) typeToken(writer.doc, token);
    // Acknowledged: another client of the same document holds them.
    await eventually(() => {
      for (const { documentId, reader } of pairs) expect(missingTokens(reader.doc, typed.get(documentId)!)).toEqual([]);
    }, 30_000);
    expect(server.hub.openDocuments).toBe(DOCUMENTS);
    // The clients go away with the server: only what it wrote out counts.
    for (const peer of peers) peer.provider.disconnect();
    await server.close();

    server = await startServerOn(database, env);
    for (const documentId of documentIds) {
      const stored = await loadStoredDocument(server.database.db, documentId);
      expect(missingTokens(stored, typed.get(documentId)!), `document ${documentId}`).toEqual([]);
      stored.destroy();
    }
  });
});
