import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { appendBlocks, bodyOf, createMeasure } from '../../shared/doc-schema.ts';
import { connectPeer, eventually, type TestPeer } from '../helpers/collab.ts';
import { collabWorld, type CollabWorld } from '../helpers/collab-world.ts';
import { applyRandomEdit, createGen, documentContent } from '../helpers/random-edits.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { loadStoredDocument, storedRows } from '../helpers/stored-document.ts';

/**
 * A document that is not open is served to the clients waiting for it straight from its stored
 * snapshot and log, while the server builds its own copy: newcomers and returning clients (with
 * offline edits) must end up with exactly the stored document, whatever mix of snapshot and log.
 */
describe('opening a document that is not in memory', () => {
  let server: TestServer;
  let world: CollabWorld;
  const peers: TestPeer[] = [];
  const connect = (token: string, doc?: Y.Doc) => {
    const peer = connectPeer(server.url, world.documentId, token, { doc });
    peers.push(peer);
    return peer;
  };
  const unloaded = () => eventually(() => expect(server.hub.openDocuments).toBe(0));

  beforeAll(async () => {
    server = await startTestServer({ COLLAB_UNLOAD_DELAY_MS: '0', COLLAB_COMPACT_AFTER: '1000000' });
    world = await collabWorld(server.database.db, server.url);
  });
  afterEach(() => {
    for (const peer of peers.splice(0)) peer.destroy();
  });
  afterAll(() => server?.close());

  it('serves snapshot + log to newcomers and to a returning client with offline edits', async () => {
    const writer = connect(world.editors[0]!.token);
    await writer.synced();
    const gen = createGen(7);
    for (let i = 0; i < 60; i++) applyRandomEdit(writer.doc, gen);
    await eventually(async () => expect(documentContent(await loadStoredDocument(server.database.db, world.documentId))).toEqual(documentContent(writer.doc)));
    // Part of the history merged into the snapshot, the rest left in the log.
    await server.hub.compact(world.documentId);
    for (let i = 0; i < 40; i++) applyRandomEdit(writer.doc, gen);
    createMeasure(writer.doc, { id: 'cold-1', title: 'Mesure après compaction' });
    const returning = new Y.Doc();
    Y.applyUpdate(returning, Y.encodeStateAsUpdate(writer.doc));
    await eventually(async () => expect(documentContent(await loadStoredDocument(server.database.db, world.documentId))).toEqual(documentContent(writer.doc)));
    writer.destroy();
    await unloaded();
    expect(await storedRows(server.database.db, world.documentId)).toMatchObject({ snapshot: true, updates: expect.any(Number) });
    expect((await storedRows(server.database.db, world.documentId)).updates).toBeGreaterThan(0);
    const stored = documentContent(await loadStoredDocument(server.database.db, world.documentId));

    const newcomer = connect(world.editors[1]!.token);
    await newcomer.synced();
    expect(documentContent(newcomer.doc)).toEqual(stored);
    newcomer.destroy();
    await unloaded();

    // Offline edits on top of an older copy: the client sends its state vector, gets what it lacks.
    bodyOf(returning).delete(0, 1);
    for (let i = 0; i < 10; i++) applyRandomEdit(returning, gen);
    const back = connect(world.editors[0]!.token, returning);
    const other = connect(world.editors[1]!.token);
    await Promise.all([back.synced(), other.synced()]);
    await eventually(() => expect(documentContent(other.doc)).toEqual(documentContent(back.doc)));
    await eventually(async () => expect(documentContent(await loadStoredDocument(server.database.db, world.documentId))).toEqual(documentContent(back.doc)));
  });

  it('serves an empty document that has never been edited', async () => {
    const created = await collabWorld(server.database.db, server.url);
    const peer = connectPeer(server.url, created.documentId, created.editors[0]!.token);
    peers.push(peer);
    await peer.synced();
    const stored = await loadStoredDocument(server.database.db, created.documentId);
    expect(documentContent(peer.doc)).toEqual(documentContent(stored));
  });

  it('reads the document while a connection is admitted, but never serves that read once a room has changed it', async () => {
    const { db } = server.database;
    const doc = world.documentId;
    await unloaded();
    // Held as by a connection whose access is still being checked…
    const release = server.hub.prefetch(doc);
    // …while a change made by the server opens the document, edits it, stores it and unloads it.
    await server.hub.applyServerChange(doc, (d) => appendBlocks(d, [{ type: 'paragraph', text: 'Ajouté pendant l’admission' }]), world.editors[0]!.id);
    await unloaded();
    const stored = documentContent(await loadStoredDocument(db, doc));
    expect(JSON.stringify(stored)).toContain('Ajouté pendant l’admission');
    // A connection opening it now gets what is stored, not the read begun before the change.
    const late = server.hub.prefetch(doc);
    const reader = connect(world.editors[1]!.token);
    await reader.synced();
    expect(documentContent(reader.doc)).toEqual(stored);
    release();
    late();
  });

  it('forgets a read that no admitted connection took: a later opening reads again', async () => {
    const { db } = server.database;
    const created = await collabWorld(db, server.url);
    await unloaded();
    server.hub.prefetch(created.documentId)();
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Then another process stores an edit (straight into the log, as its store would).
    const other = await loadStoredDocument(db, created.documentId);
    const before = Y.encodeStateVector(other);
    appendBlocks(other, [{ type: 'paragraph', text: 'Écrit par un autre processus' }]);
    await db
      .insertInto('doc_updates')
      .values({ document_id: created.documentId, data: Y.encodeStateAsUpdate(other, before) })
      .execute();
    const peer = connectPeer(server.url, created.documentId, created.editors[0]!.token);
    peers.push(peer);
    await peer.synced();
    expect(documentContent(peer.doc)).toEqual(documentContent(other));
  });
  it('answers a large compacted document from its stored state, before and after building its copy, until it changes', async () => {
    const { db } = server.database;
    const created = await collabWorld(db, server.url);
    const writer = connectPeer(server.url, created.documentId, created.editors[0]!.token);
    peers.push(writer);
    await writer.synced();
    // over the size from which the load waits for the first sync requests (room.ts)
    appendBlocks(
      writer.doc,
      Array.from({ length: 40 }, (_, i) => ({ type: 'paragraph' as const, text: `Paragraphe ${i} ${'texte du plan '.repeat(150)}` })),
    );
    await eventually(async () => expect(documentContent(await loadStoredDocument(db, created.documentId))).toEqual(documentContent(writer.doc)));
    await server.hub.compact(created.documentId);
    const older = new Y.Doc();
    Y.applyUpdate(older, Y.encodeStateAsUpdate(writer.doc));
    writer.destroy();
    await eventually(() => expect(server.hub.room(created.documentId)).toBeUndefined());
    expect(await storedRows(db, created.documentId)).toMatchObject({ snapshot: true, updates: 0 });
    const stored = documentContent(await loadStoredDocument(db, created.documentId));

    const open = (doc?: Y.Doc) => {
      const peer = connectPeer(server.url, created.documentId, created.editors[1]!.token, { doc });
      peers.push(peer);
      return peer;
    };
    // while the document loads, then once the server has its copy and nothing changed
    const first = open();
    await first.synced();
    expect(documentContent(first.doc)).toEqual(stored);
    const second = open();
    await second.synced();
    expect(documentContent(second.doc)).toEqual(stored);
    // a returning client with an offline edit gets nothing twice and hands its edit on
    appendBlocks(older, [{ type: 'paragraph', text: 'Écrit hors ligne' }]);
    const back = open(older);
    await back.synced();
    await eventually(() => expect(documentContent(first.doc)).toEqual(documentContent(back.doc)));
    // once changed, a newcomer gets the change: the stored bytes no longer answer
    const third = open();
    await third.synced();
    expect(documentContent(third.doc)).toEqual(documentContent(back.doc));
    expect(JSON.stringify(documentContent(third.doc))).toContain('Écrit hors ligne');
  });
});
