import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bodyOf, bodyText } from '../../shared/doc-schema.ts';
import { connectPeer, eventually, type TestPeer } from '../helpers/collab.ts';
import { collabWorld } from '../helpers/collab-world.ts';
import { reportFaultFigures } from '../helpers/fault-figures.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { loadStoredDocument } from '../helpers/stored-document.ts';

/** Pastes `bytes` of text as paragraphs of 1,000 characters, in one transaction; returns a marker of it. */
function paste(doc: Y.Doc, bytes: number, tag: string): string {
  const line = (i: number) => `${tag} ${String(i).padStart(6, '0')} ${'texte collé hors ligne '.repeat(50)}`.slice(0, 1_000);
  const paragraphs = Array.from({ length: Math.ceil(bytes / 1_000) }, (_, i) => {
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText(line(i))]);
    return paragraph;
  });
  bodyOf(doc).insert(bodyOf(doc).length, paragraphs);
  return line(paragraphs.length - 1);
}

/**
 * Issue 13: an edit made offline that is larger than a message used to be (4 MB) syncs when the
 * stock provider comes back; one over the hard bound is refused once with a code the provider
 * does not retry, instead of a reconnect loop.
 */
describe('large offline edits', () => {
  const servers: TestServer[] = [];
  const peers: TestPeer[] = [];
  afterAll(async () => {
    for (const peer of peers) peer.destroy();
    for (const server of servers) await server.close();
  });

  it('a 6 MB paste made offline syncs on reconnect, reaches the others and is stored', async () => {
    const server = await startTestServer();
    servers.push(server);
    const world = await collabWorld(server.database.db, server.url);
    const author = connectPeer(server.url, world.documentId, world.editors[0]!.token);
    const reader = connectPeer(server.url, world.documentId, world.editors[1]!.token);
    peers.push(author, reader);
    await Promise.all([author.synced(), reader.synced()]);

    author.provider.disconnect();
    const last = paste(author.doc, 6 * 1024 * 1024, 'hors-ligne');
    expect(Y.encodeStateAsUpdate(author.doc).length).toBeGreaterThan(6 * 1024 * 1024);
    const connecting: string[] = [];
    author.provider.on('status', ({ status }) => connecting.push(status));
    author.provider.connect();
    const reconnectedAt = performance.now();

    await eventually(() => expect(bodyText(reader.doc)).toContain(last), 60_000, 200);
    const convergedMs = performance.now() - reconnectedAt;
    expect(author.closes, 'the server never closed the author').toEqual([]);
    expect(connecting.filter((status) => status === 'connecting').length, 'one connection, no reconnect loop').toBe(1);
    await server.hub.store.flush();
    const stored = await loadStoredDocument(server.database.db, world.documentId);
    const paragraphs = Math.ceil((6 * 1024 * 1024) / 1_000);
    const lost = bodyText(stored) === bodyText(author.doc) ? 0 : paragraphs;
    reportFaultFigures({
      scenario: '6 MB offline edit',
      typed: paragraphs,
      acknowledged: paragraphs,
      lost,
      convergedMs,
      note: `one paste of ${paragraphs} paragraphs in one transaction, counted by paragraph; time from the reconnect`,
    });
    expect(bodyText(stored)).toBe(bodyText(author.doc));
  }, 180_000);

  it('an edit over the hard bound is refused once with 4413, and the stock provider stops instead of looping', async () => {
    const server = await startTestServer({ COLLAB_MAX_MESSAGE_BYTES: String(1024 * 1024) });
    servers.push(server);
    const world = await collabWorld(server.database.db, server.url);
    const author = connectPeer(server.url, world.documentId, world.editors[0]!.token);
    peers.push(author);
    await author.synced();
    author.provider.disconnect();
    paste(author.doc, 2 * 1024 * 1024, 'trop-grand');
    const statuses: string[] = [];
    author.provider.on('status', ({ status }) => statuses.push(status));
    const stopped = new Promise<{ code: number; reason: string }>((resolve) => author.provider.on('closed', (event) => resolve(event)));
    author.provider.connect();

    expect(await stopped).toMatchObject({ code: 4413, reason: expect.stringContaining('too large') });
    // The provider reported a permanent close: it stopped, and schedules no retry.
    expect(author.provider.shouldConnect).toBe(false);
    expect(author.provider.ws).toBeNull();
    expect(statuses.filter((status) => status === 'connecting').length).toBe(1);
    expect(author.closes.map((close) => close.code)).toEqual([4413]);
  }, 60_000);
});
