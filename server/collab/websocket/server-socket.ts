import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { closePayload, encodeFrame, FrameParser, Opcode, WsClose, type FrameHandlers } from './frames.ts';

const ACCEPT_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
/** how long a closing socket waits for the peer's close frame before it is cut */
const CLOSE_TIMEOUT_MS = 5_000;

export type HandshakeRefusal = { status: number; message: string };

/** Checks an upgrade request (RFC 6455 §4.2.1); null when it is a valid WebSocket handshake. */
export function handshakeRefusal(request: IncomingMessage): HandshakeRefusal | null {
  if (request.method !== 'GET') return { status: 405, message: 'WebSocket handshakes use GET' };
  if (String(request.headers.upgrade ?? '').toLowerCase() !== 'websocket') return { status: 400, message: 'Upgrade: websocket expected' };
  if (request.headers['sec-websocket-version'] !== '13') return { status: 426, message: 'Sec-WebSocket-Version 13 expected' };
  const key = request.headers['sec-websocket-key'];
  if (typeof key !== 'string' || !/^[A-Za-z0-9+/]{22}==$/.test(key.trim())) return { status: 400, message: 'invalid Sec-WebSocket-Key' };
  return null;
}

type SocketState = 'open' | 'closing' | 'closed';

/**
 * One server-side WebSocket, as lean as it can be: a thousand idle ones should cost little more
 * than their TCP sockets. No events: the owner sets the three callbacks (shared functions
 * receive the socket as `this`). Messages are binary; one write per message.
 */
export class ServerSocket implements FrameHandlers {
  state: SocketState = 'open';
  onMessage: (this: ServerSocket, data: Buffer) => void = ignore;
  onPong: (this: ServerSocket) => void = ignore;
  /** once, when the connection is gone, whoever ended it */
  onClose: (this: ServerSocket, code: number, reason: string) => void = ignore;
  private readonly parser: FrameParser;
  private closeTimer: NodeJS.Timeout | null = null;

  private constructor(
    private readonly socket: Socket,
    maxMessageBytes: number,
  ) {
    this.parser = new FrameParser(maxMessageBytes, this);
    socket.setNoDelay(true);
    socket.setTimeout(0);
    socket.on('data', onSocketData);
    socket.on('error', onSocketError);
    socket.on('end', onSocketEnd);
    socket.on('close', onSocketClose);
    (socket as SocketWithOwner)[OWNER] = this;
  }

  /** Completes the handshake on an upgraded socket (checked with handshakeRefusal first). */
  static accept(request: IncomingMessage, duplex: Duplex, head: Buffer, maxMessageBytes: number): ServerSocket {
    const socket = duplex as Socket;
    const key = String(request.headers['sec-websocket-key']).trim();
    const accept = createHash('sha1').update(key + ACCEPT_GUID).digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    const ws = new ServerSocket(socket, maxMessageBytes);
    if (head.length > 0) ws.parser.push(Buffer.from(head));
    return ws;
  }

  get isOpen(): boolean {
    return this.state === 'open';
  }

  /** bytes written but not yet taken by the kernel */
  get bufferedAmount(): number {
    return this.socket.writableLength;
  }

  send(data: Uint8Array): void {
    if (this.state !== 'open') return;
    this.socket.write(encodeFrame(Opcode.binary, data));
  }

  ping(): void {
    if (this.state === 'open') this.socket.write(encodeFrame(Opcode.ping, EMPTY));
  }

  /** Starts the closing handshake; the socket is cut if the peer does not answer in time. */
  close(code: number, reason: string): void {
    if (this.state !== 'open') return;
    this.state = 'closing';
    this.socket.write(encodeFrame(Opcode.close, closePayload(code, reason)));
    this.closeTimer = setTimeout(() => this.socket.destroy(), CLOSE_TIMEOUT_MS);
    this.closeTimer.unref();
    this.finish(code, reason);
  }

  /** Cuts the connection without a closing handshake. */
  terminate(): void {
    this.socket.destroy();
  }

  // FrameHandlers, called by the parser.
  message(payload: Buffer): void {
    if (this.state === 'open') this.onMessage(payload);
  }

  pingReceived(payload: Buffer): void {
    if (this.state === 'open') this.socket.write(encodeFrame(Opcode.pong, payload));
  }

  pongReceived(): void {
    this.onPong();
  }

  /** The peer's close frame: answered (unless we started), then the socket ends. */
  closeReceived(code: number, reason: string): void {
    if (this.state === 'open') {
      this.state = 'closing';
      this.socket.write(encodeFrame(Opcode.close, code === WsClose.noStatus ? EMPTY : closePayload(code, '')));
    }
    this.socket.end();
    this.finish(code, reason);
  }

  fail(code: number, reason: string): void {
    if (this.state === 'open') {
      this.state = 'closing';
      this.socket.write(encodeFrame(Opcode.close, closePayload(code, reason)));
    }
    this.socket.end();
    this.closeTimer ??= setTimeout(() => this.socket.destroy(), CLOSE_TIMEOUT_MS).unref();
    this.finish(code, reason);
  }

  /** Tells the owner once, at the first of: our close, the peer's close, a failure, the socket gone. */
  private finish(code: number, reason: string): void {
    const onClose = this.onClose;
    if (onClose === ignore) return;
    this.onClose = ignore;
    this.onMessage = ignore;
    onClose.call(this, code, reason);
  }

  /** @internal the socket is gone */
  socketClosed(): void {
    this.state = 'closed';
    if (this.closeTimer) clearTimeout(this.closeTimer);
    this.finish(WsClose.abnormal, '');
  }

  /** @internal */
  receive(chunk: Buffer): void {
    this.parser.push(chunk);
  }
}

const OWNER = Symbol('ServerSocket');
type SocketWithOwner = Socket & { [OWNER]: ServerSocket };
const EMPTY = Buffer.alloc(0);
function ignore() {}

// Shared by every socket (no closures per connection).
function onSocketData(this: SocketWithOwner, chunk: Buffer) {
  this[OWNER].receive(chunk);
}
function onSocketError(this: SocketWithOwner) {
  this.destroy();
}
function onSocketEnd(this: SocketWithOwner) {
  // The peer will send nothing more: a half-open WebSocket is of no use.
  this.end();
}
function onSocketClose(this: SocketWithOwner) {
  this[OWNER].socketClosed();
}
