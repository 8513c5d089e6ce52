import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPeer, eventually, type TestPeer } from '../helpers/collab.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { commentWorld, PARAGRAPHS, resolvedText, textAnchor, textOf, type CommentWorld } from './comments-world.ts';

describe('comment anchors against live editing', () => {
  let server: TestServer;
  let world: CommentWorld;
  let path: string;
  const peers: TestPeer[] = [];

  beforeAll(async () => {
    server = await startTestServer({ COLLAB_UNLOAD_DELAY_MS: '200' });
    world = await commentWorld(server);
    path = `/api/documents/${world.documentId}/comments`;
  });
  afterAll(async () => {
    for (const peer of peers) peer.destroy();
    await server?.close();
  });

  const join = async (person: 'lead' | 'lead2') => {
    const peer = connectPeer(server.url, world.documentId, world.ids[person].token);
    peers.push(peer);
    await peer.synced();
    return peer;
  };
  const serverText = (block: number) => textOf(server.hub.room(world.documentId)!.doc, block).toString();
  const threadOf = async (id: string) => (await world.api.viewer.get(path)).body.threads.find((thread: any) => thread.id === id);

  it('follows concurrent inserts before the range made by two stock y-websocket providers', async () => {
    const [alice, bob] = [await join('lead'), await join('lead2')];
    expect(textOf(alice.doc, 1).toString()).toBe(PARAGRAPHS[0]);
    // The partner selects "des MRE" in its editor (built from its replica, here the stored content).
    const anchor = textAnchor(alice.doc, 1, 'des MRE');
    const created = await world.api.partner.post(path, { body: 'Combien de MRE concernés ?', anchor });
    expect(created.status).toBe(201);

    // Both editors type before the range at the same moment, before hearing of each other.
    alice.doc.transact(() => textOf(alice.doc, 1).insert(0, 'Objectif : '));
    bob.doc.transact(() => textOf(bob.doc, 1).insert('Couverture'.length, ' médicale gratuite,'));
    textOf(bob.doc, 2).insert(0, 'Aussi : ');
    const expected = 'Objectif : Couverture médicale gratuite, médicale des MRE pendant l’été.';
    await eventually(() => {
      expect(textOf(alice.doc, 1).toString()).toBe(expected);
      expect(textOf(bob.doc, 1).toString()).toBe(expected);
      expect(serverText(1)).toBe(expected);
    });

    const thread = await threadOf(created.body.comment.id);
    expect(thread).toMatchObject({ anchorStatus: 'attached', anchorText: 'des MRE', anchor });
    for (const peer of [alice, bob]) expect(resolvedText(peer.doc, thread.anchor)).toBe('des MRE');
  });

  it('marks the thread detached, and keeps it, when the anchored text is deleted', async () => {
    const [alice] = peers;
    const anchor = textAnchor(alice!.doc, 2, 'vaccination');
    const created = await world.api.lead.post(path, { body: 'Quels vaccins ?', anchor });
    expect(created.status).toBe(201);
    const reply = await world.api.partner.post(path, { body: 'Liste OMS', threadId: created.body.comment.id });
    expect(reply.status).toBe(201);

    const text = textOf(alice!.doc, 2);
    text.delete(text.toString().indexOf('vaccination'), 'vaccination '.length);
    await eventually(() => expect(serverText(2)).not.toContain('vaccination'));
    await eventually(async () => {
      const thread = await threadOf(created.body.comment.id);
      expect(thread).toMatchObject({ anchorStatus: 'detached', anchorText: null, anchor: { quote: 'vaccination' }, replies: [{ body: 'Liste OMS' }] });
    });
    // The earlier thread is untouched by this deletion.
    expect((await world.api.viewer.get(path)).body.threads.map((t: any) => t.anchorStatus)).toEqual(['attached', 'detached']);
  });

  it('reads the same statuses from storage once every editor has left', async () => {
    for (const peer of peers.splice(0)) peer.destroy();
    await eventually(() => expect(server.hub.room(world.documentId)).toBeUndefined(), 15_000);
    const threads = (await world.api.viewer.get(path)).body.threads;
    expect(threads.map((t: any) => [t.anchorStatus, t.anchorText])).toEqual([
      ['attached', 'des MRE'],
      ['detached', null],
    ]);
  });
});
