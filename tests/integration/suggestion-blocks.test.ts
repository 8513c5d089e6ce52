import { toBase64 } from 'lib0/buffer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { appendBlocks, bodyOf, bodyText, measuresOf } from '../../shared/doc-schema.ts';
import { readRichText } from '../../shared/rich-text.ts';
import { barrier, eventually } from '../helpers/collab.ts';
import { collabWorld, type CollabWorld } from '../helpers/collab-world.ts';
import { documentPeers } from '../helpers/document-peers.ts';
import { ApiClient } from '../helpers/http.ts';
import { connectRaw, frames } from '../helpers/raw-collab.ts';
import { documentContent } from '../helpers/random-edits.ts';
import { startTestServerWith, type TestServer } from '../helpers/server.ts';
import { loadStoredDocument, storedRows } from '../helpers/stored-document.ts';

/** The body's outline: "p:text", "h2:text", "ul[a, b]". */
function outline(doc: Y.Doc): string[] {
  return readRichText(bodyOf(doc)).map((block) => {
    if (block.type === 'list')
      return `${block.ordered ? 'ol' : 'ul'}[${block.items.map((blocks) => blocks.map((b) => ('content' in b ? b.content.map((c) => c.text).join('') : b.type)).join('|')).join(', ')}]`;
    if ('content' in block) return `${block.type === 'heading' ? `h${block.level}` : 'p'}:${block.content.map((c) => c.text).join('')}`;
    return block.type;
  });
}

/** The element of the body (or of the list at `list`) whose text starts with `start`. */
function find(container: Y.XmlFragment | Y.XmlElement, start: string): { parent: Y.XmlFragment | Y.XmlElement; index: number; element: Y.XmlElement } {
  const children = container.toArray();
  const index = children.findIndex((child) => child instanceof Y.XmlElement && bodyTextOf(child).startsWith(start));
  if (index < 0) throw new Error(`no block starting with "${start}"`);
  return { parent: container, index, element: children[index] as Y.XmlElement };
}
const bodyTextOf = (element: Y.XmlElement): string =>
  element
    .toArray()
    .map((child) => (child instanceof Y.XmlText ? child.toString().replace(/<[^>]+>/g, '') : child instanceof Y.XmlElement ? bodyTextOf(child) : ''))
    .join('');
const ref = (at: { parent: Y.XmlFragment | Y.XmlElement; index: number }) => toBase64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(at.parent, at.index)));
const place = (text: Y.XmlText, index: number) => toBase64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, index, -1)));

describe('structural suggestions, enforced on the server', () => {
  let server: TestServer;
  let world: CollabWorld;
  const { connect, destroyAll } = documentPeers(() => ({ server, documentId: world.documentId }));
  const api = (token: string) => ApiClient.withToken(server.url, token);
  const path = () => `/api/documents/${world.documentId}/suggestions`;
  const stored = async () => {
    await server.hub.store.flush();
    return loadStoredDocument(server.database.db, world.documentId);
  };

  beforeAll(async () => {
    ({ server, world } = await startTestServerWith((db, url) => collabWorld(db, url, { kind: 'note' }), { COLLAB_MAX_MESSAGE_BYTES: String(64 * 1024) }));
    const editor = await connect(world.editors[0]!.token);
    editor.doc.transact(() => {
      bodyOf(editor.doc).delete(0, bodyOf(editor.doc).length);
      appendBlocks(editor.doc, [
        { type: 'heading', level: 1, text: 'Plan emploi' },
        { type: 'paragraph', text: 'Contexte général du plan.' },
        { type: 'paragraph', text: 'Objectif un et objectif deux.' },
        { type: 'paragraph', text: 'Paragraphe à supprimer.' },
        { type: 'bulletList', items: ['Mesure A', 'Mesure B'] },
      ]);
    });
    await eventually(async () => expect(outline(await stored())).toEqual(outline(editor.doc)));
  });
  afterAll(async () => {
    destroyAll();
    await server?.close();
  });

  it('a comment-access stock provider and a raw y-websocket client cannot change structure', async () => {
    await server.hub.store.flush();
    const rowsBefore = await storedRows(server.database.db, world.documentId);
    const watcher = await connect(world.editors[1]!.token);
    const seenBefore = documentContent(watcher.doc);

    const commenter = await connect(world.guests.comment.token);
    const body = bodyOf(commenter.doc);
    // Every structural change the editor could make: a new paragraph, a split, a join, a deletion,
    // a paragraph turned into a heading, into a list item.
    commenter.doc.transact(() => {
      const split = find(body, 'Objectif').element;
      const text = split.get(0) as Y.XmlText;
      const tail = new Y.XmlElement('paragraph');
      tail.insert(0, [new Y.XmlText('objectif deux.')]);
      text.delete(14, text.length - 14);
      body.insert(find(body, 'Objectif').index + 1, [tail]);
    });
    body.delete(find(body, 'Paragraphe à').index, 1);
    const heading = new Y.XmlElement('heading');
    heading.setAttribute('level', 2 as unknown as string);
    heading.insert(0, [new Y.XmlText('Contexte général du plan.')]);
    commenter.doc.transact(() => {
      const at = find(body, 'Contexte').index;
      body.delete(at, 1);
      body.insert(at, [heading]);
    });
    const list = find(body, 'Mesure').element;
    list.delete(0, 1);
    measuresOf(commenter.doc).push([new Y.Map()]);
    await barrier(commenter, watcher, 'stock-done');

    // The same as hand-made frames: sync step 2 and update carrying a new paragraph and deletions.
    const raw = connectRaw(server.url, world.documentId, world.guests.comment.token);
    await raw.joined();
    const forged = new Y.Doc();
    Y.applyUpdate(forged, Y.encodeStateAsUpdate(watcher.doc));
    const beforeForged = Y.encodeStateVector(forged);
    appendBlocks(forged, [{ type: 'paragraph', text: 'Paragraphe forgé' }]);
    bodyOf(forged).delete(0, 2);
    const update = Y.encodeStateAsUpdate(forged, beforeForged);
    raw.send(frames.step2(update));
    raw.send(frames.update(update));
    raw.send(frames.update(Y.encodeStateAsUpdate(forged)));
    // Then a presence message: once the watcher sees it, the server has handled the frames before it.
    raw.send(frames.awareness([{ clientId: 424242, clock: 1, state: { mark: 'raw-done' } }]));
    await eventually(() => expect(watcher.provider.awareness.getStates().get(424242)?.mark).toBe('raw-done'));
    raw.ws.close();

    expect(documentContent(watcher.doc), 'nothing relayed to others').toEqual(seenBefore);
    expect(outline(server.hub.room(world.documentId)!.doc)).toEqual(outline(watcher.doc));
    expect(bodyText(await stored())).not.toContain('forgé');
    expect(await storedRows(server.database.db, world.documentId)).toEqual(rowsBefore);
    commenter.destroy();
  });

  it('crafted structural operations over HTTP are refused and nothing is stored', async () => {
    const editor = await connect(world.editors[0]!.token);
    const body = bodyOf(editor.doc);
    const list = find(body, 'Mesure').element;
    const commenter = api(world.guests.comment.token);
    const other = new Y.Doc();
    appendBlocks(other, [{ type: 'paragraph', text: 'ailleurs' }]);
    const bad: Array<Record<string, unknown>> = [
      // a block of another document, the list itself, an item's own paragraph, a place in a text
      { kind: 'delete_block', start: ref({ parent: bodyOf(other), index: 0 }), end: ref({ parent: bodyOf(other), index: 0 }) },
      { kind: 'delete_block', start: ref(find(body, 'Mesure')), end: ref(find(body, 'Mesure')) },
      { kind: 'delete_block', start: ref({ parent: list.get(0) as Y.XmlElement, index: 0 }), end: ref({ parent: list.get(0) as Y.XmlElement, index: 0 }) },
      { kind: 'set_block', start: ref({ parent: list, index: 0 }), end: ref({ parent: list, index: 0 }), block: { type: 'heading', level: 1 } },
      { kind: 'join', start: ref(find(body, 'Contexte')), end: ref(find(body, 'Paragraphe')) },
      { kind: 'insert_block', start: ref(find(body, 'Contexte')), end: ref(find(body, 'Contexte')), text: 'x', block: { type: 'list_item', side: 'after' } },
      { kind: 'insert_block', start: ref(find(body, 'Contexte')), end: ref(find(body, 'Contexte')), text: 'deux\nlignes', block: { type: 'paragraph', side: 'after' } },
      { kind: 'insert_block', start: ref(find(body, 'Contexte')), end: ref(find(body, 'Contexte')), text: 'x', block: { type: 'table' } },
      { kind: 'split', start: ref(find(body, 'Contexte')), end: ref(find(body, 'Contexte')), text: 'x' },
      { kind: 'delete_block', start: ref(find(body, 'Contexte')), end: ref(find(body, 'Contexte')), mark: { name: 'bold', on: true } },
      { kind: 'rename', start: ref(find(body, 'Contexte')), end: ref(find(body, 'Contexte')) },
    ];
    for (const suggestion of bad) {
      const response = await commenter.post(path(), { suggestions: [suggestion] });
      expect(response.status, JSON.stringify(suggestion)).toBe(400);
    }
    // All or none: one bad operation among good ones stores none.
    const good = { kind: 'delete_block', start: ref(find(body, 'Paragraphe')), end: ref(find(body, 'Paragraphe')) };
    expect((await commenter.post(path(), { suggestions: [good, bad[1]] })).status).toBe(400);
    expect((await api(world.guests.view.token).post(path(), { suggestions: [good] })).status).toBe(403);
    expect((await commenter.get(path())).body.suggestions).toEqual([]);
  });

  it('each kind suggested by a commenter: shown to editors, some accepted, one rejected, the rest all at once', async () => {
    const editor = await connect(world.editors[0]!.token);
    const body = bodyOf(editor.doc);
    const list = find(body, 'Mesure').element;
    const objective = find(body, 'Objectif').element.get(0) as Y.XmlText;
    const commenter = api(world.guests.comment.token);
    const created = await commenter.post(path(), {
      suggestions: [
        { kind: 'insert_block', start: ref(find(body, 'Contexte')), end: ref(find(body, 'Contexte')), text: 'Un paragraphe nouveau.', block: { type: 'paragraph', side: 'after' } },
        { kind: 'split', start: place(objective, 'Objectif un et '.length), end: place(objective, 'Objectif un et '.length) },
        { kind: 'delete_block', start: ref(find(body, 'Paragraphe')), end: ref(find(body, 'Paragraphe')) },
        { kind: 'set_block', start: ref(find(body, 'Contexte')), end: ref(find(body, 'Contexte')), block: { type: 'heading', level: 2 } },
        { kind: 'insert_block', start: ref({ parent: list, index: 1 }), end: ref({ parent: list, index: 1 }), text: 'Mesure C', block: { type: 'list_item', side: 'after' } },
        { kind: 'join', start: ref({ parent: list, index: 0 }), end: ref({ parent: list, index: 1 }) },
      ],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const ids = (created.body.suggestions as Array<{ id: string; kind: string; quote: string }>).map((s) => s.id);
    expect(created.body.suggestions.map((s: { kind: string }) => s.kind)).toEqual(['insert_block', 'split', 'delete_block', 'set_block', 'insert_block', 'join']);
    expect(created.body.suggestions[2].quote).toBe('Paragraphe à supprimer.');
    const before = outline(editor.doc);
    const listed = await api(world.editors[1]!.token).get(path());
    expect(listed.body.suggestions.map((s: { id: string }) => s.id)).toEqual(ids);
    expect(outline(editor.doc), 'nothing changes before a decision').toEqual(before);

    const editorApi = api(world.editors[0]!.token);
    expect((await commenter.post(`${path()}/${ids[0]}/accept`)).status).toBe(403);
    expect((await editorApi.post(`${path()}/${ids[0]}/accept`)).status).toBe(200);
    expect((await editorApi.post(`${path()}/${ids[1]}/accept`)).status).toBe(200);
    expect((await editorApi.post(`${path()}/${ids[5]}/reject`)).status).toBe(200);
    const all = await editorApi.post(`${path()}/accept-all`);
    expect(all.body.decided).toEqual([ids[2], ids[3], ids[4]]);
    const expected = ['h1:Plan emploi', 'h2:Contexte général du plan.', 'p:Un paragraphe nouveau.', 'p:Objectif un et ', 'p:objectif deux.', 'ul[Mesure A, Mesure B, Mesure C]'];
    await eventually(() => expect(outline(editor.doc)).toEqual(expected));
    expect(outline(await stored())).toEqual(expected);
  });
});
