import { describe, expect, it } from 'vitest';
import { RoomRegistry } from '../../../client/src/realtime/registry.ts';

describe('followed rooms', () => {
  const document = { type: 'document' as const, id: 'd1' };
  const session = { type: 'session' as const, id: 's1' };

  it('subscribes once per room and unsubscribes when the last follower leaves', () => {
    const registry = new RoomRegistry();
    expect(registry.add(document)).toBe(true);
    expect(registry.add({ ...document })).toBe(false);
    expect(registry.add(session)).toBe(true);
    expect(registry.remove(document)).toBe(false);
    expect(registry.has(document)).toBe(true);
    expect(registry.remove(document)).toBe(true);
    expect(registry.has(document)).toBe(false);
    expect(registry.remove(document)).toBe(false);
  });

  it('lists every followed room, to subscribe again after a reconnection', () => {
    const registry = new RoomRegistry();
    registry.add(document);
    registry.add(session);
    registry.add(session);
    expect(registry.rooms()).toEqual([document, session]);
    registry.clear();
    expect(registry.rooms()).toEqual([]);
  });
});
