import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bodyOf, bodyText, measuresOf, newMeasureMap } from '../../shared/doc-schema.ts';
import { DocumentStore } from '../../server/collab/document-store.ts';
import { apiToken, barrier, connectPeer, eventually, type TestPeer } from '../helpers/collab.ts';
import * as fixtures from '../helpers/fixtures.ts';
import { ApiClient } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import pino from 'pino';

describe('collaboration over the stock y-websocket provider', () => {
  let server: TestServer;
  let editorToken: string;
  let viewerToken: string;
  let documentId: string;
  const peers: TestPeer[] = [];
  const peer = (token: string) => {
    const created = connectPeer(server.url, documentId, token);
    peers.push(created);
    return created;
  };

  beforeAll(async () => {
    server = await startTestServer({ COLLAB_UNLOAD_DELAY_MS: '0', COLLAB_PROJECTION_WAIT_MS: '20' });
    const db = server.database.db;
    const sante = await fixtures.organisation(db, 'sante');
    const oim = await fixtures.organisation(db, 'oim', 'international_org');
    const editor = await fixtures.user(db, sante.id, 'editor@sante.ma');
    const viewer = await fixtures.user(db, oim.id, 'viewer@oim.int');
    editorToken = await apiToken(db, editor.id);
    viewerToken = await apiToken(db, viewer.id);
    const created = await ApiClient.withToken(server.url, editorToken).post('/api/documents', { kind: 'action_plan', title: 'Plan santé' });
    documentId = created.body.document.id;
    await fixtures.grant(db, documentId, oim.id, 'view');
  });
  afterAll(async () => {
    for (const p of peers) p.destroy();
    await server?.close();
  });

  it('serves the server-written template to a new client', async () => {
    const a = peer(editorToken);
    await a.synced();
    expect(bodyText(a.doc)).toContain('Contexte');
  });

  it('relays edits between two clients and stores them', async () => {
    const a = peer(editorToken);
    const b = peer(editorToken);
    await Promise.all([a.synced(), b.synced()]);
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('Renforcer la couverture médicale des MRE')]);
    bodyOf(a.doc).insert(0, [paragraph]);
    measuresOf(b.doc).push([newMeasureMap({ id: 'm1', title: 'Mutuelle', status: 'in_progress', progress: 40 })]);
    await eventually(() => {
      expect(bodyText(b.doc)).toContain('couverture médicale');
      expect(measuresOf(a.doc).length).toBe(1);
    });
    await server.hub.store.flush();
    const stored = await new DocumentStore(server.database.db, pino({ level: 'silent' })).load(documentId);
    const replica = new Y.Doc();
    Y.applyUpdate(replica, stored.state);
    expect(bodyText(replica)).toBe(bodyText(a.doc));
    expect(Y.encodeStateVector(replica)).toEqual(Y.encodeStateVector(a.doc));
  });

  it('projects body text and measures into SQL', async () => {
    await eventually(async () => {
      const row = await server.database.db.selectFrom('documents').select(['body_text', 'measure_count']).where('id', '=', documentId).executeTakeFirstOrThrow();
      expect(row.body_text).toContain('couverture médicale');
      expect(row.measure_count).toBe(1);
    });
    const measures = await server.database.db.selectFrom('measures').selectAll().where('document_id', '=', documentId).execute();
    expect(measures).toMatchObject([{ id: 'm1', title: 'Mutuelle', status: 'in_progress', progress: 40 }]);
  });

  it('lets a viewer read but refuses its changes', async () => {
    const editor = peer(editorToken);
    const viewer = peer(viewerToken);
    await Promise.all([editor.synced(), viewer.synced()]);
    expect(bodyText(viewer.doc)).toContain('couverture médicale');
    const blocks = bodyOf(editor.doc).length;
    const refused = new Y.XmlElement('paragraph');
    refused.insert(0, [new Y.XmlText('Ajout du lecteur')]);
    bodyOf(viewer.doc).insert(0, [refused]);
    // The viewer's awareness, sent after its edit, reaches the editor: the edit was handled by then.
    await barrier(viewer, editor, 'after the edit');
    expect(bodyText(editor.doc)).not.toContain('Ajout du lecteur');
    expect(bodyOf(editor.doc).length).toBe(blocks);
    await server.hub.store.flush();
    const stored = await new DocumentStore(server.database.db, pino({ level: 'silent' })).load(documentId);
    const replica = new Y.Doc();
    Y.applyUpdate(replica, stored.state);
    expect(bodyText(replica)).not.toContain('Ajout du lecteur');
    expect(viewer.closes).toEqual([]);
  });
});
