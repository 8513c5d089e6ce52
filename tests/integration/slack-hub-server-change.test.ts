import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import pino from 'pino';
import { measuresOf, newMeasureMap, readMeasures, updateMeasure } from '../../shared/doc-schema.ts';
import { DocumentStore } from '../../server/collab/document-store.ts';
import { apiToken, connectPeer, eventually, type TestPeer } from '../helpers/collab.ts';
import * as fixtures from '../helpers/fixtures.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

/** CollabHub.applyServerChange: the path the Slack bot uses to change a live document. */
describe('server-side changes to a live document', () => {
  let server: TestServer;
  let token: string;
  let userId: string;
  let documentId: string;
  const peers: TestPeer[] = [];

  beforeAll(async () => {
    server = await startTestServer({ COLLAB_UNLOAD_DELAY_MS: '0', COLLAB_PROJECTION_WAIT_MS: '20' });
    const db = server.database.db;
    const sante = await fixtures.organisation(db, 'sante');
    const user = await fixtures.user(db, sante.id, 'editor@sante.ma');
    userId = user.id;
    token = await apiToken(db, user.id);
    documentId = (await fixtures.document(db, sante.id, 'Plan santé')).id;
    const seed = new Y.Doc();
    measuresOf(seed).push([newMeasureMap({ id: 'm1', title: 'Mutuelle', status: 'in_progress', progress: 40 })]);
    await db
      .insertInto('doc_updates')
      .values({ document_id: documentId, data: Y.encodeStateAsUpdate(seed) })
      .execute();
  });
  afterAll(async () => {
    for (const peer of peers) peer.destroy();
    await server?.close();
  });

  it('loads a document nobody has open, changes it, stores and projects it', async () => {
    const changed = await server.hub.applyServerChange(documentId, (doc) => updateMeasure(doc, 'm1', { status: 'blocked' }), userId);
    expect(changed).toBe(true);
    await server.hub.store.flush();
    const stored = await new DocumentStore(server.database.db, pino({ level: 'silent' })).load(documentId);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, stored.state);
    expect(readMeasures(doc)[0]).toMatchObject({ id: 'm1', status: 'blocked' });
    await eventually(async () => {
      const row = await server.database.db.selectFrom('measures').select(['status']).where('document_id', '=', documentId).executeTakeFirst();
      expect(row?.status).toBe('blocked');
      const document = await server.database.db.selectFrom('documents').select('last_edited_by').where('id', '=', documentId).executeTakeFirstOrThrow();
      expect(document.last_edited_by).toBe(userId);
    });
  });

  it('broadcasts the change to every connected client', async () => {
    const a = connectPeer(server.url, documentId, token);
    const b = connectPeer(server.url, documentId, token);
    peers.push(a, b);
    await Promise.all([a.synced(), b.synced()]);
    await server.hub.applyServerChange(documentId, (doc) => updateMeasure(doc, 'm1', { status: 'done', progress: 100 }), userId);
    await eventually(() => {
      for (const peer of [a, b]) expect(readMeasures(peer.doc)[0]).toMatchObject({ status: 'done', progress: 100 });
    });
  });

  it('sends nothing and stores nothing when the change changes nothing', async () => {
    const newest = async () => {
      await server.hub.store.flush();
      const row = await server.database.db
        .selectFrom('doc_updates')
        .select((eb) => eb.fn.max('id').as('id'))
        .where('document_id', '=', documentId)
        .executeTakeFirst();
      return Number(row?.id ?? 0);
    };
    const before = await newest();
    const result = await server.hub.applyServerChange(documentId, (doc) => updateMeasure(doc, 'missing', { status: 'done' }), userId);
    expect(result).toBe(false);
    expect(await newest()).toBe(before);
  });
});
