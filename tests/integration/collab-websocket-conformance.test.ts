import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bystanders, type Bystanders } from '../helpers/collab-bystanders.ts';
import { collabWorld, type CollabWorld } from '../helpers/collab-world.ts';
import { eventually } from '../helpers/collab.ts';
import { clientFrame, closePayload, Op, openRawWebSocket, type RawWebSocket } from '../helpers/raw-websocket.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

/**
 * RFC 6455 conformance of the sync endpoint, with frames written byte by byte on a TCP socket: each
 * violation gets the close code the RFC mandates (§5.2, §5.5, §7.4, §8.1), the connection ends,
 * and the stock clients beside it notice nothing.
 */
describe('the sync endpoint’s WebSocket conformance', () => {
  let server: TestServer;
  let world: CollabWorld;
  let others: Bystanders;
  let port: number;
  const opened: RawWebSocket[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    world = await collabWorld(server.database.db, server.url, { editors: 3 });
    others = await bystanders(server, world);
    port = Number(new URL(server.url).port);
  });
  afterAll(async () => {
    for (const raw of opened) raw.socket.destroy();
    others?.destroy();
    await server?.close();
  });

  async function admitted(options: { read?: boolean } = {}): Promise<RawWebSocket> {
    const raw = await openRawWebSocket(port, `/collab/${world.documentId}?token=${world.editors[2]!.token}`, options);
    opened.push(raw);
    expect(raw.response).toMatch(/^HTTP\/1\.1 101 /);
    // The greeting (sync step 1) says it was admitted and the document loaded.
    if (options.read !== false) await eventually(() => expect(raw.frames.some((frame) => frame.opcode === Op.binary)).toBe(true));
    return raw;
  }

  /** Sends `frame` and expects the server's close frame with `code`, then the end of the connection. */
  async function expectClosedWith(frame: Buffer, code: number): Promise<void> {
    const raw = await admitted();
    raw.write(frame);
    expect((await raw.closeFrame()).code).toBe(code);
    raw.socket.end();
    await raw.closed;
  }

  it('a frame with a reserved bit set (no extension was negotiated): 1002', async () => {
    for (const rsv of [1, 2, 4]) await expectClosedWith(clientFrame(Op.binary, Buffer.from([0, 0]), { rsv }), 1002);
    await others.expectUndisturbed();
  });

  it('a control frame over 125 bytes: 1002', async () => {
    await expectClosedWith(clientFrame(Op.ping, Buffer.alloc(126, 1)), 1002);
    await expectClosedWith(clientFrame(Op.close, closePayload(1000, 'x'.repeat(130))), 1002);
    await others.expectUndisturbed();
  });

  it('a fragmented control frame: 1002', async () => {
    await expectClosedWith(clientFrame(Op.ping, 'a', { fin: false }), 1002);
    await expectClosedWith(clientFrame(Op.pong, 'a', { fin: false }), 1002);
    await others.expectUndisturbed();
  });

  it('a continuation without a message to continue, an unknown opcode, an unmasked frame: 1002', async () => {
    await expectClosedWith(clientFrame(Op.continuation, Buffer.from([0, 0])), 1002);
    await expectClosedWith(clientFrame(0x3, Buffer.from([0])), 1002);
    await expectClosedWith(clientFrame(0xb, Buffer.from([0])), 1002);
    await expectClosedWith(clientFrame(Op.binary, Buffer.from([0, 0]), { masked: false }), 1002);
    await others.expectUndisturbed();
  });

  it('invalid close codes and a one-byte close payload: 1002', async () => {
    for (const code of [0, 999, 1004, 1005, 1006, 1015, 1016, 2000, 2999, 5000, 65535]) {
      await expectClosedWith(clientFrame(Op.close, closePayload(code)), 1002);
    }
    await expectClosedWith(clientFrame(Op.close, Buffer.from([0x03])), 1002);
    await others.expectUndisturbed();
  });

  it('a valid close code is answered with a close and the end of the connection', async () => {
    await expectClosedWith(clientFrame(Op.close, closePayload(4000, 'au revoir')), 4000);
    await others.expectUndisturbed();
  });

  it('invalid UTF-8 in a text frame or a close reason: 1007', async () => {
    const broken = Buffer.from([0xce, 0xba, 0xe1, 0xbd, 0xb9, 0xcf, 0x83, 0xce, 0xbc, 0xce, 0xb5, 0xed, 0xa0, 0x80, 0x65, 0x64]);
    await expectClosedWith(clientFrame(Op.text, broken), 1007);
    await expectClosedWith(clientFrame(Op.close, closePayload(1000, Buffer.from([0xff, 0xfe]))), 1007);
    // Valid UTF-8 text is still not the y-websocket protocol: 1003 (unsupported data).
    await expectClosedWith(clientFrame(Op.text, 'bonjour'), 1003);
    await others.expectUndisturbed();
  });

  it('a ping flood from a client that never reads is cut: the pongs it does not read do not pile up', async () => {
    const before = server.hub.room(world.documentId)!.connections.size;
    const raw = await admitted({ read: false });
    await eventually(() => expect(server.hub.room(world.documentId)!.connections.size).toBe(before + 1));
    const ping = clientFrame(Op.ping, Buffer.alloc(125, 7));
    const batch = Buffer.concat(Array.from({ length: 1_000 }, () => ping));
    // Up to 130 MB of pings (the kernel's buffers hold a few MB of pongs before they are pending).
    let sent = 0;
    while (!raw.isClosed() && sent < 1_000) {
      if (!raw.write(batch)) await Promise.race([new Promise((resolve) => raw.socket.once('drain', resolve)), raw.closed]);
      sent++;
    }
    await raw.closed;
    expect(sent, 'the server cut the connection long before the flood ended').toBeLessThan(1_000);
    await eventually(() => expect(server.hub.room(world.documentId)!.connections.size).toBe(before));
    await others.expectUndisturbed();
  });

  it('a ping flood from a client that reads its pongs is cut too (pongs pending, or its byte budget: 4429)', async () => {
    const raw = await admitted();
    const ping = clientFrame(Op.ping, 'p');
    // A few at a time: they still arrive faster than the pongs can leave, or past the budget.
    const batch = Buffer.concat(Array.from({ length: 8 }, () => ping));
    const sent = 60_000;
    for (let i = 0; i < sent / 8 && !raw.isClosed() && !raw.frames.some((frame) => frame.opcode === Op.close); i++) {
      raw.write(batch);
      if (i % 4 === 0) await new Promise((resolve) => setTimeout(resolve, 0));
    }
    await Promise.race([raw.closed, raw.closeFrame(20_000)]);
    const close = raw.frames.find((frame) => frame.opcode === Op.close);
    if (close) expect(close.payload.readUInt16BE(0)).toBe(4429);
    expect(raw.frames.filter((frame) => frame.opcode === Op.pong).length).toBeLessThan(sent);
    await others.expectUndisturbed();
  });
});
