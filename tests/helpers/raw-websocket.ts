import { randomBytes } from 'node:crypto';
import net from 'node:net';

/**
 * A WebSocket client written byte by byte on a bare TCP socket, to send what no library would
 * (reserved bits, oversized or fragmented control frames, bad close codes, broken UTF-8) and to
 * read exactly what the server answers.
 */
export interface RawWebSocket {
  socket: net.Socket;
  /** the server's handshake answer (status line and headers) */
  response: string;
  /** server frames after the handshake, parsed as they come */
  frames: ServerFrame[];
  /** resolves when the TCP connection is gone */
  closed: Promise<void>;
  isClosed(): boolean;
  write(frame: Buffer): boolean;
  /** the server's close frame: its code (1005 when none) */
  closeFrame(timeoutMs?: number): Promise<{ code: number; reason: string }>;
}

export interface ServerFrame {
  fin: boolean;
  opcode: number;
  payload: Buffer;
}

export const Op = { continuation: 0x0, text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const;

/** One client frame: masked unless told otherwise (RFC 6455 §5.3). */
export function clientFrame(opcode: number, payload: Buffer | string = Buffer.alloc(0), options: { fin?: boolean; rsv?: number; masked?: boolean } = {}): Buffer {
  const data = typeof payload === 'string' ? Buffer.from(payload) : payload;
  const masked = options.masked ?? true;
  const length = data.length;
  const lengthBytes = length < 126 ? 0 : length < 65_536 ? 2 : 8;
  const header = Buffer.alloc(2 + lengthBytes + (masked ? 4 : 0));
  header[0] = ((options.fin ?? true) ? 0x80 : 0) | ((options.rsv ?? 0) << 4) | opcode;
  header[1] = (masked ? 0x80 : 0) | (length < 126 ? length : length < 65_536 ? 126 : 127);
  if (lengthBytes === 2) header.writeUInt16BE(length, 2);
  if (lengthBytes === 8) header.writeBigUInt64BE(BigInt(length), 2);
  if (!masked) return Buffer.concat([header, data]);
  const mask = randomBytes(4);
  mask.copy(header, 2 + lengthBytes);
  const body = Buffer.from(data);
  for (let i = 0; i < body.length; i++) body[i]! ^= mask[i & 3]!;
  return Buffer.concat([header, body]);
}

/** A close frame's payload: the code, then the reason bytes as given. */
export const closePayload = (code: number, reason: Buffer | string = '') => Buffer.concat([Buffer.from([code >> 8, code & 0xff]), Buffer.from(reason)]);

/** Opens a WebSocket to `path` (query included) on a raw socket; resolves once the server answered the handshake. */
export function openRawWebSocket(port: number, path: string, options: { read?: boolean } = {}): Promise<RawWebSocket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const frames: ServerFrame[] = [];
    let buffer = Buffer.alloc(0);
    let response: string | null = null;
    let isClosed = false;
    const closed = new Promise<void>((done) =>
      socket.once('close', () => {
        isClosed = true;
        done();
      }),
    );
    socket.on('error', () => {});
    socket.setTimeout(20_000, () => socket.destroy());
    socket.on('connect', () => {
      socket.write(
        `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n\r\n`,
      );
    });
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (response === null) {
        const end = buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        response = buffer.subarray(0, end).toString('latin1');
        buffer = buffer.subarray(end + 4);
        if (options.read === false) socket.pause();
        resolve(raw);
      }
      for (;;) {
        const frame = parseServerFrame(buffer);
        if (!frame) break;
        frames.push(frame.frame);
        buffer = buffer.subarray(frame.bytes);
      }
    });
    closed.then(() => {
      if (response === null) reject(new Error('closed before the handshake was answered'));
    });
    const raw: RawWebSocket = {
      socket,
      get response() {
        return response ?? '';
      },
      frames,
      closed,
      isClosed: () => isClosed,
      write: (frame) => socket.write(frame),
      async closeFrame(timeoutMs = 10_000) {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const close = frames.find((frame) => frame.opcode === Op.close);
          if (close) return { code: close.payload.length >= 2 ? close.payload.readUInt16BE(0) : 1005, reason: close.payload.subarray(2).toString() };
          if (Date.now() > deadline) throw new Error(`no close frame within ${timeoutMs} ms (connection ${isClosed ? 'closed' : 'open'})`);
          await new Promise((done) => setTimeout(done, 20));
        }
      },
    };
  });
}

function parseServerFrame(buffer: Buffer): { frame: ServerFrame; bytes: number } | null {
  if (buffer.length < 2) return null;
  let length = buffer[1]! & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (buffer.length < 4) return null;
    length = buffer.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    if (buffer.length < 10) return null;
    length = Number(buffer.readBigUInt64BE(2));
    offset = 10;
  }
  if (buffer.length < offset + length) return null;
  return { frame: { fin: (buffer[0]! & 0x80) !== 0, opcode: buffer[0]! & 0x0f, payload: buffer.subarray(offset, offset + length) }, bytes: offset + length };
}
