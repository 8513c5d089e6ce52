/**
 * Which rooms this tab follows, counted: two components following one document make one
 * subscription, kept until the last lets go. Pure, so the socket module stays a thin shell.
 */

import type { Subscription } from '../../../shared/realtime.ts';

export type Room = Subscription;
export type RoomType = Room['type'];

export const roomKey = (room: Room): string => `${room.type}:${room.id}`;

export class RoomRegistry {
  private readonly counts = new Map<string, { room: Room; count: number }>();

  /** Counts one more follower; true when this is the first (the server must be told). */
  add(room: Room): boolean {
    const key = roomKey(room);
    const entry = this.counts.get(key);
    if (entry) {
      entry.count += 1;
      return false;
    }
    this.counts.set(key, { room: { ...room }, count: 1 });
    return true;
  }

  /** Counts one follower less; true when it was the last (the server may forget the room). */
  remove(room: Room): boolean {
    const key = roomKey(room);
    const entry = this.counts.get(key);
    if (!entry) return false;
    entry.count -= 1;
    if (entry.count > 0) return false;
    this.counts.delete(key);
    return true;
  }

  has(room: Room): boolean {
    return this.counts.has(roomKey(room));
  }

  /** Every room followed now: what to subscribe to again after a reconnection. */
  rooms(): Room[] {
    return [...this.counts.values()].map((entry) => entry.room);
  }

  clear(): void {
    this.counts.clear();
  }
}
