import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createMeasure, deleteMeasureRow, findMeasure, updateMeasure } from '../../shared/doc-schema.ts';
import { connectPeer, eventually, type TestPeer } from '../helpers/collab.ts';
import { collabWorld, type CollabWorld } from '../helpers/collab-world.ts';
import { ApiClient } from '../helpers/http.ts';
import { startTestServerWith, type TestServer } from '../helpers/server.ts';

/**
 * Structured indicators written by stock y-websocket clients: the projection holds them, and the
 * history of the current value names the user the server authenticated, whatever a client claims.
 */
describe('measure indicators: projection and history', () => {
  let server: TestServer;
  let world: CollabWorld;
  const peers: TestPeer[] = [];
  const connect = (token: string, doc?: Y.Doc) => {
    const peer = connectPeer(server.url, world.documentId, token, doc ? { doc } : {});
    peers.push(peer);
    return peer;
  };
  const history = async (measureId?: string) => {
    const response = await ApiClient.withToken(server.url, world.guests.view.token).get(
      `/api/documents/${world.documentId}/indicator-history${measureId ? `?measure=${measureId}` : ''}`,
    );
    expect(response.status).toBe(200);
    return response.body.history as Array<{ measureId: string; value: number | null; at: string; by: { id: string; name: string } | null }>;
  };
  const projected = (measureId: string) =>
    server.database.db
      .selectFrom('measures')
      .select(['indicator', 'indicator_baseline', 'indicator_target', 'indicator_current', 'indicator_unit'])
      .where('document_id', '=', world.documentId)
      .where('id', '=', measureId)
      .executeTakeFirst();

  beforeAll(async () => {
    ({ server, world } = await startTestServerWith(collabWorld, { COLLAB_PROJECTION_WAIT_MS: '20', COLLAB_PROJECTION_MAX_WAIT_MS: '200' }));
  });
  afterAll(async () => {
    for (const peer of peers) {
      try {
        peer.destroy();
      } catch {
        // Two providers with one client id (the impostor below) confuse y-protocols' awareness at destroy.
      }
    }
    await server?.close();
  });

  it('projects baseline, target, current value and unit, and records each current value with its author', async () => {
    const [a, b] = [connect(world.editors[0]!.token), connect(world.editors[1]!.token)];
    await Promise.all([a.synced(), b.synced()]);
    createMeasure(a.doc, { id: 'm-taux', title: 'Scolarisation', indicator: 'Taux de scolarisation', indicatorBaseline: 40, indicatorTarget: 90, indicatorUnit: '%' });
    await eventually(() => expect(findMeasure(b.doc, 'm-taux')).toBeDefined());
    updateMeasure(a.doc, 'm-taux', { indicatorCurrent: 52.5 });
    await eventually(async () => expect((await history('m-taux')).map((entry) => entry.value)).toEqual([52.5]));
    updateMeasure(b.doc, 'm-taux', { indicatorCurrent: 61 });
    // The same value again is no new point.
    updateMeasure(b.doc, 'm-taux', { indicatorCurrent: 61 });
    await eventually(async () => expect((await history('m-taux')).map((entry) => entry.value)).toEqual([52.5, 61]));
    updateMeasure(a.doc, 'm-taux', { indicatorCurrent: null });
    await eventually(async () => expect((await history('m-taux')).map((entry) => entry.value)).toEqual([52.5, 61, null]));
    updateMeasure(a.doc, 'm-taux', { indicatorCurrent: 70 });

    await eventually(async () =>
      expect(await projected('m-taux')).toEqual({ indicator: 'Taux de scolarisation', indicator_baseline: 40, indicator_target: 90, indicator_current: 70, indicator_unit: '%' }),
    );
    const entries = await history('m-taux');
    expect(entries.map((entry) => [entry.value, entry.by?.id])).toEqual([
      [52.5, world.editors[0]!.id],
      [61, world.editors[1]!.id],
      [null, world.editors[0]!.id],
      [70, world.editors[0]!.id],
    ]);
    expect(entries.map((entry) => entry.at)).toEqual([...entries.map((entry) => entry.at)].sort());
    // The whole document's history (the row charts) holds the same entries.
    expect((await history()).filter((entry) => entry.measureId === 'm-taux')).toEqual(entries);
  });

  it('records a new row that comes with a value, and not a row without one', async () => {
    const a = connect(world.editors[1]!.token);
    await a.synced();
    createMeasure(a.doc, { id: 'm-new-valued', title: 'Collée', indicatorCurrent: 12 });
    createMeasure(a.doc, { id: 'm-new-empty', title: 'Vide' });
    await eventually(async () =>
      expect((await history()).filter((entry) => entry.measureId.startsWith('m-new')).map((entry) => [entry.measureId, entry.value, entry.by?.id])).toEqual([
        ['m-new-valued', 12, world.editors[1]!.id],
      ]),
    );
  });

  it("does not believe a history written into the document, nor a value sent in another client's name", async () => {
    const honest = connect(world.editors[0]!.token);
    await honest.synced();
    createMeasure(honest.doc, { id: 'm-forged', title: 'Cible', indicatorCurrent: 5 });
    await eventually(async () => expect((await history('m-forged')).map((entry) => entry.by?.id)).toEqual([world.editors[0]!.id]));

    // A hostile editor: first writes a "history" into the row naming the honest editor...
    const hostileDoc = new Y.Doc();
    const hostile = connect(world.guests.edit.token, hostileDoc);
    await hostile.synced();
    await eventually(() => expect(findMeasure(hostileDoc, 'm-forged')).toBeDefined());
    hostileDoc.transact(() => {
      const forged = new Y.Array<unknown>();
      findMeasure(hostileDoc, 'm-forged')!.set('indicatorHistory', forged);
      forged.push([{ value: 1000, at: '2020-01-01T00:00:00Z', by: world.editors[0]!.id }]);
    });
    // ...then sends a value under the honest client's Yjs client id, as if the honest editor had typed it.
    peers.splice(peers.indexOf(hostile), 1);
    hostile.destroy();
    const impostor = new Y.Doc();
    Y.applyUpdate(impostor, Y.encodeStateAsUpdate(honest.doc));
    Y.applyUpdate(impostor, Y.encodeStateAsUpdate(hostileDoc));
    impostor.clientID = honest.doc.clientID;
    const forger = connect(world.guests.edit.token, impostor);
    await forger.synced();
    updateMeasure(impostor, 'm-forged', { indicatorCurrent: 999 });

    await eventually(async () => expect((await history('m-forged')).map((entry) => entry.value)).toEqual([5, 999]));
    const entries = await history('m-forged');
    // The forged entry is nowhere; the value sent under someone else's client id names nobody.
    expect(entries.map((entry) => entry.by?.id ?? null)).toEqual([world.editors[0]!.id, null]);
    expect(entries.some((entry) => entry.value === 1000)).toBe(false);
  });

  it('records nothing from a viewer, whose edits are refused', async () => {
    const editor = connect(world.editors[0]!.token);
    await editor.synced();
    createMeasure(editor.doc, { id: 'm-viewer', title: 'Lecture' });
    const viewer = connect(world.guests.view.token);
    await viewer.synced();
    await eventually(() => expect(findMeasure(viewer.doc, 'm-viewer')).toBeDefined());
    updateMeasure(viewer.doc, 'm-viewer', { indicatorCurrent: 77 });
    // The editor's later value is recorded; had the viewer's been taken, it would come first.
    updateMeasure(editor.doc, 'm-viewer', { indicatorCurrent: 3 });
    await eventually(async () => expect((await history('m-viewer')).map((entry) => [entry.value, entry.by?.id])).toEqual([[3, world.editors[0]!.id]]));
  });

  it('refuses the history of a document to someone without access', async () => {
    const response = await ApiClient.withToken(server.url, world.outsider.token).get(`/api/documents/${world.documentId}/indicator-history`);
    expect(response.status).toBe(404);
    const malformed = await ApiClient.withToken(server.url, world.editors[0]!.token).get(`/api/documents/${world.documentId}/indicator-history?measure=${'x'.repeat(65)}`);
    expect(malformed.status).toBe(400);
  });

  it('row comments: on a measure just typed in, not on one that does not exist; a deleted measure detaches its thread; replies name the measure', async () => {
    const editor = connect(world.editors[0]!.token);
    await editor.synced();
    createMeasure(editor.doc, { id: 'm-comment', title: 'Guichet unique à Lyon' });
    const as = (token: string) => ApiClient.withToken(server.url, token);
    const path = `/api/documents/${world.documentId}/comments`;
    // The live document is what counts: the measure exists before any projection of it.
    await eventually(async () => {
      const created = await as(world.guests.comment.token).post(path, { body: 'Date à confirmer', anchor: { type: 'measure', measureId: 'm-comment' } });
      expect(created.status).toBe(201);
    });
    const missing = await as(world.guests.comment.token).post(path, { body: 'Et celle-ci ?', anchor: { type: 'measure', measureId: 'm-nowhere' } });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({ code: 'invalid_anchor', message: 'The anchor names no measure of this document.' });
    expect(JSON.stringify(missing.body.error.details)).toContain('anchor.measureId');
    // Comment access is needed, as for any comment.
    const viewer = await as(world.guests.view.token).post(path, { body: 'Je ne peux que lire', anchor: { type: 'measure', measureId: 'm-comment' } });
    expect(viewer.status).toBe(403);

    const threads = (await as(world.editors[1]!.token).get(`${path}?measure=m-comment`)).body.threads;
    expect(threads).toHaveLength(1);
    const reply = await as(world.editors[1]!.token).post(path, { body: 'Je regarde', threadId: threads[0].id });
    expect(reply.status).toBe(201);
    await eventually(async () => {
      const notifications = (await as(world.guests.comment.token).get('/api/notifications')).body.notifications;
      expect(notifications.find((notification: { kind: string }) => notification.kind === 'reply')?.payload).toMatchObject({
        measureId: 'm-comment',
        measureTitle: 'Guichet unique à Lyon',
      });
    });

    deleteMeasureRow(editor.doc, 'm-comment');
    await eventually(async () =>
      expect((await as(world.editors[1]!.token).get(`${path}?measure=m-comment`)).body.threads[0]).toMatchObject({
        anchorStatus: 'detached',
        anchor: { type: 'measure', measureId: 'm-comment' },
      }),
    );
  });
});
