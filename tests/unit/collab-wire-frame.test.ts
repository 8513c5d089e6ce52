import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createSyncSockets, SyncSocket } from '../../server/collab/sync-socket.ts';
import { binaryFrame, WireFrame } from '../../server/collab/wire-frame.ts';

/** A real `ws` server socket (the endpoint's SyncSocket) and a real client reading what it sends. */
async function pair(): Promise<{ server: SyncSocket; client: WebSocket; received: Buffer[]; close(): Promise<void> }> {
  const sockets = createSyncSockets(1 << 20);
  const httpServer = http.createServer();
  let server!: SyncSocket;
  const accepted = new Promise<void>((resolve) =>
    httpServer.on('upgrade', (request, socket, head) =>
      sockets.accept(request, socket, head, (ws) => {
        server = ws;
        resolve();
      }),
    ),
  );
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const client = new WebSocket(`ws://127.0.0.1:${(httpServer.address() as AddressInfo).port}/`);
  const received: Buffer[] = [];
  client.on('message', (data: Buffer, isBinary) => {
    expect(isBinary).toBe(true);
    received.push(data);
  });
  await Promise.all([accepted, new Promise((resolve) => client.once('open', resolve))]);
  return {
    server,
    client,
    received,
    close: async () => {
      client.terminate();
      server.terminate();
      await new Promise((resolve) => httpServer.close(resolve));
    },
  };
}

const until = async (check: () => boolean) => {
  while (!check()) await new Promise((resolve) => setImmediate(resolve));
};

describe('messages framed once for all recipients', () => {
  let close: (() => Promise<void>) | null = null;
  afterEach(async () => {
    await close?.();
    close = null;
  });

  it('frames with the 7-bit, 16-bit and 64-bit lengths of RFC 6455', () => {
    for (const [length, header] of [
      [0, 2],
      [125, 2],
      [126, 4],
      [65_535, 4],
      [65_536, 10],
    ] as const) {
      const frame = binaryFrame(new Uint8Array(length).fill(7));
      expect(frame.length).toBe(header + length);
      expect(frame[0]).toBe(0x82);
      if (header === 2) expect(frame[1]).toBe(length);
      if (header === 4) expect([frame[1], frame.readUInt16BE(2)]).toEqual([126, length]);
      if (header === 10) expect([frame[1], frame.readUInt32BE(2), frame.readUInt32BE(6)]).toEqual([127, 0, length]);
    }
  });

  it('reaches a real client intact and in order with the messages sent through ws', async () => {
    const { server, received, close: end } = await pair();
    close = end;
    const messages = [3, 200, 70_000, 1].map((length, i) => new Uint8Array(length).fill(i + 1));
    server.sendFrame(new WireFrame(messages[0]!));
    server.send(messages[1]!);
    const shared = new WireFrame(messages[2]!);
    server.sendFrame(shared);
    server.sendFrame(new WireFrame(messages[3]!));
    await until(() => received.length === 4);
    expect(received.map((data) => new Uint8Array(data))).toEqual(messages);
    // framed once, whatever the number of recipients
    expect(shared.bytes).toBe(shared.bytes);
  });

  it('several messages in one frame set reach the client as those messages, in order, each whole', async () => {
    const { server, received, close: end } = await pair();
    close = end;
    const messages = [5, 126, 70_000, 0].map((length, i) => new Uint8Array(length).fill(i + 1));
    const together = new WireFrame(messages[0]!, messages[1]!, messages[2]!, messages[3]!);
    expect(together.bytes.length).toBe(messages.reduce((sum, message) => sum + binaryFrame(message).length, 0));
    server.sendFrame(together);
    server.sendFrame(new WireFrame(new Uint8Array([9])));
    await until(() => received.length === 5);
    expect(received.map((data) => new Uint8Array(data))).toEqual([...messages, new Uint8Array([9])]);
  });

  it('goes through ws once the socket is closing (nothing is written after the close frame)', async () => {
    const { server, client, received, close: end } = await pair();
    close = end;
    const closed = new Promise((resolve) => client.once('close', resolve));
    server.close(1000, 'bye');
    server.sendFrame(new WireFrame(new Uint8Array([1, 2, 3])));
    await closed;
    expect(received).toEqual([]);
  });
});
