import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bodyOf, bodyText } from '../../shared/doc-schema.ts';
import { metricValue } from '../helpers/child-server.ts';
import { connectPeer, eventually, type TestPeer } from '../helpers/collab.ts';
import { collabWorld, type CollabWorld } from '../helpers/collab-world.ts';
import { closedWith, connectRaw } from '../helpers/raw-collab.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { loadStoredDocument, storedRows } from '../helpers/stored-document.ts';

/**
 * A document that cannot be read is never served (and later stored) as an empty one: clients are
 * closed with the retry code, nothing is written for it, and the next connection tries again.
 */
describe('a document that fails to load', () => {
  let server: TestServer;
  let world: CollabWorld;
  let peer: TestPeer | undefined;
  const CORRUPT = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff]);

  beforeAll(async () => {
    server = await startTestServer({ COLLAB_UNLOAD_DELAY_MS: '0' });
    world = await collabWorld(server.database.db, server.url);
    await server.database.db.insertInto('doc_snapshots').values({ document_id: world.documentId, state: CORRUPT, last_update_id: 0 }).execute();
  });
  afterAll(async () => {
    peer?.destroy();
    await server?.close();
  });

  it('closes clients with the retry code and stores nothing, however often they come back', async () => {
    const before = await storedRows(server.database.db, world.documentId);
    const raw = connectRaw(server.url, world.documentId, world.editors[0]!.token);
    expect(await closedWith(raw)).toMatchObject({ code: 4503, reason: expect.stringContaining('retry') });

    // A returning client with offline edits: they must not be written over an unreadable document.
    const doc = new Y.Doc();
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('Écrit hors ligne')]);
    bodyOf(doc).insert(0, [paragraph]);
    peer = connectPeer(server.url, world.documentId, world.editors[1]!.token, { doc });
    await eventually(() => expect(peer!.closes.filter((close) => close.code === 4503).length).toBeGreaterThanOrEqual(3));
    expect(peer.provider.shouldConnect, 'a 45xx close is transient: the provider keeps retrying').toBe(true);

    await server.hub.store.flush();
    expect(await storedRows(server.database.db, world.documentId)).toEqual(before);
    const snapshot = await server.database.db.selectFrom('doc_snapshots').select('state').where('document_id', '=', world.documentId).executeTakeFirstOrThrow();
    expect(new Uint8Array(snapshot.state)).toEqual(CORRUPT);
    await eventually(async () => {
      expect(server.hub.openDocuments).toBe(0);
      expect(await metricValue(server.url, 'tansiq_collab_connections')).toBe(0);
    });
  });

  it('a stored row that would hang Yjs (yjs#687) fails the load instead of stalling the server', async () => {
    const other = await collabWorld(server.database.db, server.url);
    const hostile = Uint8Array.from(Buffer.from('e49c100005ffff0500010000000101000000ed000000010100feb8c2e9ad87d91200000101ffedf6', 'hex'));
    await server.database.db.insertInto('doc_updates').values({ document_id: other.documentId, data: hostile }).execute();
    const raw = connectRaw(server.url, other.documentId, other.editors[0]!.token);
    expect(await closedWith(raw)).toMatchObject({ code: 4503 });
    // Still serving: the document of the other tests answers.
    const probe = connectRaw(server.url, world.documentId, world.editors[0]!.token);
    expect((await closedWith(probe)).code).toBe(4503);
  });

  it('once the storage is readable again, the next retry loads it and the offline edits arrive', async () => {
    await server.database.db.deleteFrom('doc_snapshots').where('document_id', '=', world.documentId).execute();
    await eventually(() => expect(peer!.provider.synced).toBe(true));
    const text = bodyText(peer!.doc);
    expect(text).toContain('Contexte');
    expect(text).toContain('Écrit hors ligne');
    await eventually(async () => {
      await server.hub.store.flush();
      expect(bodyText(await loadStoredDocument(server.database.db, world.documentId))).toContain('Écrit hors ligne');
    });
  });
});
