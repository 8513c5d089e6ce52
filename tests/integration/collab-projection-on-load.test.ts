import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { measuresOf, newMeasureMap } from '../../shared/doc-schema.ts';
import { metricValue } from '../helpers/child-server.ts';
import { connectPeer, eventually, type TestPeer } from '../helpers/collab.ts';
import { collabWorld, type CollabWorld } from '../helpers/collab-world.ts';
import { ApiClient } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { loadStoredDocument } from '../helpers/stored-document.ts';

/**
 * Issue 13, "on load, a document whose projection lags is projected again". The catch-up at start
 * only sees what was stored before the process started; a document stored later by another process
 * that died before projecting it (or by a tool) is caught up when this process opens it.
 */
describe('a document whose projection lags is projected again when it is opened', () => {
  let server: TestServer;
  let world: CollabWorld;
  const peers: TestPeer[] = [];

  beforeAll(async () => {
    // The debounced projection would run only after a minute: within the test, only the catch-up can.
    server = await startTestServer({ COLLAB_PROJECTION_WAIT_MS: '60000', COLLAB_PROJECTION_MAX_WAIT_MS: '60000', COLLAB_UNLOAD_DELAY_MS: '0' });
    world = await collabWorld(server.database.db, server.url, { editors: 1 });
    await server.projectionsCaughtUp;
  });
  afterAll(async () => {
    for (const peer of peers) peer.destroy();
    await server?.close();
  });

  /** Measures appended to the stored log the way another process stores an edit, with no projection. */
  const storeFromElsewhere = async (documentId: string, titles: string[]) => {
    const stored = await loadStoredDocument(server.database.db, documentId);
    const before = Y.encodeStateVector(stored);
    for (const title of titles) measuresOf(stored).push([newMeasureMap({ id: title.toLowerCase().replace(/\W+/g, '-'), title })]);
    const update = Y.encodeStateAsUpdate(stored, before);
    stored.destroy();
    await server.database.db.insertInto('doc_updates').values({ document_id: documentId, data: update }).execute();
  };
  const projectedTitles = async (documentId: string) => {
    const response = await ApiClient.withToken(server.url, world.editors[0]!.token).get(`/api/measures?document=${documentId}`);
    expect(response.status).toBe(200);
    return (response.body.measures as Array<{ title: string }>).map((measure) => measure.title).sort();
  };

  it('reflects what another process stored, once the document is opened, with no edit', async () => {
    const titles = ['Mesure A venue d’ailleurs', 'Mesure B venue d’ailleurs'];
    await storeFromElsewhere(world.documentId, titles);
    expect(await projectedTitles(world.documentId), 'the projection lags before the document is opened').toEqual([]);
    const caughtUpBefore = await metricValue(server.url, 'tansiq_collab_projection_catch_ups_total');

    const reader = connectPeer(server.url, world.documentId, world.editors[0]!.token);
    peers.push(reader);
    await reader.synced();
    await eventually(async () => expect(await projectedTitles(world.documentId)).toEqual(titles), 10_000, 50);
    expect(await metricValue(server.url, 'tansiq_collab_projection_catch_ups_total')).toBe(caughtUpBefore + 1);

    // Opened again with the projection current: nothing to catch up.
    reader.provider.disconnect();
    await eventually(() => expect(server.hub.openDocuments).toBe(0));
    const again = connectPeer(server.url, world.documentId, world.editors[0]!.token);
    peers.push(again);
    await again.synced();
    await server.hub.projectionChecksSettled();
    expect(await metricValue(server.url, 'tansiq_collab_projection_catch_ups_total')).toBe(caughtUpBefore + 1);
    again.provider.disconnect();
  });

  it('a server closing while a catch-up is under way still closes (the catch-up finishes or gives way)', async () => {
    const second = await ApiClient.withToken(server.url, world.editors[0]!.token).post('/api/documents', { kind: 'action_plan', title: 'Plan fermé en plein rattrapage' });
    expect(second.status).toBe(201);
    const documentId: string = second.body.document.id;
    await storeFromElsewhere(documentId, ['Mesure C']);
    const peer = connectPeer(server.url, documentId, world.editors[0]!.token);
    peers.push(peer);
    await peer.synced();
    // Closed at once: the check of the projection is in flight or about to be. A hang fails the test by its timeout.
    await server.close();
  });
});
