import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { appendBlocks, bodyOf, measuresOf, newMeasureMap, updateMeasure } from '../../shared/doc-schema.ts';
import { connectPeer, type TestPeer } from '../helpers/collab.ts';
import { serverHas } from '../helpers/document-peers.ts';
import { startTestServerWith, type TestServer } from '../helpers/server.ts';
import { createSessionWorld, type SessionWorld } from '../helpers/session-world.ts';

/** GET /api/documents/:id/versions/:versionId/diff: what changed since a version, for readers of the document. */
describe('diff of a version', () => {
  let server: TestServer;
  let world: SessionWorld;
  let documentId: string;
  let peer: TestPeer;
  let first: string;
  let second: string;

  beforeAll(async () => {
    ({ server, world } = await startTestServerWith(createSessionWorld));
    documentId = world.docs.planSante.id;
    peer = connectPeer(server.url, documentId, world.tokens.sante);
    await peer.synced();
    measuresOf(peer.doc).push([newMeasureMap({ id: 'm1', title: 'Mutuelle', status: 'in_progress', progress: 40 }), newMeasureMap({ id: 'm2', title: 'Guichet' })]);
    await inSync();
    first = (await world.clients.sante.post(`/api/documents/${documentId}/versions`, { name: 'Avant séance' })).body.version.id;

    // Edited live, through the stock y-websocket client, after the version was named.
    peer.doc.transact(() => {
      const paragraph = bodyOf(peer.doc)
        .toArray()
        .find((node) => node instanceof Y.XmlElement && node.toString().includes('Couverture médicale')) as Y.XmlElement;
      (paragraph.get(0) as Y.XmlText).insert('Couverture médicale'.length, ' complète');
      appendBlocks(peer.doc, [{ type: 'paragraph', text: 'Ajout pendant la séance.' }]);
      updateMeasure(peer.doc, 'm1', { status: 'done', progress: 100 });
      measuresOf(peer.doc).delete(1, 1);
      measuresOf(peer.doc).push([newMeasureMap({ id: 'm3', title: 'Portail' })]);
    });
    await inSync();
  });
  afterAll(async () => {
    peer?.destroy();
    await server?.close();
  });

  const inSync = () => serverHas(server, documentId, peer);
  const diffPath = (versionId: string, against?: string) => `/api/documents/${documentId}/versions/${versionId}/diff${against ? `?against=${against}` : ''}`;

  it('shows the live edits against the current document, to a reader', async () => {
    const response = await world.clients.emploi.get(diffPath(first));
    expect(response.status).toBe(200);
    const { diff } = response.body;
    expect(diff.from).toMatchObject({ id: first, name: 'Avant séance', kind: 'named' });
    expect(diff.to).toBeNull();
    expect(diff.blocks.filter((block: any) => block.op !== 'equal')).toEqual([
      {
        op: 'change',
        before: { type: 'paragraph', text: 'Couverture médicale des MRE retraités.' },
        after: { type: 'paragraph', text: 'Couverture médicale complète des MRE retraités.' },
        words: [
          { op: 'equal', text: 'Couverture médicale ' },
          { op: 'insert', text: 'complète ', by: expect.any(Array) },
          { op: 'equal', text: 'des MRE retraités.' },
        ],
      },
      { op: 'insert', block: { type: 'paragraph', text: 'Ajout pendant la séance.' }, by: [[24, peer.doc.clientID]] },
    ]);
    // Typed through santé's connection: santé's name, from the server's record.
    expect(diff.writers).toContainEqual({ client: peer.doc.clientID, userId: world.users.sante.id });
    expect(diff.blocks.find((block: any) => block.op === 'equal')).toEqual({ op: 'equal', block: { type: 'heading', level: 2, text: 'Contexte' } });
    expect(diff.measures.added).toMatchObject([{ id: 'm3', title: 'Portail' }]);
    expect(diff.measures.removed).toMatchObject([{ id: 'm2', title: 'Guichet' }]);
    expect(diff.measures.changed).toEqual([
      {
        id: 'm1',
        title: 'Mutuelle',
        changes: [
          { field: 'status', before: 'in_progress', after: 'done' },
          { field: 'progress', before: 40, after: 100 },
        ],
      },
    ]);
    expect(diff.summary).toEqual({ inserted: 1, deleted: 0, changed: 1, unchanged: expect.any(Number), measuresAdded: 1, measuresRemoved: 1, measuresChanged: 1 });
    expect(diff).toMatchObject({ truncated: false, limits: [] });
  });

  it('compares two versions, in either direction', async () => {
    second = (await world.clients.chair.post(`/api/documents/${documentId}/versions`, { name: 'Après séance' })).body.version.id;
    const forward = (await world.clients.sante.get(diffPath(first, second))).body.diff;
    expect(forward.to).toMatchObject({ id: second, name: 'Après séance' });
    expect(forward.summary).toMatchObject({ inserted: 1, changed: 1, measuresAdded: 1, measuresRemoved: 1, measuresChanged: 1 });
    const backward = (await world.clients.sante.get(diffPath(second, first))).body.diff;
    expect(backward.summary).toMatchObject({ inserted: 0, deleted: 1, changed: 1, measuresAdded: 1, measuresRemoved: 1 });
    expect(backward.measures.added).toMatchObject([{ id: 'm2' }]);
    const unchanged = (await world.clients.sante.get(diffPath(second, 'current'))).body.diff;
    expect(unchanged.blocks.every((block: any) => block.op === 'equal')).toBe(true);
    expect(unchanged.summary).toMatchObject({ inserted: 0, deleted: 0, changed: 0, measuresAdded: 0, measuresRemoved: 0, measuresChanged: 0 });
  });

  it('hides the document from outsiders and versions from other documents', async () => {
    expect((await world.clients.outsider.get(diffPath(first))).status).toBe(404);
    const elsewhere = (await world.clients.chair.post(`/api/documents/${world.docs.planEmploi.id}/versions`, { name: 'Emploi' })).body.version.id;
    expect((await world.clients.chair.get(`/api/documents/${world.docs.planEmploi.id}/versions/${first}/diff`)).status).toBe(404);
    expect((await world.clients.chair.get(diffPath(elsewhere))).status).toBe(404);
    expect((await world.clients.chair.get(diffPath(first, elsewhere))).status).toBe(404);
    expect((await world.clients.chair.get(diffPath(first, '00000000-0000-4000-8000-000000000000'))).status).toBe(404);
  });

  it('refuses a malformed comparison target', async () => {
    for (const against of ['previous', 'not-a-uuid', `${first}&against=current`]) {
      const response = await world.clients.sante.get(diffPath(first, against));
      expect(response.status, against).toBe(400);
      expect(response.body.error.code).toBe('validation_failed');
    }
  });
});
