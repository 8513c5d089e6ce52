import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { eventually } from '../helpers/collab.ts';
import { collabWorld, type CollabWorld } from '../helpers/collab-world.ts';
import { closedWith, connectRaw } from '../helpers/raw-collab.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

/**
 * The sync endpoint's WebSocket (the `ws` package, server/collab/sync-socket.ts): handshakes, pings, the
 * closing handshake and broken framing, seen from a stock `ws` client and from a bare TCP socket.
 */
describe('the sync endpoint’s WebSocket layer', () => {
  let server: TestServer;
  let world: CollabWorld;
  let port: number;

  beforeAll(async () => {
    server = await startTestServer();
    world = await collabWorld(server.database.db, server.url);
    port = Number(new URL(server.url).port);
  });
  afterAll(async () => {
    await server?.close();
  });

  /**
   * Sends raw bytes on a TCP connection and returns everything received until it closes; `after`
   * runs once the server answered the handshake (it signs in and checks access first).
   */
  function rawTcp(request: string, after?: (socket: net.Socket) => void): Promise<Buffer> {
    return new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => socket.write(request));
      const received: Buffer[] = [];
      let answered = false;
      socket.on('data', (chunk) => {
        received.push(chunk);
        if (!answered && Buffer.concat(received).includes('\r\n\r\n')) {
          answered = true;
          after?.(socket);
        }
      });
      socket.on('close', () => resolve(Buffer.concat(received)));
      socket.on('error', () => {});
      setTimeout(() => socket.destroy(), 8_000).unref();
    });
  }
  const handshake = (headers: Record<string, string>) =>
    `GET /collab/${world.documentId}?token=${world.editors[0]!.token} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n` +
    Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('') +
    '\r\n';
  const goodHeaders = { Upgrade: 'websocket', Connection: 'Upgrade', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==' };

  it('answers a valid handshake with the RFC’s accept key', async () => {
    const received = await rawTcp(handshake(goodHeaders), (socket) => setTimeout(() => socket.end(), 300));
    const head = received.toString('latin1');
    expect(head).toMatch(/^HTTP\/1\.1 101 Switching Protocols\r\n/);
    expect(head).toContain('Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
  });

  it('refuses handshakes with a wrong version or key, with an HTTP error', async () => {
    expect((await rawTcp(handshake({ ...goodHeaders, 'Sec-WebSocket-Version': '8' }))).toString('latin1')).toMatch(/^HTTP\/1\.1 426/);
    expect((await rawTcp(handshake({ ...goodHeaders, 'Sec-WebSocket-Key': 'short' }))).toString('latin1')).toMatch(/^HTTP\/1\.1 400/);
  });

  it('closes on an unmasked frame with 1002, and on a text frame with 1003', async () => {
    const received = await rawTcp(handshake(goodHeaders), (socket) => socket.write(Buffer.from([0x82, 0x02, 0x00, 0x00])));
    const close = serverFrames(received.subarray(received.indexOf('\r\n\r\n') + 4)).find((frame) => frame.opcode === 0x8);
    expect(close?.payload.readUInt16BE(0)).toBe(1002);

    const client = connectRaw(server.url, world.documentId, world.editors[0]!.token);
    await client.joined();
    client.ws.send('{"not":"binary"}');
    expect((await closedWith(client)).code).toBe(1003);
  });

  it('answers pings, and a client that vanishes without a closing handshake is forgotten', async () => {
    const client = connectRaw(server.url, world.documentId, world.editors[1]!.token);
    await client.joined();
    const pong = new Promise<Buffer>((resolve) => client.ws.once('pong', resolve));
    client.ws.ping(Buffer.from('ça va ?'));
    expect((await pong).toString()).toBe('ça va ?');
    const before = server.hub.room(world.documentId)!.connections.size;
    client.ws.terminate();
    await eventually(() => expect(server.hub.room(world.documentId)?.connections.size ?? 0).toBe(before - 1));
  });

  it('completes the closing handshake a client starts', async () => {
    const client = connectRaw(server.url, world.documentId, world.editors[1]!.token);
    await client.joined();
    client.ws.close(1000, 'au revoir');
    expect(await closedWith(client)).toMatchObject({ code: 1000 });
    expect(client.ws.readyState).toBe(WebSocket.CLOSED);
  });
});

/**
 * The frames a server sent (unmasked, RFC 6455 §5.2), walked header by header: the sync messages
 * before a close may hold any byte, so the close frame is found by its opcode, not by a search.
 */
function serverFrames(bytes: Buffer): Array<{ opcode: number; payload: Buffer }> {
  const frames: Array<{ opcode: number; payload: Buffer }> = [];
  for (let at = 0; at + 2 <= bytes.length; ) {
    const opcode = bytes[at]! & 0x0f;
    let length = bytes[at + 1]! & 0x7f;
    let start = at + 2;
    if (length === 126) [length, start] = [bytes.readUInt16BE(at + 2), at + 4];
    else if (length === 127) [length, start] = [Number(bytes.readBigUInt64BE(at + 2)), at + 10];
    frames.push({ opcode, payload: bytes.subarray(start, start + length) });
    at = start + length;
  }
  return frames;
}
