import { AwarenessRegistry, type IncomingAwarenessEntry } from './awareness-registry.ts';
import { CloseCode } from '../../shared/close-codes.ts';
import type { CollabConnection } from './connection.ts';
import { awarenessUpdate, type AwarenessEntry } from './messages.ts';
import { WireFrame } from './wire-frame.ts';

export type Refusal = { code: number; reason: string };

/**
 * How long a keep-alive may wait for others to join it. Clients renew an unchanged state every
 * 15 s and drop a peer not heard from in 30 s, so a second is harmless; it spares a session of
 * 300 people a storm of 300 × 300 messages (and as many echoes) every 15 seconds.
 */
export const RENEWAL_BATCH_MS = 1_000;
/**
 * How long changes beyond a client's awareness rate wait to be relayed, merged with whatever else
 * changes meanwhile (the newest state per client). A fast typist's provider sends a cursor per
 * keystroke; past the rate the others see the cursor at most this late, never a disconnection.
 */
export const COALESCE_MS = 100;

/**
 * The awareness side of a room: who is here, their cursors, relayed between the connections
 * through the guarded registry. What changes is relayed at the end of the event-loop turn, keep-
 * alives within RENEWAL_BATCH_MS; either way as few messages as the entries fit in, each encoded
 * once for every connection.
 */
export class RoomAwareness {
  private readonly registry = new AwarenessRegistry();
  /** entries waiting to be relayed, the newest per client id */
  private readonly pending = new Map<number, AwarenessEntry>();
  private flushAtTurnEnd: NodeJS.Immediate | null = null;
  private flushLater: NodeJS.Timeout | null = null;
  /** the delay flushLater was set with (a coalesced change moves a keep-alive batch earlier) */
  private flushLaterMs = 0;

  constructor(
    private readonly connections: ReadonlySet<CollabConnection>,
    private readonly maxEntriesPerMessage: number,
    /** an awareness frame accepted here, for the other processes */
    private readonly publish: (frame: Uint8Array) => void,
  ) {}

  /** Tells a new connection who is here. */
  greet(connection: CollabConnection): void {
    const present = this.registry.all();
    if (present.length > 0) this.send(connection, present);
  }

  receive(connection: CollabConnection, entries: readonly IncomingAwarenessEntry[]): Refusal | null {
    const result = this.registry.apply({ connectionId: connection.id, user: connection.user }, entries);
    if (!result.ok) return { code: CloseCode.badMessage, reason: result.reason };
    // A message that only echoes what we sent is paid for by what we sent; news by the rate limit.
    // Beyond the rate a message is never refused: the registry already holds its state, which
    // leaves with the next batch (coalesced). What it costs to read is bounded by the byte budget.
    const echoOnly = result.accepted.length === 0;
    if (echoOnly && connection.echoCredits > 0) connection.echoCredits--;
    else if (!connection.awarenessMessages.take()) {
      if (!echoOnly) this.queue(result.accepted, COALESCE_MS);
      return null;
    }
    if (!echoOnly) this.queue(result.accepted, result.renewalsOnly ? RENEWAL_BATCH_MS : 0);
    return null;
  }

  query(connection: CollabConnection): Refusal | null {
    // Beyond the rate the question is dropped: the answer would be what the next batch says.
    if (!connection.awarenessMessages.take()) return null;
    const present = this.registry.all();
    if (present.length === 0) connection.sendAwareness(new WireFrame(awarenessUpdate([])));
    else this.send(connection, present);
    return null;
  }

  /** The states of a connection that left, removed for everyone. */
  leave(connection: CollabConnection): void {
    const removed = this.registry.removeOwner(connection.id);
    if (removed.length > 0) this.queue(removed, 0);
  }

  /** Awareness of connections on another process, relayed as it came. */
  relayRemote(message: Uint8Array): void {
    const frame = new WireFrame(message);
    for (const connection of this.connections) connection.sendAwareness(frame);
  }

  close(): void {
    if (this.flushAtTurnEnd) clearImmediate(this.flushAtTurnEnd);
    if (this.flushLater) clearTimeout(this.flushLater);
    this.flushAtTurnEnd = this.flushLater = null;
    this.pending.clear();
  }

  /** Holds entries (the newest per client) to relay within `delayMs`, or at the end of this turn (0). */
  private queue(entries: readonly AwarenessEntry[], delayMs: number): void {
    for (const entry of entries) this.pending.set(entry.clientId, entry);
    if (delayMs === 0) this.flushAtTurnEnd ??= setImmediate(() => this.flush());
    else if (!this.flushAtTurnEnd && (!this.flushLater || delayMs < this.flushLaterMs)) {
      if (this.flushLater) clearTimeout(this.flushLater);
      this.flushLater = setTimeout(() => this.flush(), delayMs);
      this.flushLaterMs = delayMs;
    }
  }

  /**
   * Everyone gets the batch, its senders included: a client ignores its own state at a clock it
   * already has, and that costs less than a separate encoding per sender.
   */
  private flush(): void {
    const entries = [...this.pending.values()];
    this.close();
    const frames = this.frames(entries);
    for (const connection of this.connections) for (const frame of frames) connection.sendAwareness(frame);
    for (const frame of frames) this.publish(frame.message);
  }

  private send(connection: CollabConnection, entries: readonly AwarenessEntry[]): void {
    for (const frame of this.frames(entries)) connection.sendAwareness(frame);
  }

  /**
   * In messages of at most `maxEntriesPerMessage` entries: the stock provider sends each message
   * back, and its echo must fit the limit we apply to what clients send.
   */
  private frames(entries: readonly AwarenessEntry[]): WireFrame[] {
    const size = this.maxEntriesPerMessage;
    const frames: WireFrame[] = [];
    for (let start = 0; start < entries.length; start += size) frames.push(new WireFrame(awarenessUpdate(entries.slice(start, start + size))));
    return frames;
  }
}
