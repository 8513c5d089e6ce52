import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendBlocks } from '../../shared/doc-schema.ts';
import { auditEntries } from '../helpers/actors.ts';
import { eventually } from '../helpers/collab.ts';
import { documentPeers } from '../helpers/document-peers.ts';
import { subscribe } from '../helpers/realtime.ts';
import { startTestServerWith, type TestServer } from '../helpers/server.ts';
import { createSessionWorld, type SessionWorld } from '../helpers/session-world.ts';

describe('named versions of a document', () => {
  let server: TestServer;
  let world: SessionWorld;
  let documentId: string;
  const { connect, inSync, destroyAll } = documentPeers(() => ({ server, documentId }));

  beforeAll(async () => {
    ({ server, world } = await startTestServerWith(createSessionWorld));
    documentId = world.docs.planSante.id;
  });
  afterAll(async () => {
    destroyAll();
    for (const socket of world?.sockets ?? []) socket.disconnect();
    await server?.close();
  });

  it('names the stored state of a closed document', async () => {
    const created = await world.clients.sante.post(`/api/documents/${documentId}/versions`, { name: 'Avant relecture' });
    expect(created.status).toBe(201);
    expect(created.body.version).toMatchObject({ documentId, name: 'Avant relecture', kind: 'named', sessionId: null, createdBy: world.users.sante.id });
    const read = await world.clients.emploi.get(`/api/documents/${documentId}/versions/${created.body.version.id}`);
    expect(read.status).toBe(200);
    expect(read.body.version.text).toContain('Couverture médicale des MRE retraités.');
    expect(await auditEntries(server.database.db, 'version.created')).toHaveLength(1);
  });

  it('names the live state of an open document, edits not yet stored included, and announces it', async () => {
    const listener = await world.connect('emploi');
    expect(await subscribe(listener, 'document', documentId)).toEqual({ ok: true });
    const peer = await connect(world.tokens.sante);
    appendBlocks(peer.doc, [{ type: 'paragraph', text: 'Ajout en direct pendant la séance.' }]);
    await inSync(peer);

    const created = await world.clients.chair.post(`/api/documents/${documentId}/versions`, { name: 'Version de séance' });
    expect(created.status).toBe(201);
    const read = await world.clients.sante.get(`/api/documents/${documentId}/versions/${created.body.version.id}`);
    expect(read.body.version.text).toContain('Ajout en direct pendant la séance.');
    await eventually(() => expect(listener.received).toContainEqual(['version:named', { documentId, versionId: created.body.version.id, name: 'Version de séance' }]));
  });

  it('lists versions newest first for anyone who may view the document', async () => {
    const list = await world.clients.emploi.get(`/api/documents/${documentId}/versions`);
    expect(list.status).toBe(200);
    expect(list.body.versions.map((version: any) => version.name)).toEqual(['Version de séance', 'Avant relecture']);
    expect(list.body.versions[0]).not.toHaveProperty('state');
  });

  it('needs edit access to name a version, and hides the document from outsiders', async () => {
    const denied = await world.clients.emploi.post(`/api/documents/${documentId}/versions`, { name: 'Par un lecteur' });
    expect(denied.status).toBe(403);
    expect((await world.clients.outsider.get(`/api/documents/${documentId}/versions`)).status).toBe(404);
    expect((await world.clients.outsider.post(`/api/documents/${documentId}/versions`, { name: 'x' })).status).toBe(404);
    expect((await world.clients.sante.post(`/api/documents/${documentId}/versions`, { name: '' })).status).toBe(400);
    expect((await world.clients.sante.post(`/api/documents/${documentId}/versions`, { name: 'x', state: 'AAAA' })).status).toBe(400);
    const names = (await world.clients.chair.get(`/api/documents/${documentId}/versions`)).body.versions.map((version: any) => version.name);
    expect(names).toHaveLength(2);
  });

  it('does not serve a version through another document', async () => {
    const [version] = (await world.clients.chair.get(`/api/documents/${documentId}/versions`)).body.versions;
    expect((await world.clients.chair.get(`/api/documents/${world.docs.planEmploi.id}/versions/${version.id}`)).status).toBe(404);
    expect((await world.clients.chair.get(`/api/documents/${documentId}/versions/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
  });
});
