import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bodyOf, bodyText } from '../../shared/doc-schema.ts';
import { auditEntries, signIn } from '../helpers/actors.ts';
import { metricValue } from '../helpers/child-server.ts';
import { bystanders, type Bystanders } from '../helpers/collab-bystanders.ts';
import { startLimitedServer } from '../helpers/collab-server.ts';
import { collabWorld, type CollabWorld } from '../helpers/collab-world.ts';
import { eventually } from '../helpers/collab.ts';
import { closedWith, connectRaw, frames, type RawClient } from '../helpers/raw-collab.ts';
import type { TestServer } from '../helpers/server.ts';
import { loadStoredDocument } from '../helpers/stored-document.ts';

const raws: RawClient[] = [];
const raw = (server: TestServer, documentId: string, token: string | undefined, headers?: Record<string, string>) => {
  const client = connectRaw(server.url, documentId, token, { headers });
  raws.push(client);
  return client;
};
afterAll(() => {
  for (const client of raws) client.ws.terminate();
});

function paragraphUpdate(doc: Y.Doc, text: string): Uint8Array {
  const before = Y.encodeStateVector(doc);
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  bodyOf(doc).insert(0, [paragraph]);
  return Y.encodeStateAsUpdate(doc, before);
}

describe('message size and update rate', () => {
  let server: TestServer;
  let world: CollabWorld;
  let others: Bystanders;

  beforeAll(async () => {
    server = await startLimitedServer({ maxMessageBytes: 64 * 1024, updateRate: 20, updateBurst: 40 });
    world = await collabWorld(server.database.db, server.url, { editors: 3 });
    others = await bystanders(server, world);
  });
  afterAll(async () => {
    others?.destroy();
    await server?.close();
  });

  it('a message larger than the limit closes the connection with 4413, which the stock provider does not retry', async () => {
    const client = raw(server, world.documentId, world.editors[2]!.token);
    await client.joined();
    client.send(frames.update(paragraphUpdate(new Y.Doc(), 'x'.repeat(100 * 1024))));
    // Not ws's 1009: the provider would resend the same message forever.
    expect((await closedWith(client)).code).toBe(4413);
    await others.expectUndisturbed();
  });

  it('a flood of tiny updates is cut off by the rate limit; what was accepted is stored', async () => {
    const client = raw(server, world.documentId, world.editors[2]!.token);
    await client.joined();
    const local = new Y.Doc();
    for (const frame of client.received) if (frame.kind === 'sync-step2') Y.applyUpdate(local, frame.payload);
    client.send(frames.step1(new Uint8Array([0])));
    await eventually(() => expect(client.received.some((frame) => frame.kind === 'sync-step2')).toBe(true));
    for (const frame of client.received) if (frame.kind === 'sync-step2') Y.applyUpdate(local, frame.payload);
    const text = new Y.XmlText();
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [text]);
    let before = Y.encodeStateVector(local);
    bodyOf(local).insert(0, [paragraph]);
    client.send(frames.update(Y.encodeStateAsUpdate(local, before)));
    for (let i = 0; i < 500; i++) {
      before = Y.encodeStateVector(local);
      text.insert(text.length, 'f');
      client.send(frames.update(Y.encodeStateAsUpdate(local, before)));
    }
    expect(await closedWith(client)).toMatchObject({ code: 4429, reason: expect.stringContaining('too many updates') });
    // The accepted prefix is a legitimate edit: everyone has it, memory and database agree.
    await others.settle();
    expect(bodyText(others.observer.doc)).not.toContain('f'.repeat(500));
    await others.expectUndisturbed();
  });
});

describe('a connection closed for sending too much', () => {
  let server: TestServer;
  let world: CollabWorld;
  let others: Bystanders;

  beforeAll(async () => {
    server = await startLimitedServer({ inboundBytesRate: 1024, inboundBytesBurst: 64 * 1024 });
    world = await collabWorld(server.database.db, server.url, { editors: 3 });
    others = await bystanders(server, world);
  });
  afterAll(async () => {
    others?.destroy();
    await server?.close();
  });

  it('has the edit it already sent applied and stored before it is closed (4429)', async () => {
    const client = raw(server, world.documentId, world.editors[2]!.token);
    await client.joined();
    const marker = `envoyé avant la fermeture ${'x'.repeat(80 * 1024)}`;
    client.send(frames.update(paragraphUpdate(new Y.Doc(), marker)));
    expect(await closedWith(client)).toMatchObject({ code: 4429, reason: expect.stringContaining('too much data') });
    await eventually(() => expect(bodyText(others.observer.doc)).toContain(marker));
    await server.hub.store.flush();
    expect(bodyText(await loadStoredDocument(server.database.db, world.documentId))).toContain(marker);
  });
});

describe('a client that never reads', () => {
  let server: TestServer;
  let world: CollabWorld;
  let others: Bystanders;

  beforeAll(async () => {
    // The writer sends far more than a person would: its inbound byte rate is not what is tested here.
    server = await startLimitedServer({ maxBufferedBytes: 128 * 1024, inboundBytesRate: 64 * 1024 * 1024, inboundBytesBurst: 64 * 1024 * 1024 });
    world = await collabWorld(server.database.db, server.url);
    others = await bystanders(server, world);
  });
  afterAll(async () => {
    others?.destroy();
    await server?.close();
  });

  it('is dropped once too much is queued for it (back-pressure); the others keep working', async () => {
    const slow = raw(server, world.documentId, world.guests.view.token);
    await slow.joined();
    const socket = (slow.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    socket.pause();
    // Megabytes of edits: the kernel's socket buffers fill, then the server's queue grows.
    const chunk = 'Texte long du plan. '.repeat(2_000);
    const dropped = async () => (await metricValue(server.url, 'tansiq_collab_refused_total')) > 0;
    for (let i = 0; i < 400 && !(i % 10 === 0 && (await dropped())); i++) {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(`${i} ${chunk}`)]);
      bodyOf(others.writer.doc).insert(bodyOf(others.writer.doc).length, [paragraph]);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    // Forgotten at once, without waiting for a closing handshake it would never answer.
    await eventually(async () => expect(await metricValue(server.url, 'tansiq_collab_connections')).toBe(2));
    await others.settle();
    socket.resume();
    expect(await closedWith(slow, 30_000)).toMatchObject({ code: 4508 });
    await others.expectUndisturbed();
  });
});

describe('connection limits', () => {
  let server: TestServer;
  let world: CollabWorld;

  beforeAll(async () => {
    server = await startLimitedServer({ maxConnectionsPerDocument: 4, maxConnectionsPerUser: 2 });
    world = await collabWorld(server.database.db, server.url, { editors: 3 });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('per user: the third connection of one person is refused, another person still gets in', async () => {
    const first = raw(server, world.documentId, world.editors[0]!.token);
    const second = raw(server, world.documentId, world.editors[0]!.token);
    await Promise.all([first.joined(), second.joined()]);
    const third = raw(server, world.documentId, world.editors[0]!.token);
    expect(await closedWith(third)).toMatchObject({ code: 4430, reason: expect.stringContaining('too many') });
    const other = raw(server, world.documentId, world.editors[1]!.token);
    await other.joined();
    // A connection that left frees its place.
    first.ws.close();
    await first.closed;
    const again = raw(server, world.documentId, world.editors[0]!.token);
    await eventually(async () => {
      if (again.isClosed()) throw new Error('refused after a place was freed');
      expect(again.received.some((frame) => frame.kind === 'sync-step1')).toBe(true);
    });
    for (const client of [second, other, again]) client.ws.close();
    await Promise.all([second.closed, other.closed, again.closed]);
  });

  it('per document: beyond the limit new connections are refused, the others stay', async () => {
    const tokens = [world.editors[0]!.token, world.editors[1]!.token, world.editors[2]!.token, world.guests.edit.token];
    const admitted = tokens.map((token) => raw(server, world.documentId, token));
    for (const client of admitted) await client.joined();
    const extra = raw(server, world.documentId, world.guests.view.token);
    expect(await closedWith(extra)).toMatchObject({ code: 4430, reason: expect.stringContaining('document') });
    expect(admitted.every((client) => !client.isClosed())).toBe(true);
    await eventually(async () => expect(await metricValue(server.url, 'tansiq_collab_connections')).toBe(4));
  });
});

describe('the handshake', () => {
  let server: TestServer;
  /** documents nobody opened yet: a refused connection must not load them */
  let world: CollabWorld;
  let other: CollabWorld;

  beforeAll(async () => {
    server = await startLimitedServer({});
    world = await collabWorld(server.database.db, server.url);
    other = await collabWorld(server.database.db, server.url);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('refuses a foreign Origin before upgrading, allows its own host', async () => {
    const foreign = raw(server, other.documentId, other.editors[0]!.token, { Origin: 'https://evil.example' });
    expect(await closedWith(foreign)).toMatchObject({ httpStatus: 403 });
    const same = raw(server, other.documentId, other.editors[0]!.token, { Origin: server.url });
    await same.joined();
    same.ws.close();
  });

  it('accepts the session cookie of a signed-in browser, but not from a foreign page (cross-site WebSocket hijacking)', async () => {
    const { cookie } = await signIn(server.url, other.editors[1]!.email);
    const forged = raw(server, other.documentId, undefined, { Cookie: cookie!, Origin: 'https://evil.example' });
    expect(await closedWith(forged)).toMatchObject({ httpStatus: 403 });
    const browser = raw(server, other.documentId, undefined, { Cookie: cookie!, Origin: server.url });
    await browser.joined();
    browser.ws.close();
  });

  it('closes an unauthenticated connection with 4401 before the document is loaded', async () => {
    const loadsBefore = await metricValue(server.url, 'tansiq_collab_load_seconds_count');
    for (const token of [undefined, 'tsq_not-a-real-token']) {
      const client = raw(server, world.documentId, token);
      expect(await closedWith(client)).toMatchObject({ code: 4401 });
    }
    expect(server.hub.room(world.documentId)).toBeUndefined();
    expect(await metricValue(server.url, 'tansiq_collab_load_seconds_count')).toBe(loadsBefore);
  });

  it('answers 4404 without a grant and audits it; the same for documents that do not exist', async () => {
    const outsider = raw(server, world.documentId, world.outsider.token);
    expect(await closedWith(outsider)).toMatchObject({ code: 4404 });
    const denied = await auditEntries(server.database.db, 'access.denied');
    expect(denied.filter((entry) => entry.object_id === world.documentId && entry.actor_user_id === world.outsider.id)).toHaveLength(1);
    expect(server.hub.room(world.documentId)).toBeUndefined();

    const missing = raw(server, '00000000-0000-4000-8000-000000000000', world.editors[0]!.token);
    expect(await closedWith(missing)).toMatchObject({ code: 4404 });
    const malformed = raw(server, 'not-a-uuid', world.editors[0]!.token);
    expect(await closedWith(malformed)).toMatchObject({ code: 4404 });
  });
});
