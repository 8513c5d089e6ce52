import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RunningServer } from '../../server/server.ts';
import { bodyOf, bodyText, createMeasure } from '../../shared/doc-schema.ts';
import { freePort } from '../helpers/child-server.ts';
import { connectPeer, eventually, type TestPeer } from '../helpers/collab.ts';
import { collabWorld, type CollabWorld } from '../helpers/collab-world.ts';
import { createPersistentDatabase, startServerOn, withDatabase, type PersistentDatabase } from '../helpers/persistent-database.ts';
import { applyRandomEdit, createGen, documentContent } from '../helpers/random-edits.ts';
import { loadStoredDocument } from '../helpers/stored-document.ts';

function paragraph(text: string): Y.XmlElement {
  const element = new Y.XmlElement('paragraph');
  element.insert(0, [new Y.XmlText(text)]);
  return element;
}

describe('content survives restarts and unload/reload cycles', () => {
  let database: PersistentDatabase;
  let server: RunningServer;
  let world: CollabWorld;
  const env = { COLLAB_UNLOAD_DELAY_MS: '0', COLLAB_COMPACT_AFTER: '8' };
  const peers: TestPeer[] = [];
  const connect = (token: string) => {
    const peer = connectPeer(server.url, world.documentId, token);
    peers.push(peer);
    return peer;
  };

  beforeAll(async () => {
    database = await createPersistentDatabase();
    server = await startServerOn(database, { ...env, PORT: String(await freePort()) });
    world = await collabWorld(server.database.db, server.url);
  });
  afterAll(async () => {
    for (const peer of peers) peer.destroy();
    await server?.close();
    await database?.dispose();
  });

  it('a restarted server serves what was written, and returning clients duplicate nothing', async () => {
    const a = connect(world.editors[0]!.token);
    const b = connect(world.editors[1]!.token);
    await Promise.all([a.synced(), b.synced()]);
    bodyOf(a.doc).insert(0, [paragraph('Avant le redémarrage')]);
    createMeasure(b.doc, { id: 'restart-1', title: 'Guichet unique' });
    await eventually(() => expect(documentContent(b.doc)).toEqual(documentContent(a.doc)));
    const before = documentContent(a.doc);

    const port = server.port;
    await server.close();
    server = await startServerOn(database, { ...env, PORT: String(port) });

    // A newcomer reads only what the database had; the old clients reconnect on their own.
    const fresh = connect(world.editors[0]!.token);
    await fresh.synced();
    expect(documentContent(fresh.doc)).toEqual(before);
    await eventually(() => {
      expect(a.provider.synced && b.provider.synced).toBe(true);
      expect(documentContent(a.doc)).toEqual(before);
      expect(documentContent(b.doc)).toEqual(before);
    });
    // The template is the server's, written once: no second copy after the reconnects.
    const headings = bodyOf(fresh.doc)
      .toArray()
      .filter((node) => node instanceof Y.XmlElement && node.nodeName === 'heading');
    expect(new Set(headings.map((node) => node.toString())).size).toBe(headings.length);
  });

  it('the clients keep editing after the restart and everything is stored', async () => {
    const [a, b] = peers;
    bodyOf(a!.doc).insert(1, [paragraph('Après le redémarrage')]);
    await eventually(() => expect(bodyText(b!.doc)).toContain('Après le redémarrage'));
    await server.hub.store.flush();
    const stored = await loadStoredDocument(server.database.db, world.documentId);
    expect(documentContent(stored)).toEqual(documentContent(a!.doc));
  });

  it('unload and reload cycles keep the content', async () => {
    for (const peer of peers.splice(0)) peer.destroy();
    await eventually(() => expect(server.hub.openDocuments).toBe(0));
    const gen = createGen(7);
    let expected: ReturnType<typeof documentContent> | undefined;
    for (let cycle = 0; cycle < 6; cycle++) {
      const peer = connect(world.editors[cycle % 2]!.token);
      await peer.synced();
      if (expected) expect(documentContent(peer.doc), `after reload ${cycle}`).toEqual(expected);
      for (let i = 0; i < 20; i++) applyRandomEdit(peer.doc, gen);
      bodyOf(peer.doc).insert(0, [paragraph(`cycle ${cycle}`)]);
      expected = documentContent(peer.doc);
      // Everything sent must reach the server before the last connection leaves.
      await eventually(() => expect(server.hub.room(world.documentId)?.doc && documentContent(server.hub.room(world.documentId)!.doc)).toEqual(expected));
      peer.destroy();
      peers.splice(peers.indexOf(peer), 1);
      await eventually(() => expect(server.hub.openDocuments).toBe(0));
    }
    const snapshot = await server.database.db.selectFrom('doc_snapshots').select('update_count').where('document_id', '=', world.documentId).executeTakeFirst();
    expect(snapshot, 'the unloads compacted the log').toBeDefined();
    const stored = await loadStoredDocument(server.database.db, world.documentId);
    expect(documentContent(stored)).toEqual(expected);
  });

  it('after a final restart the database alone holds the last state', async () => {
    const port = server.port;
    await server.close();
    const last = await withDatabase(database, async (handle) => documentContent(await loadStoredDocument(handle.db, world.documentId)));
    server = await startServerOn(database, { ...env, PORT: String(port) });
    const peer = connect(world.editors[0]!.token);
    await peer.synced();
    expect(documentContent(peer.doc)).toEqual(last);
    expect(bodyText(peer.doc)).toContain('cycle 5');
  });
});
