import { toBase64 } from 'lib0/buffer';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bodyOf, bodyText } from '../../shared/doc-schema.ts';
import { eventually } from '../helpers/collab.ts';
import { collabWorld, type CollabWorld } from '../helpers/collab-world.ts';
import { documentPeers } from '../helpers/document-peers.ts';
import { ApiClient } from '../helpers/http.ts';
import { frames } from '../helpers/raw-collab.ts';
import { documentContent } from '../helpers/random-edits.ts';
import { startTestServerWith, type TestServer } from '../helpers/server.ts';
import { loadStoredDocument, storedRows } from '../helpers/stored-document.ts';

function paragraph(text: string): Y.XmlElement {
  const element = new Y.XmlElement('paragraph');
  element.insert(0, [new Y.XmlText(text)]);
  return element;
}

/** A text node's characters (its toString() would show formatting as tags). */
const plain = (node: Y.XmlText) =>
  node
    .toDelta()
    .map((op: { insert: unknown }) => String(op.insert))
    .join('');

/** The first text node of the body whose text contains `needle`. */
function textNodeWith(doc: Y.Doc, needle: string): Y.XmlText {
  const walk = (node: Y.XmlElement | Y.XmlFragment): Y.XmlText | null => {
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlText && plain(child).includes(needle)) return child;
      if (child instanceof Y.XmlElement) {
        const found = walk(child);
        if (found) return found;
      }
    }
    return null;
  };
  const found = walk(bodyOf(doc));
  if (!found) throw new Error(`no text node with "${needle}"`);
  return found;
}

/** What a client sends for the range from…to of a text node (the positions the editor makes, assoc -1). */
const position = (node: Y.XmlText, index: number) => toBase64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(node, index, -1)));

/** Stored text of the document (the state a restart would load). */
async function storedBody(server: TestServer, documentId: string): Promise<string> {
  await server.hub.store.flush();
  return bodyText(await loadStoredDocument(server.database.db, documentId));
}

describe('suggestion mode, enforced on the server', () => {
  let server: TestServer;
  let world: CollabWorld;
  const { connect, destroyAll } = documentPeers(() => ({ server, documentId: world.documentId }));
  const api = (token: string) => ApiClient.withToken(server.url, token);
  const suggestionsPath = () => `/api/documents/${world.documentId}/suggestions`;

  beforeAll(async () => {
    ({ server, world } = await startTestServerWith((db, url) => collabWorld(db, url, { kind: 'note' }), { COLLAB_MAX_MESSAGE_BYTES: String(64 * 1024) }));
    const editor = await connect(world.editors[0]!.token);
    bodyOf(editor.doc).insert(0, [paragraph('Le plan couvre trois régions du nord.')]);
    await eventually(async () => expect(await storedBody(server, world.documentId)).toContain('trois régions'));
  });
  afterAll(async () => {
    destroyAll();
    await server?.close();
  });

  it('a stock comment-access provider changes nothing through any kind of message', async () => {
    await server.hub.store.flush();
    const rowsBefore = await storedRows(server.database.db, world.documentId);
    const storedBefore = await storedBody(server, world.documentId);
    const watcher = await connect(world.editors[1]!.token);
    const seenBefore = documentContent(watcher.doc);

    // Edits made offline reach the server in the provider's sync step 2 when it connects.
    const offline = new Y.Doc();
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(watcher.doc));
    bodyOf(offline).insert(0, [paragraph('Écrit hors ligne par le commentateur')]);
    const commenter = await connect(world.guests.comment.token, { doc: offline });
    // Live edits go as sync updates: an insertion, a deletion of existing text, a format change.
    bodyOf(commenter.doc).insert(0, [paragraph('Écrit en direct par le commentateur')]);
    const text = textNodeWith(commenter.doc, 'trois régions');
    text.delete(0, 6);
    text.format(0, 4, { bold: {} });
    // Awareness carrying document content is relayed as presence, never applied.
    commenter.provider.awareness.setLocalStateField('body', 'Texte glissé dans la présence');
    await eventually(() => expect(watcher.provider.awareness.getStates().get(commenter.doc.clientID)?.body).toBe('Texte glissé dans la présence'));
    // A sync step 1 is only a question, and an oversized update closes the connection.
    commenter.provider.ws!.send(frames.step1(Y.encodeStateVector(commenter.doc)));
    const huge = new Y.Doc();
    bodyOf(huge).insert(0, [paragraph('x'.repeat(200 * 1024))]);
    commenter.provider.ws!.send(frames.update(Y.encodeStateAsUpdate(huge)));
    await eventually(() => expect(commenter.closes.length).toBeGreaterThan(0));

    expect(documentContent(watcher.doc), 'nothing relayed to others').toEqual(seenBefore);
    expect(bodyText(server.hub.room(world.documentId)!.doc)).not.toContain('commentateur');
    expect(await storedBody(server, world.documentId), 'nothing stored').toBe(storedBefore);
    expect(await storedRows(server.database.db, world.documentId)).toEqual(rowsBefore);
    commenter.destroy();
  });

  it('suggestions of a commenter: checked, listed to editors, one accepted and one rejected', async () => {
    const editor = await connect(world.editors[0]!.token);
    const node = textNodeWith(editor.doc, 'trois régions');
    const at = (needle: string) => plain(node).indexOf(needle);
    const commenter = api(world.guests.comment.token);

    // Refused: outside one text node, with a line break, by a viewer, by an outsider.
    const other = new Y.Doc();
    const foreign = other.getText('elsewhere');
    foreign.insert(0, 'abc');
    const bad = [
      { start: toBase64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(foreign, 1))), end: position(node, 2), text: 'x' },
      { start: position(node, 0), end: position(node, 0), text: 'deux\nlignes' },
      { start: position(node, 0), end: position(node, 0), text: '' },
    ];
    for (const suggestion of bad) {
      const response = await commenter.post(suggestionsPath(), { suggestions: [suggestion] });
      expect(response.status, JSON.stringify(suggestion)).toBe(400);
    }
    const valid = { start: position(node, at('trois')), end: position(node, at('trois') + 5), text: 'quatre' };
    expect((await api(world.guests.view.token).post(suggestionsPath(), { suggestions: [valid] })).status).toBe(403);
    expect((await api(world.outsider.token).post(suggestionsPath(), { suggestions: [valid] })).status).toBe(404);

    const created = await commenter.post(suggestionsPath(), {
      suggestions: [valid, { start: position(node, at(' du nord')), end: position(node, at(' du nord') + 8), text: '' }],
    });
    expect(created.status).toBe(201);
    const [replace, deletion] = created.body.suggestions as Array<{ id: string; quote: string; author: { id: string } }>;
    expect(replace!.quote).toBe('trois');
    expect(deletion!.quote).toBe(' du nord');
    expect(replace!.author.id).toBe(world.guests.comment.id);
    // Nothing in the document until an editor decides.
    expect(bodyText(editor.doc)).toContain('trois régions du nord');

    const listed = await api(world.editors[1]!.token).get(suggestionsPath());
    expect(listed.body.suggestions.map((s: { id: string }) => s.id)).toEqual([replace!.id, deletion!.id]);

    // The commenter cannot decide, not even its own (it may only withdraw it).
    expect((await commenter.post(`${suggestionsPath()}/${replace!.id}/accept`)).status).toBe(403);
    expect((await commenter.post(`${suggestionsPath()}/accept-all`)).status).toBe(403);

    const editorApi = api(world.editors[0]!.token);
    expect((await editorApi.post(`${suggestionsPath()}/${replace!.id}/accept`)).status).toBe(200);
    expect((await editorApi.post(`${suggestionsPath()}/${deletion!.id}/reject`)).status).toBe(200);
    expect((await editorApi.post(`${suggestionsPath()}/${replace!.id}/accept`)).status, 'decided once').toBe(409);

    await eventually(() => expect(bodyText(editor.doc)).toContain('Le plan couvre quatre régions du nord.'));
    expect(await storedBody(server, world.documentId)).toContain('Le plan couvre quatre régions du nord.');
    expect((await editorApi.get(suggestionsPath())).body.suggestions).toEqual([]);
    const audit = await server.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_user_id'])
      .where('object_id', '=', world.documentId)
      .where('action', 'like', 'suggestion.%')
      .execute();
    expect(audit).toEqual(
      expect.arrayContaining([
        { action: 'suggestion.accepted', actor_user_id: world.editors[0]!.id },
        { action: 'suggestion.rejected', actor_user_id: world.editors[0]!.id },
      ]),
    );
  });

  it('a format suggestion, discussed in a comment thread, then accepted', async () => {
    const editor = await connect(world.editors[0]!.token);
    const node = textNodeWith(editor.doc, 'quatre régions');
    const from = plain(node).indexOf('quatre');
    const range = { start: position(node, from), end: position(node, from + 6) };
    const commenter = api(world.guests.comment.token);
    const created = await commenter.post(suggestionsPath(), { suggestions: [{ ...range, mark: { name: 'bold', on: true } }] });
    expect(created.status).toBe(201);
    const id = created.body.suggestions[0].id as string;

    const thread = await commenter.post(`/api/documents/${world.documentId}/comments`, {
      body: 'Pour insister sur le chiffre',
      anchor: { type: 'text', ...range, quote: 'quatre' },
    });
    expect(thread.status).toBe(201);
    expect((await commenter.put(`${suggestionsPath()}/${id}/thread`, { threadId: thread.body.comment.id })).status).toBe(200);
    const foreignThread = '00000000-0000-4000-8000-000000000000';
    expect((await commenter.put(`${suggestionsPath()}/${id}/thread`, { threadId: foreignThread })).status).toBe(400);
    expect((await api(world.editors[1]!.token).get(suggestionsPath())).body.suggestions[0]).toMatchObject({
      id,
      threadId: thread.body.comment.id,
      mark: { name: 'bold', on: true },
    });

    expect((await api(world.editors[1]!.token).post(`${suggestionsPath()}/${id}/accept`)).status).toBe(200);
    await eventually(() => expect(textNodeWith(editor.doc, 'quatre régions').toDelta()).toContainEqual({ insert: 'quatre', attributes: { bold: {} } }));
    await server.hub.store.flush();
    const stored = await loadStoredDocument(server.database.db, world.documentId);
    expect(textNodeWith(stored, 'quatre régions').toDelta()).toContainEqual({ insert: 'quatre', attributes: { bold: {} } });
  });

  it('a suggestion whose text was deleted meanwhile is refused at acceptance and stays open', async () => {
    const editor = await connect(world.editors[0]!.token);
    bodyOf(editor.doc).insert(0, [paragraph('Phrase à retirer bientôt.')]);
    await eventually(() => expect(bodyText(server.hub.room(world.documentId)!.doc)).toContain('Phrase à retirer'));
    const node = textNodeWith(editor.doc, 'Phrase à retirer');
    const created = await api(world.guests.comment.token).post(suggestionsPath(), {
      suggestions: [
        { start: position(node, 0), end: position(node, 6), text: 'Ligne' },
        { start: position(node, 9), end: position(node, 9), text: 'vite ' },
      ],
    });
    expect(created.status).toBe(201);
    bodyOf(editor.doc).delete(0, 1);
    await eventually(() => expect(bodyText(server.hub.room(world.documentId)!.doc)).not.toContain('Phrase à retirer'));
    const [first] = created.body.suggestions as Array<{ id: string }>;
    expect((await api(world.editors[0]!.token).post(`${suggestionsPath()}/${first!.id}/accept`)).status).toBe(409);
    const all = await api(world.editors[0]!.token).post(`${suggestionsPath()}/accept-all`);
    expect(all.body.decided).toEqual([]);
    expect(all.body.stale).toHaveLength(2);
    expect((await api(world.editors[0]!.token).post(`${suggestionsPath()}/reject-all`)).body.decided).toHaveLength(2);
    expect(await storedBody(server, world.documentId)).not.toContain('Ligne');
  });

  it('a suggestion accepted and rejected several times at once is decided once; the others are told 409', async () => {
    const editor = await connect(world.editors[0]!.token);
    bodyOf(editor.doc).insert(0, [paragraph('Un budget de deux millions.')]);
    await eventually(() => expect(bodyText(server.hub.room(world.documentId)!.doc)).toContain('deux millions'));
    const node = textNodeWith(editor.doc, 'deux millions');
    const at = plain(node).indexOf('deux');
    const created = await api(world.guests.comment.token).post(suggestionsPath(), { suggestions: [{ start: position(node, at), end: position(node, at + 4), text: 'trois' }] });
    expect(created.status).toBe(201);
    const id = created.body.suggestions[0].id as string;
    const [first, second] = world.editors.map((person) => api(person.token));
    const answers = await Promise.all([
      ...Array.from({ length: 6 }, () => first!.post(`${suggestionsPath()}/${id}/accept`)),
      ...Array.from({ length: 6 }, () => second!.post(`${suggestionsPath()}/${id}/reject`)),
    ]);
    const won = answers.filter((answer) => answer.status === 200);
    expect(won.map((answer) => answer.body.decided)).toEqual([[id]]);
    expect(answers.filter((answer) => answer.status !== 200).map((answer) => answer.status)).toEqual(Array(11).fill(409));
    const decisions = await server.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'in', ['suggestion.accepted', 'suggestion.rejected'])
      .where(sql<string>`details->>'suggestionId'`, '=', id)
      .execute();
    expect(decisions).toHaveLength(1);
  });
});
