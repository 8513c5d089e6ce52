import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { CloseCode } from '../../shared/close-codes.ts';
import type { WireFrame } from './wire-frame.ts';

/** how long a closing socket waits for the peer's close frame before it is cut */
const CLOSE_TIMEOUT_MS = 5_000;
/**
 * Pongs written but not yet taken by the kernel: a client that sends pings and never reads is cut
 * at this many (ws terminates it), so a ping flood cannot pile up pong buffers.
 */
const MAX_PENDING_PONGS = 16;
/** what a refused connection may send before it is gone: nothing of use */
const REFUSED_MAX_PAYLOAD = 1024;

/**
 * The sync endpoint's WebSocket. `ws` answers a message over `maxPayload` with 1009, which the
 * stock y-websocket provider treats as transient: it reconnects, sends the same message again and
 * is closed again, several times a second, forever (issue 13). A message over the hard bound
 * will never fit, so it gets a code of the 4400–4499 range instead, which the provider takes as
 * final: it stops, emits `closed` with our reason, and the edit stays in the browser (offline
 * store) until the person reduces it.
 */
export class SyncSocket extends WebSocket {
  override close(code?: number, reason?: string | Buffer): void {
    if (code === WS_MESSAGE_TOO_BIG) super.close(CloseCode.messageTooLarge, 'This change is too large to be sent at once.');
    else super.close(code, reason);
  }

  /**
   * Sends a message framed once for all its recipients (wire-frame.ts) with one write to the TCP
   * socket. Only while `ws`'s sender has nothing of its own queued (it queues only while it
   * compresses or reads a Blob, neither of which this endpoint does), so frames keep their order;
   * otherwise, or once closing, through `send` as usual. `bufferedAmount` counts these writes too.
   */
  sendFrame(frame: WireFrame): void {
    const internals = this as unknown as WsInternals;
    if (this.readyState !== WebSocket.OPEN || !internals._socket || internals._sender?._state !== WS_SENDER_IDLE || internals._sender._queue.length > 0) {
      for (const message of frame.messages) this.send(message);
      return;
    }
    internals._socket.write(frame.bytes);
  }
}
/** What sendFrame reads of `ws` 8's WebSocket (checked by tests/unit/collab-wire-frame.test.ts) */
interface WsInternals {
  _socket: Duplex | null;
  _sender?: { _state: number; _queue: unknown[] };
}
const WS_SENDER_IDLE = 0;
const WS_MESSAGE_TOO_BIG = 1009;

/**
 * Two `ws` servers without an HTTP server of their own: one for admitted connections, with the
 * endpoint's message bound, and one for refusals (a refused client must still see a WebSocket
 * close code, the only thing the stock provider reads), which may send almost nothing. No
 * compression (a message would cost a zlib context per connection), no client tracking (the
 * endpoint keeps its own).
 */
export function createSyncSockets(maxMessageBytes: number) {
  const common = { noServer: true, perMessageDeflate: false, clientTracking: false, closeTimeout: CLOSE_TIMEOUT_MS, maxPendingAutoPongs: MAX_PENDING_PONGS } as const;
  const admitted = new WebSocketServer({ ...common, maxPayload: maxMessageBytes, WebSocket: SyncSocket });
  const refused = new WebSocketServer({ ...common, maxPayload: REFUSED_MAX_PAYLOAD, WebSocket: SyncSocket });
  /** refused sockets still in their closing handshake */
  const closing = new Set<WebSocket>();
  /** sockets `ws` has taken over (a second handleUpgrade on one would throw) */
  const upgraded = new WeakSet<Duplex>();
  return {
    isUpgraded: (socket: Duplex) => upgraded.has(socket),
    accept(request: IncomingMessage, socket: Duplex, head: Buffer, then: (ws: SyncSocket) => void): void {
      inOneWrite(socket, () =>
        admitted.handleUpgrade(request, socket, head, (ws) => {
          upgraded.add(socket);
          then(ws as SyncSocket);
        }),
      );
    },
    /** Completes the handshake only to close at once with `code`: the provider then knows why. */
    refuse(request: IncomingMessage, socket: Duplex, head: Buffer, code: number, reason: string): void {
      inOneWrite(socket, () =>
        refused.handleUpgrade(request, socket, head, (ws) => {
          upgraded.add(socket);
          closing.add(ws);
          ws.on('error', ignore);
          ws.on('close', () => closing.delete(ws));
          ws.close(code, reason);
        }),
      );
    },
    /** Cuts the refused sockets still closing (the endpoint cuts its admitted ones). */
    close(): void {
      for (const ws of closing) ws.terminate();
    },
  };
}

export type HandshakeRefusal = { status: number; message: string };

/**
 * Checks an upgrade request (RFC 6455 §4.2.1) before anything costs a database query; null when
 * it is a valid handshake. (`ws` checks again, and also accepts the draft version 8: we do not.)
 */
export function handshakeRefusal(request: IncomingMessage): HandshakeRefusal | null {
  if (request.method !== 'GET') return { status: 405, message: 'WebSocket handshakes use GET' };
  if (String(request.headers.upgrade ?? '').toLowerCase() !== 'websocket') return { status: 400, message: 'Upgrade: websocket expected' };
  if (request.headers['sec-websocket-version'] !== '13') return { status: 426, message: 'Sec-WebSocket-Version 13 expected' };
  const key = request.headers['sec-websocket-key'];
  if (typeof key !== 'string' || !/^[A-Za-z0-9+/]{22}==$/.test(key.trim())) return { status: 400, message: 'invalid Sec-WebSocket-Key' };
  return null;
}

/**
 * Runs `write` with the socket corked: `ws` writes the 101 answer, and what the connection is sent
 * at once (the greeting of a document already open, a refusal's close frame) joins it in one
 * write. After a restart every client comes back at once, and on loopback each write to a socket
 * costs a system call that also runs the receiving side in the kernel: the 101 and the greeting
 * were ~10 % of the new process's CPU through the herd, in three writes each (issue 20).
 * `handleUpgrade` calls back synchronously (the servers have no verifyClient).
 */
function inOneWrite(socket: Duplex, write: () => void): void {
  socket.cork();
  try {
    write();
  } finally {
    socket.uncork();
  }
}

function ignore() {}
