import * as authProtocol from 'y-protocols/auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bodyOf, bodyText } from '../../shared/doc-schema.ts';
import { metricValue } from '../helpers/child-server.ts';
import { barrier, connectPeer, eventually, type TestPeer } from '../helpers/collab.ts';
import { collabWorld, type CollabWorld } from '../helpers/collab-world.ts';
import { ApiClient } from '../helpers/http.ts';
import { connectRaw, frames, type RawClient } from '../helpers/raw-collab.ts';
import { documentContent } from '../helpers/random-edits.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { storedRows } from '../helpers/stored-document.ts';

/** A stock provider that records the permission-denied messages it gets instead of logging them. */
function withDenials(peer: TestPeer): TestPeer & { denials: string[] } {
  const denials: string[] = [];
  peer.provider.messageHandlers[2] = (_encoder, decoder, provider) => authProtocol.readAuthMessage(decoder, provider.doc, (_doc, reason) => denials.push(reason));
  return Object.assign(peer, { denials });
}

function paragraph(text: string): Y.XmlElement {
  const element = new Y.XmlElement('paragraph');
  element.insert(0, [new Y.XmlText(text)]);
  return element;
}

describe('read-only connections', () => {
  let server: TestServer;
  let world: CollabWorld;
  const peers: TestPeer[] = [];
  const raws: RawClient[] = [];
  const peer = (token: string) => {
    const created = withDenials(connectPeer(server.url, world.documentId, token));
    peers.push(created);
    return created;
  };

  beforeAll(async () => {
    server = await startTestServer();
    world = await collabWorld(server.database.db, server.url);
  });
  afterAll(async () => {
    for (const p of peers) p.destroy();
    for (const raw of raws) raw.ws.terminate();
    await server?.close();
  });

  for (const level of ['view', 'comment'] as const) {
    it(`a ${level} connection reads and speaks awareness; every changing message is refused`, async () => {
      const editor = peer(world.editors[0]!.token);
      await editor.synced();
      const raw = connectRaw(server.url, world.documentId, world.guests[level].token);
      raws.push(raw);
      await raw.joined();
      await server.hub.store.flush();
      const before = { server: documentContent(server.hub.room(world.documentId)!.doc), editor: documentContent(editor.doc) };
      const rowsBefore = await storedRows(server.database.db, world.documentId);

      // sync step 1: answered with the whole document
      raw.send(frames.step1(new Uint8Array([0])));
      await eventually(() => expect(raw.received.some((frame) => frame.kind === 'sync-step2')).toBe(true));
      const local = new Y.Doc();
      for (const frame of raw.received) if (frame.kind === 'sync-step2') Y.applyUpdate(local, frame.payload);
      expect(documentContent(local).body).toBe(before.editor.body);

      // sync step 2 and update with content, and a deletion: all refused
      const known = Y.encodeStateVector(local);
      bodyOf(local).insert(0, [paragraph(`écrit par ${level}`)]);
      raw.send(frames.step2(Y.encodeStateAsUpdate(local, known)));
      bodyOf(local).insert(0, [paragraph(`encore ${level}`)]);
      raw.send(frames.update(Y.encodeStateAsUpdate(local, known)));
      const beforeDelete = Y.snapshot(local);
      bodyOf(local).delete(bodyOf(local).length - 1, 1);
      raw.send(frames.update(Y.encodeStateAsUpdate(local)));
      void beforeDelete;

      // awareness for its own client id works, with the account as `user`
      raw.send(frames.awareness([{ clientId: 4242 + peers.length, clock: 1, state: { cursor: 3, user: { name: 'forged' } } }]));
      await eventually(() => expect(editor.provider.awareness.getStates().get(4242 + peers.length)?.user?.id).toBe(world.guests[level].id));
      // query-awareness works
      raw.send(frames.queryAwareness());
      await eventually(() => expect(raw.received.some((frame) => frame.kind === 'awareness' && frame.entries.some((entry) => entry.clientId === editor.doc.clientID))).toBe(true));

      const denials = raw.received.filter((frame) => frame.kind === 'auth');
      expect(denials).toHaveLength(1);
      expect(denials[0]).toMatchObject({ reason: expect.stringContaining(level) });
      expect(raw.isClosed()).toBe(false);
      expect(documentContent(server.hub.room(world.documentId)!.doc), 'nothing applied').toEqual(before.server);
      expect(documentContent(editor.doc), 'nothing broadcast').toEqual(before.editor);
      await server.hub.store.flush();
      expect(await storedRows(server.database.db, world.documentId), 'nothing stored').toEqual(rowsBefore);
      expect(await metricValue(server.url, 'tansiq_collab_refused_total')).toBeGreaterThan(0);
    });
  }

  it('a stock viewer that changed nothing is not told off; its edits are refused and it is told once', async () => {
    const editor = peer(world.editors[0]!.token);
    await editor.synced();
    // Deletions put a delete set into every sync step 2, even a viewer's that adds nothing.
    bodyOf(editor.doc).insert(0, [paragraph('à effacer')]);
    bodyOf(editor.doc).delete(0, 1);
    const viewer = peer(world.guests.view.token);
    await viewer.synced();
    await barrier(viewer, editor, 'synced');
    expect(viewer.denials).toEqual([]);

    bodyOf(viewer.doc).insert(0, [paragraph('Modification refusée')]);
    bodyOf(viewer.doc).insert(0, [paragraph('Deuxième refus')]);
    await eventually(() => expect(viewer.denials).toHaveLength(1));
    await barrier(viewer, editor, 'edited');
    expect(bodyText(editor.doc)).not.toContain('refus');
    expect(viewer.closes).toEqual([]);
  });
});

describe('access changes reach open connections', () => {
  let server: TestServer;
  let world: CollabWorld;
  const peers: Array<ReturnType<typeof withDenials>> = [];
  const peer = (token: string) => {
    const created = withDenials(connectPeer(server.url, world.documentId, token));
    peers.push(created);
    return created;
  };

  beforeAll(async () => {
    server = await startTestServer();
    world = await collabWorld(server.database.db, server.url);
  });
  afterAll(async () => {
    for (const p of peers) p.destroy();
    await server?.close();
  });

  it('a revoked grant closes the connection for good', async () => {
    const viewer = peer(world.guests.view.token);
    await viewer.synced();
    const response = await ApiClient.withToken(server.url, world.editors[0]!.token).delete(`/api/documents/${world.documentId}/access/${world.guests.view.grantId}`);
    expect(response.status).toBe(204);
    await eventually(() => expect(viewer.closes.map((close) => close.code)).toContain(4403));
    expect(viewer.provider.shouldConnect, 'the stock provider does not retry a 44xx close').toBe(false);
  });

  it('disabling the account closes its connections', async () => {
    const commenter = peer(world.guests.comment.token);
    await commenter.synced();
    const response = await ApiClient.withToken(server.url, world.admin.token).patch(`/api/users/${world.guests.comment.id}`, { disabled: true });
    expect(response.status).toBe(200);
    await eventually(() => expect(commenter.closes.map((close) => close.code)).toContain(4401));
  });

  it('a downgrade to view turns the connection read-only at once; an upgrade resyncs it', async () => {
    const editor = peer(world.editors[0]!.token);
    const guest = peer(world.guests.edit.token);
    await Promise.all([editor.synced(), guest.synced()]);
    bodyOf(guest.doc).insert(0, [paragraph('Avant la rétrogradation')]);
    await eventually(() => expect(bodyText(editor.doc)).toContain('Avant la rétrogradation'));

    const api = ApiClient.withToken(server.url, world.editors[0]!.token);
    const grant = { organisationId: world.guests.edit.organisationId };
    expect((await api.put(`/api/documents/${world.documentId}/access`, { ...grant, level: 'view' })).status).toBe(200);
    await eventually(() => expect(guest.denials).toEqual([expect.stringContaining('view')]));
    bodyOf(guest.doc).insert(0, [paragraph('Pendant la lecture seule')]);
    await barrier(guest, editor, 'read-only');
    expect(bodyText(editor.doc)).not.toContain('Pendant la lecture seule');
    expect(guest.closes).toEqual([]);

    expect((await api.put(`/api/documents/${world.documentId}/access`, { ...grant, level: 'edit' })).status).toBe(200);
    bodyOf(guest.doc).insert(0, [paragraph('Après le retour')]);
    await eventually(() => {
      expect(documentContent(editor.doc)).toEqual(documentContent(guest.doc));
      expect(documentContent(editor.doc).pending).toBe(false);
    });
    expect(bodyText(editor.doc)).toContain('Après le retour');
  });
});
