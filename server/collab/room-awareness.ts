import { AwarenessRegistry, type IncomingAwarenessEntry } from './awareness-registry.ts';
import { CloseCode } from './close-codes.ts';
import type { CollabConnection } from './connection.ts';
import { awarenessUpdate, type AwarenessEntry } from './messages.ts';

export type Refusal = { code: number; reason: string };

/**
 * The awareness side of a room: who is here, their cursors, relayed between the connections
 * through the guarded registry.
 */
export class RoomAwareness {
  private readonly registry = new AwarenessRegistry();

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
    const echoOnly = result.accepted.length === 0;
    if (echoOnly && connection.echoCredits > 0) connection.echoCredits--;
    else if (!connection.awarenessMessages.take()) return { code: CloseCode.rateLimited, reason: 'too many awareness messages' };
    if (!echoOnly) {
      this.sendToAll(result.accepted, connection);
      this.publish(awarenessUpdate(result.accepted));
    }
    return null;
  }

  query(connection: CollabConnection): Refusal | null {
    if (!connection.awarenessMessages.take()) return { code: CloseCode.rateLimited, reason: 'too many awareness messages' };
    const present = this.registry.all();
    if (present.length === 0) connection.sendAwareness(awarenessUpdate([]));
    else this.send(connection, present);
    return null;
  }

  /** The states of a connection that left, removed for everyone. */
  leave(connection: CollabConnection): void {
    const removed = this.registry.removeOwner(connection.id);
    if (removed.length === 0) return;
    this.sendToAll(removed);
    this.publish(awarenessUpdate(removed));
  }

  /** Awareness of connections on another process, relayed as it came. */
  relayRemote(frame: Uint8Array): void {
    for (const connection of this.connections) connection.sendAwareness(frame);
  }

  /**
   * In messages of at most `maxEntriesPerMessage` entries: the stock provider sends each message
   * back, and its echo must fit the limit we apply to what clients send.
   */
  private send(connection: CollabConnection, entries: readonly AwarenessEntry[]): void {
    for (const frame of this.frames(entries)) connection.sendAwareness(frame);
  }

  /** Encoded once, whatever the number of connections (a session has hundreds). */
  private sendToAll(entries: readonly AwarenessEntry[], except?: CollabConnection): void {
    const frames = this.frames(entries);
    for (const other of this.connections) {
      if (other === except) continue;
      for (const frame of frames) other.sendAwareness(frame);
    }
  }

  private frames(entries: readonly AwarenessEntry[]): Uint8Array[] {
    const size = this.maxEntriesPerMessage;
    const frames: Uint8Array[] = [];
    for (let start = 0; start < entries.length; start += size) frames.push(awarenessUpdate(entries.slice(start, start + size)));
    return frames;
  }
}
