/**
 * WebSocket framing (RFC 6455 §5) for the server side of the sync endpoint, pure: bytes in,
 * messages and control frames out. No extensions are negotiated (RSV bits must be 0), clients
 * must mask, text frames are refused (the y-websocket protocol is binary), and a message larger
 * than `maxMessageBytes` is refused from its header, before its payload is buffered.
 */

export const Opcode = { continuation: 0x0, text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const;

/** Close codes of RFC 6455 §7.4.1 used here. */
export const WsClose = {
  normal: 1000,
  goingAway: 1001,
  protocolError: 1002,
  unsupportedData: 1003,
  noStatus: 1005,
  abnormal: 1006,
  invalidPayload: 1007,
  tooBig: 1009,
} as const;

export interface FrameHandlers {
  message(payload: Buffer): void;
  pingReceived(payload: Buffer): void;
  pongReceived(payload: Buffer): void;
  /** the peer's close frame: its code (1005 when it sent none) and reason */
  closeReceived(code: number, reason: string): void;
  /** the peer broke the protocol: close with this code; nothing more will be parsed */
  fail(code: number, reason: string): void;
}

const MAX_CONTROL_PAYLOAD = 125;

/** a frame's header as read: `bytes` counts the whole header, masking key included */
interface FrameHeader {
  fin: boolean;
  opcode: number;
  length: number;
  bytes: number;
}

/**
 * Incremental parser: feed it whatever the socket delivers. Keeps the unparsed tail as a list of
 * chunks and the fragments of a message in progress; after a failure or a close frame it ignores
 * everything else.
 */
export class FrameParser {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private fragments: Buffer[] | null = null;
  private header: FrameHeader | null = null;
  private fragmentBytes = 0;
  private done = false;

  constructor(
    private readonly maxMessageBytes: number,
    private readonly on: FrameHandlers,
  ) {}

  push(chunk: Buffer): void {
    if (this.done || chunk.length === 0) return;
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    while (!this.done && this.parseOne());
  }

  /** Parses one frame if it is all there; false when more bytes are needed. */
  private parseOne(): boolean {
    const header = (this.header ??= this.readHeader());
    if (!header) return false;
    if (this.buffered < header.bytes + header.length) return false;
    this.header = null;
    this.consume(header.bytes - 4);
    const mask = this.consume(4);
    const payload = this.consume(header.length);
    unmask(payload, mask);
    if (header.opcode >= 0x8) return this.control(header.opcode, payload);
    if (header.fin && !this.fragments) {
      this.on.message(payload);
      return true;
    }
    (this.fragments ??= []).push(payload);
    this.fragmentBytes += header.length;
    if (header.fin) {
      const whole = Buffer.concat(this.fragments, this.fragmentBytes);
      this.fragments = null;
      this.fragmentBytes = 0;
      this.on.message(whole);
    }
    return true;
  }

  /**
   * The next frame's header, checked, once all of it has arrived (then kept: the payload may take
   * many more chunks, and the header is not read again for each). Null when incomplete or refused.
   */
  private readHeader(): FrameHeader | null {
    if (this.buffered < 2) return null;
    const head = this.peek(2);
    const first = head[0]!;
    const second = head[1]!;
    const fin = (first & 0x80) !== 0;
    const opcode = first & 0x0f;
    if (first & 0x70) return this.failWith(WsClose.protocolError, 'reserved bits set (no extension was negotiated)');
    if ((second & 0x80) === 0) return this.failWith(WsClose.protocolError, 'client frames must be masked');
    let length = second & 0x7f;
    let bytes = 2;
    if (length === 126) {
      if (this.buffered < 4) return null;
      length = this.peek(4).readUInt16BE(2);
      bytes = 4;
    } else if (length === 127) {
      if (this.buffered < 10) return null;
      const extended = this.peek(10);
      const high = extended.readUInt32BE(2);
      // Lengths of 2^53 and more are refused (and the most significant bit must be 0 anyway).
      if (high > 0x1fffff) return this.failWith(WsClose.tooBig, 'frame length out of range');
      length = high * 2 ** 32 + extended.readUInt32BE(6);
      bytes = 10;
    }
    if (opcode >= 0x8) {
      if (!fin) return this.failWith(WsClose.protocolError, 'fragmented control frame');
      if (length > MAX_CONTROL_PAYLOAD) return this.failWith(WsClose.protocolError, 'control frame payload over 125 bytes');
      if (opcode !== Opcode.close && opcode !== Opcode.ping && opcode !== Opcode.pong) return this.failWith(WsClose.protocolError, `unknown opcode ${opcode}`);
    } else if (opcode === Opcode.continuation) {
      if (!this.fragments) return this.failWith(WsClose.protocolError, 'continuation frame without a message to continue');
    } else if (opcode === Opcode.text) {
      return this.failWith(WsClose.unsupportedData, 'text frames are not part of the y-websocket protocol');
    } else if (opcode === Opcode.binary) {
      if (this.fragments) return this.failWith(WsClose.protocolError, 'new message before the fragmented one ended');
    } else {
      return this.failWith(WsClose.protocolError, `unknown opcode ${opcode}`);
    }
    if (opcode < 0x8 && this.fragmentBytes + length > this.maxMessageBytes) {
      return this.failWith(WsClose.tooBig, `message over ${this.maxMessageBytes} bytes`);
    }
    return { fin, opcode, length, bytes: bytes + 4 };
  }

  private control(opcode: number, payload: Buffer): boolean {
    if (opcode === Opcode.ping) this.on.pingReceived(payload);
    else if (opcode === Opcode.pong) this.on.pongReceived(payload);
    else {
      this.done = true;
      this.release();
      if (payload.length === 0) return this.on.closeReceived(WsClose.noStatus, ''), false;
      if (payload.length === 1) return this.on.fail(WsClose.protocolError, 'close frame with a one-byte payload'), false;
      const code = payload.readUInt16BE(0);
      if (!validCloseCode(code)) return this.on.fail(WsClose.protocolError, `invalid close code ${code}`), false;
      const reason = payload.subarray(2);
      if (!isUtf8(reason)) return this.on.fail(WsClose.invalidPayload, 'close reason is not UTF-8'), false;
      this.on.closeReceived(code, reason.toString('utf8'));
      return false;
    }
    return true;
  }

  private failWith(code: number, reason: string): null {
    this.done = true;
    this.release();
    this.on.fail(code, reason);
    return null;
  }

  private release(): void {
    this.header = null;
    this.chunks = [];
    this.buffered = 0;
    this.fragments = null;
    this.fragmentBytes = 0;
  }

  /** The first `n` (at most 10) buffered bytes, without consuming them; copies only those. */
  private peek(n: number): Buffer {
    const first = this.chunks[0]!;
    if (first.length >= n) return first;
    const out = Buffer.allocUnsafe(n);
    let written = 0;
    for (let i = 0; written < n; i++) written += this.chunks[i]!.copy(out, written, 0, n - written);
    return out;
  }

  /**
   * Removes and returns the first `n` bytes: a copy, so a kept message does not pin the socket's
   * read buffer. Linear in the chunks used, however small a client makes them.
   */
  private consume(n: number): Buffer {
    const out = Buffer.allocUnsafe(n);
    let written = 0;
    let used = 0;
    while (written < n) {
      const chunk = this.chunks[used]!;
      const take = Math.min(chunk.length, n - written);
      chunk.copy(out, written, 0, take);
      written += take;
      if (take === chunk.length) used++;
      else this.chunks[used] = chunk.subarray(take);
    }
    if (used > 0) this.chunks.splice(0, used);
    this.buffered -= n;
    return out;
  }
}

function unmask(payload: Buffer, mask: Buffer): void {
  for (let i = 0; i < payload.length; i++) payload[i]! ^= mask[i & 3]!;
}

/** RFC 6455 §7.4: codes a peer may send. */
function validCloseCode(code: number): boolean {
  if (code >= 3000 && code <= 4999) return true;
  return code >= 1000 && code <= 1014 && code !== 1004 && code !== 1005 && code !== 1006;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
function isUtf8(bytes: Uint8Array): boolean {
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** A server frame (never masked, always final). */
export function encodeFrame(opcode: number, payload: Uint8Array): Buffer {
  const length = payload.length;
  const headerBytes = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerBytes + length);
  frame[0] = 0x80 | opcode;
  if (length < 126) frame[1] = length;
  else if (length < 65_536) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeUInt32BE(Math.floor(length / 2 ** 32), 2);
    frame.writeUInt32BE(length >>> 0, 6);
  }
  frame.set(payload, headerBytes);
  return frame;
}

/** The payload of a close frame: code, then the reason in UTF-8 (at most 123 bytes, cut at a character). */
export function closePayload(code: number, reason: string): Buffer {
  let text = Buffer.from(reason, 'utf8');
  if (text.length > 123) text = Buffer.from(text.subarray(0, 123).toString('utf8').replace(/\uFFFD$/, ''), 'utf8');
  const payload = Buffer.allocUnsafe(2 + text.length);
  payload.writeUInt16BE(code, 0);
  text.copy(payload, 2);
  return payload;
}
