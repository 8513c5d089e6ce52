import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { appendBlocks, bodyOf, measuresOf, newMeasureMap, readMeasures, updateMeasure } from '../../shared/doc-schema.ts';
import { contentKey } from '../../server/domain/yjs-clone.ts';
import { auditEntries } from '../helpers/actors.ts';
import { connectPeer, eventually, type TestPeer } from '../helpers/collab.ts';
import { serverHas } from '../helpers/document-peers.ts';
import { subscribe } from '../helpers/realtime.ts';
import { startTestServerWith, type TestServer } from '../helpers/server.ts';
import { createSessionWorld, type SessionWorld } from '../helpers/session-world.ts';
import { loadStoredDocument } from '../helpers/stored-document.ts';

/** Body and measures of a document as one comparable string: what a restore must make equal. */
const content = (doc: Y.Doc) => contentKey([bodyOf(doc), measuresOf(doc)]);

/** POST /api/documents/:id/versions/:versionId/restore with an editor connected through y-websocket. */
describe('restoring a version of a live document', () => {
  let server: TestServer;
  let world: SessionWorld;
  let documentId: string;
  let peer: TestPeer;
  let versionId: string;
  let versionContent: string;
  let beforeRestore: string;

  beforeAll(async () => {
    ({ server, world } = await startTestServerWith(createSessionWorld, { COLLAB_PROJECTION_WAIT_MS: '20' }));
    documentId = world.docs.planSante.id;
    peer = connectPeer(server.url, documentId, world.tokens.sante);
    await peer.synced();
  });
  afterAll(async () => {
    peer?.destroy();
    for (const socket of world?.sockets ?? []) socket.disconnect();
    await server?.close();
  });

  const inSync = () => serverHas(server, documentId, peer);
  const versionDoc = async (id: string) => {
    const row = await server.database.db.selectFrom('document_versions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const doc = new Y.Doc();
    Y.applyUpdate(doc, row.state);
    return { row, doc };
  };
  const paragraphText = (doc: Y.Doc, index: number) => (bodyOf(doc).get(index) as Y.XmlElement).get(0) as Y.XmlText;

  it('names a version with formatting, attributes and measures, then edits past it', async () => {
    peer.doc.transact(() => {
      appendBlocks(peer.doc, [{ type: 'paragraph', text: 'Texte en gras et lien.', dir: 'ltr' }]);
      const text = paragraphText(peer.doc, bodyOf(peer.doc).length - 1);
      text.format(9, 4, { bold: true });
      text.format(17, 4, { link: { href: 'https://mre.gov.ma' } });
      measuresOf(peer.doc).push([newMeasureMap({ id: 'm1', title: 'Mutuelle', status: 'in_progress', progress: 40, partnerOrganisationIds: [world.org.emploi.id] })]);
    });
    await inSync();
    const created = await world.clients.sante.post(`/api/documents/${documentId}/versions`, { name: 'Version validée' });
    versionId = created.body.version.id;
    versionContent = content((await versionDoc(versionId)).doc);
    expect(versionContent).toBe(content(peer.doc));

    peer.doc.transact(() => {
      const last = bodyOf(peer.doc).length - 1;
      paragraphText(peer.doc, last).format(0, 5, { italic: true });
      bodyOf(peer.doc).delete(0, 1);
      appendBlocks(peer.doc, [{ type: 'heading', level: 3, text: 'Section ajoutée' }]);
      updateMeasure(peer.doc, 'm1', { status: 'blocked', progress: 10 });
      measuresOf(peer.doc).push([newMeasureMap({ id: 'm2', title: 'Guichet unique' })]);
    });
    await inSync();
    beforeRestore = content(peer.doc);
    expect(beforeRestore).not.toBe(versionContent);
  });

  it('restores while the editor is connected: the editor converges live, the store and projection follow', async () => {
    const listener = await world.connect('emploi');
    expect(await subscribe(listener, 'document', documentId)).toEqual({ ok: true });
    const response = await world.clients.sante.post(`/api/documents/${documentId}/versions/${versionId}/restore`);
    expect(response.status).toBe(200);
    expect(response.body.version).toMatchObject({ id: versionId, name: 'Version validée' });
    expect(response.body.backup).toMatchObject({ documentId, name: 'Avant restauration — Version validée', kind: 'auto', createdBy: world.users.sante.id });
    expect(response.body.changes.body.inserted).toBeGreaterThan(0);

    // The connected client got an ordinary update: same Y.Doc, same provider, the version's content.
    await eventually(() => expect(content(peer.doc)).toBe(versionContent));
    expect(peer.provider.wsconnected).toBe(true);
    expect(readMeasures(peer.doc)).toMatchObject([{ id: 'm1', status: 'in_progress', progress: 40, partnerOrganisationIds: [world.org.emploi.id] }]);
    expect(paragraphText(peer.doc, bodyOf(peer.doc).length - 1).toDelta()).toEqual([
      { insert: 'Texte en ' },
      { insert: 'gras', attributes: { bold: true } },
      { insert: ' et ' },
      { insert: 'lien', attributes: { link: { href: 'https://mre.gov.ma' } } },
      { insert: '.' },
    ]);

    // Nothing lost: the content just before the restore is the automatic version.
    expect(content((await versionDoc(response.body.backup.id)).doc)).toBe(beforeRestore);
    await server.hub.store.flush();
    expect(content(await loadStoredDocument(server.database.db, documentId))).toBe(versionContent);
    await eventually(async () =>
      expect((await world.clients.sante.get(`/api/measures?document=${documentId}`)).body.measures).toMatchObject([{ id: 'm1', status: 'in_progress' }]),
    );

    const [audit] = await auditEntries(server.database.db, 'document.version_restored');
    expect(audit).toMatchObject({ actor_user_id: world.users.sante.id, object_id: documentId });
    expect(audit!.details).toMatchObject({ versionId, backupVersionId: response.body.backup.id });
    await eventually(() =>
      expect(listener.received).toContainEqual([
        'version:restored',
        { documentId, versionId, name: 'Version validée', backupVersionId: response.body.backup.id, actorUserId: world.users.sante.id },
      ]),
    );
  });

  it('keeps collaborating after the restore: the diff is empty and later edits still sync', async () => {
    const diff = (await world.clients.emploi.get(`/api/documents/${documentId}/versions/${versionId}/diff`)).body.diff;
    expect(diff.summary).toMatchObject({ inserted: 0, deleted: 0, changed: 0, measuresAdded: 0, measuresRemoved: 0, measuresChanged: 0 });
    appendBlocks(peer.doc, [{ type: 'paragraph', text: 'Après la restauration.' }]);
    await inSync();
    expect(bodyOf(server.hub.room(documentId)!.doc).toString()).toContain('Après la restauration.');
    const list = (await world.clients.sante.get(`/api/documents/${documentId}/versions`)).body.versions;
    expect(list.map((version: any) => [version.name, version.kind])).toEqual([
      ['Avant restauration — Version validée', 'auto'],
      ['Version validée', 'named'],
    ]);
  });

  it('restores a document nobody has open, from storage', async () => {
    const closed = world.docs.planEmploi.id;
    const named = (await world.clients.chair.post(`/api/documents/${closed}/versions`, { name: 'Emploi v1' })).body.version.id;
    await server.hub.applyServerChange(closed, (doc) => appendBlocks(doc, [{ type: 'paragraph', text: 'Ajout par le serveur.' }]), world.users.chair.id);
    const response = await world.clients.chair.post(`/api/documents/${closed}/versions/${named}/restore`, {});
    expect(response.status).toBe(200);
    await server.hub.store.flush();
    expect(content(await loadStoredDocument(server.database.db, closed))).toBe(content((await versionDoc(named)).doc));
    expect(bodyOf((await versionDoc(response.body.backup.id)).doc).toString()).toContain('Ajout par le serveur.');
  });
});
