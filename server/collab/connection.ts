import type { AccessLevel } from '../../db/schema.ts';
import type { Actor } from '../auth/actor.ts';
import type { AwarenessUser } from './awareness-registry.ts';
import { CloseCode } from '../../shared/close-codes.ts';
import type { CollabLimits } from './limits.ts';
import { TokenBucket } from './token-bucket.ts';
import type { WireFrame } from './wire-frame.ts';

/** The little the collaboration core needs of a WebSocket, so tests can drive it directly. */
export interface CollabSocket {
  send(data: Uint8Array): void;
  /** a message framed once for many recipients (the sync endpoint's sockets); else `send` is used */
  sendFrame?(frame: WireFrame): void;
  close(code: number, reason: string): void;
  readonly bufferedAmount: number;
}

let nextConnectionId = 1;
const ignoreSlowConsumer = () => {};
const MAX_ECHO_CREDITS = 10_000;

/** One client's connection to one document. */
export class CollabConnection {
  readonly id = nextConnectionId++;
  readonly updates: TokenBucket;
  readonly awarenessMessages: TokenBucket;
  readonly syncRequests: TokenBucket;
  readonly inboundBytes: TokenBucket;
  /**
   * Awareness messages this client may send back without being charged: the stock provider
   * relays every awareness message it receives, so each one we send it earns one echo.
   */
  echoCredits = 0;
  closed = false;
  /** set once the client was told its edits are refused, so it is told once, not per keystroke */
  toldReadOnly = false;
  /** bytes received while the document was still loading, held for it */
  backlogBytes = 0;

  constructor(
    readonly socket: CollabSocket,
    public actor: Actor,
    public level: AccessLevel,
    readonly user: AwarenessUser,
    private readonly limits: CollabLimits,
    /** called once when the connection is dropped for not reading, so it is forgotten at once (shared by all connections) */
    private readonly onSlowConsumer: (connection: CollabConnection) => void = ignoreSlowConsumer,
  ) {
    this.updates = new TokenBucket(limits.updateRate, limits.updateBurst);
    this.awarenessMessages = new TokenBucket(limits.awarenessRate, limits.awarenessBurst);
    this.syncRequests = new TokenBucket(limits.syncRequestRate, limits.syncRequestBurst);
    this.inboundBytes = new TokenBucket(limits.inboundBytesRate, limits.inboundBytesBurst);
  }

  get canEdit(): boolean {
    return this.level === 'edit';
  }

  /** Sends unless the client has stopped reading; a client that falls too far behind is dropped. */
  send(bytes: Uint8Array): void {
    if (this.reading()) this.socket.send(bytes);
  }

  /** The same for a message going to many connections, framed once for all of them. */
  sendFrame(frame: WireFrame): void {
    if (!this.reading()) return;
    if (this.socket.sendFrame) this.socket.sendFrame(frame);
    else for (const message of frame.messages) this.socket.send(message);
  }

  /** Sends an awareness message, which the stock provider may echo once. */
  sendAwareness(frame: WireFrame): void {
    this.echoCredits = Math.min(this.echoCredits + 1, MAX_ECHO_CREDITS);
    this.sendFrame(frame);
  }

  /** false once closed, or when it is closed now for not reading what it was sent */
  private reading(): boolean {
    if (this.closed) return false;
    if (this.socket.bufferedAmount <= this.limits.maxBufferedBytes) return true;
    // The close frame waits behind what is queued; the connection must not wait for it.
    this.close(CloseCode.slowConsumer, 'You are not reading fast enough; reconnect to resync.');
    this.onSlowConsumer(this);
    return false;
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    // WebSocket close reasons are limited to 123 bytes.
    this.socket.close(code, truncateUtf8(reason, 120));
  }
}

function truncateUtf8(text: string, maxBytes: number): string {
  const bytes = Buffer.from(text);
  if (bytes.length <= maxBytes) return text;
  return bytes
    .subarray(0, maxBytes)
    .toString('utf8')
    .replace(/\uFFFD$/, '');
}
