import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bodyOf } from '../../shared/doc-schema.ts';
import { deletersOf } from '../../shared/deleted-runs.ts';
import { barrier } from '../helpers/collab.ts';
import { documentPeers } from '../helpers/document-peers.ts';
import { regrant } from '../helpers/fixtures.ts';
import { startTestServerWith, type TestServer } from '../helpers/server.ts';
import { createSessionWorld, type SessionWorld } from '../helpers/session-world.ts';

/** Each deletion in a version diff names who deleted it, as the server saw it (doc_deleters). */
describe('who deleted what, in a version diff', () => {
  let server: TestServer;
  let world: SessionWorld;
  let documentId: string;
  const { connect, inSync, destroyAll } = documentPeers(() => ({ server, documentId }));

  beforeAll(async () => {
    ({ server, world } = await startTestServerWith(createSessionWorld));
    documentId = world.docs.planEmploi.id;
    await regrant(server.database.db, documentId, world.org.sante.id, 'edit');
  });
  afterAll(async () => {
    destroyAll();
    await server?.close();
  });

  const textBlocks = (doc: Y.Doc) =>
    bodyOf(doc)
      .toArray()
      .filter((node): node is Y.XmlElement => node instanceof Y.XmlElement && node.get(0) instanceof Y.XmlText);
  /** Who deleted each piece of a deleted text, as the client reads it. */
  const deletedBy = (diff: any, runs: Array<[number, number, number]> | undefined) => (runs ? deletersOf(runs, diff.deleters).map(([, userId]) => userId) : []);

  it('names the user behind a deleted word, a deleted paragraph, and an accepted suggestion’s deletion', async () => {
    const emploi = await connect(world.tokens.emploi);
    const sante = await connect(world.tokens.sante);
    await inSync(emploi);
    const blocks = textBlocks(sante.doc);
    const plain = (element: Y.XmlElement) => (element.get(0) as Y.XmlText).toString().replace(/<[^>]+>/g, '');
    const target = blocks.find((block) => plain(block).startsWith('Reconnaissance'))!;
    const firstText = target.get(0) as Y.XmlText;
    const firstWords = plain(target);
    const secondText = plain(blocks.find((block) => block !== target)!);
    const version = (await world.clients.emploi.post(`/api/documents/${documentId}/versions`, { name: 'Avant les suppressions' })).body.version.id;

    // Santé deletes the first word of the first paragraph; emploi deletes the second paragraph.
    const cut = firstWords.indexOf(' ') + 1;
    firstText.delete(0, cut);
    await inSync(sante);
    await inSync(emploi);
    const index = bodyOf(emploi.doc)
      .toArray()
      .findIndex((node) => node instanceof Y.XmlElement && node.toString().includes(secondText.slice(0, 12)));
    bodyOf(emploi.doc).delete(index, 1);
    await inSync(emploi);
    // The server deletes on an editor's behalf (accepting a suggestion, a restore): that editor is named.
    await server.hub.applyServerChange(
      documentId,
      (doc) => {
        const text = textBlocks(doc)
          .find((block) => block.toString().includes('diplômes'))!
          .get(0) as Y.XmlText;
        text.delete(text.length - 1, 1);
      },
      world.users.chair.id,
    );

    await server.hub.writersRecorded(documentId);
    const response = await world.clients.emploi.get(`/api/documents/${documentId}/versions/${version}/diff?against=current`);
    expect(response.status).toBe(200);
    const diff = response.body.diff;
    const removed = diff.blocks.find((block: any) => block.op === 'delete' && block.block.text === secondText);
    expect(removed, JSON.stringify(diff.blocks.map((b: any) => b.op))).toBeTruthy();
    expect(new Set(deletedBy(diff, removed.del))).toEqual(new Set([world.users.emploi.id]));
    const change = diff.blocks.find((block: any) => block.op === 'change' && block.before.text === firstWords);
    const deletedWords = change.words.filter((word: any) => word.op === 'delete');
    const first = deletedWords.find((word: any) => word.text.includes('Reconnaissance'));
    expect(deletedBy(diff, first.del)).toEqual([world.users.sante.id]);
    const last = deletedWords.at(-1);
    expect(deletedBy(diff, last.del)).toContain(world.users.chair.id);
    // The record is per range of items, written once per change.
    const rows = await server.database.db.selectFrom('doc_deleters').select(['user_id']).where('document_id', '=', documentId).execute();
    expect(new Set(rows.map((row) => row.user_id))).toEqual(new Set([world.users.sante.id, world.users.emploi.id, world.users.chair.id]));
  });

  it('a read-only connection’s deletions are refused, so nobody is recorded for them', async () => {
    const before = await server.database.db.selectFrom('doc_deleters').select('id').where('document_id', '=', documentId).execute();
    await regrant(server.database.db, documentId, world.org.sante.id, 'comment');
    // As the grant command does: connections admitted from now on must not reuse the earlier 'edit' answer.
    server.events.publish([{ type: 'document.access_changed', documentId, actorUserId: null }]);
    const sante = await connect(world.tokens.sante);
    const watcher = await connect(world.tokens.emploi);
    const text = textBlocks(sante.doc)[0]!.get(0) as Y.XmlText;
    text.delete(0, 2);
    await barrier(sante, watcher, 'after-delete');
    await server.hub.writersRecorded(documentId);
    const after = await server.database.db.selectFrom('doc_deleters').select('id').where('document_id', '=', documentId).execute();
    expect(after.length).toBe(before.length);
  });
});
