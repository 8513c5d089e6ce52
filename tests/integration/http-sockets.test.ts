import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { eventually } from '../helpers/collab.ts';

/**
 * Every TCP connection to the HTTP server ends: an upgrade nobody answers, headers that never
 * finish, a connection that says nothing, an idle keep-alive; and one address may hold only so
 * many at once. Timeouts are lowered here so that the test runs in seconds.
 */
describe('HTTP sockets are bounded', () => {
  let server: TestServer;
  let port: number;
  const sockets: net.Socket[] = [];

  beforeAll(async () => {
    server = await startTestServer({
      HTTP_HEADERS_TIMEOUT_MS: '600',
      HTTP_REQUEST_TIMEOUT_MS: '1200',
      HTTP_KEEP_ALIVE_TIMEOUT_MS: '600',
      HTTP_MAX_CONNECTIONS_PER_ADDRESS: '6',
    });
    port = Number(new URL(server.url).port);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await server?.close();
  });

  /** A raw connection recording what it receives and when it was closed (ms after it opened). */
  function connect(): Promise<{ socket: net.Socket; received: () => string; closedAfter: Promise<number> }> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1');
      sockets.push(socket);
      const chunks: Buffer[] = [];
      const opened = Date.now();
      socket.on('data', (chunk) => chunks.push(chunk));
      socket.on('error', () => {});
      const closedAfter = new Promise<number>((done) => socket.once('close', () => done(Date.now() - opened)));
      socket.once('connect', () => resolve({ socket, received: () => Buffer.concat(chunks).toString('latin1'), closedAfter }));
      socket.once('error', reject);
    });
  }
  /** resolves with the close time, or rejects when the connection outlives `ms` */
  const closedWithin = (closedAfter: Promise<number>, ms: number) =>
    Promise.race([closedAfter, new Promise<number>((_, reject) => setTimeout(() => reject(new Error(`still open after ${ms} ms`)), ms))]);

  it('an upgrade to a path no endpoint serves gets a 404 and is closed', async () => {
    for (const path of ['/foo', '/api/auth/me', '/collabx/1', '/']) {
      const { socket, received, closedAfter } = await connect();
      socket.write(
        `GET ${path} HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`,
      );
      await closedWithin(closedAfter, 3_000);
      expect(received()).toMatch(/^HTTP\/1\.1 404 /);
    }
  });

  it('half-sent headers are closed after the headers timeout', async () => {
    const { socket, received, closedAfter } = await connect();
    socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ');
    // Trickled bytes do not keep it open: the timeout counts from the first byte.
    const trickle = setInterval(() => socket.write('a'), 100);
    try {
      await closedWithin(closedAfter, 5_000);
    } finally {
      clearInterval(trickle);
    }
    expect(received()).toMatch(/^(HTTP\/1\.1 408 |)/);
  });

  it('a connection that never sends a byte is closed', async () => {
    const { closedAfter } = await connect();
    await closedWithin(closedAfter, 5_000);
  });

  it('an idle keep-alive connection is closed after its request', async () => {
    const { socket, received, closedAfter } = await connect();
    socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    await closedWithin(closedAfter, 5_000);
    expect(received()).toMatch(/^HTTP\/1\.1 \d{3} /);
  });

  it('one address holds at most the configured number of connections; a closed one frees its place', async () => {
    const held = await Promise.all(Array.from({ length: 6 }, () => connect()));
    // The seventh asks at once: it is cut before its request is read, so it gets no answer.
    const extra = await connect();
    extra.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    await closedWithin(extra.closedAfter, 2_000);
    expect(extra.received()).toBe('');
    held[0]!.socket.destroy();
    await held[0]!.closedAfter;
    // The server hears of the close a moment after this side: ask until it answers.
    await eventually(async () => {
      const next = await connect();
      next.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
      await closedWithin(next.closedAfter, 3_000);
      expect(next.received()).toMatch(/^HTTP\/1\.1 \d{3} /);
    });
    for (const { socket } of held) socket.destroy();
  });
});
