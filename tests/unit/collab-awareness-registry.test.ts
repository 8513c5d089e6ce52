import { describe, expect, it } from 'vitest';
import { AwarenessRegistry, MAX_CLIENT_IDS_PER_CONNECTION, type AwarenessOwner } from '../../server/collab/awareness-registry.ts';

const owner = (connectionId: number, userId: string): AwarenessOwner => ({
  connectionId,
  user: { id: userId, name: userId, organisationId: 'org', organisationCode: 'org', color: '#123456' },
});
const alice = owner(1, 'alice');
const bob = owner(2, 'bob');
const aliceOtherTab = owner(3, 'alice');

describe('AwarenessRegistry', () => {
  it('writes the account into `user`, whatever the client claims', () => {
    const registry = new AwarenessRegistry();
    const result = registry.apply(alice, [{ clientId: 10, clock: 1, state: { cursor: 4, user: { id: 'minister', name: 'Forged' } } }]);
    expect(result).toMatchObject({ ok: true, echoes: 0 });
    expect(JSON.parse(registry.all()[0]!.stateJson)).toEqual({ cursor: 4, user: alice.user });
  });

  it('tells a keep-alive (same state, newer clock) from a change', () => {
    const registry = new AwarenessRegistry();
    expect(registry.apply(alice, [{ clientId: 10, clock: 1, state: { cursor: 1 } }])).toMatchObject({ renewalsOnly: false });
    expect(registry.apply(alice, [{ clientId: 10, clock: 2, state: { cursor: 1 } }])).toMatchObject({ renewalsOnly: true });
    expect(registry.apply(alice, [{ clientId: 10, clock: 3, state: { cursor: 2 } }])).toMatchObject({ renewalsOnly: false });
    expect(registry.apply(alice, [{ clientId: 10, clock: 4, state: null }])).toMatchObject({ renewalsOnly: false });
  });

  it('drops echoes of other clients’ states silently (the stock provider relays what it receives)', () => {
    const registry = new AwarenessRegistry();
    registry.apply(alice, [{ clientId: 10, clock: 3, state: { cursor: 1 } }]);
    const echo = registry.apply(bob, [
      { clientId: 10, clock: 3, state: { cursor: 1, user: alice.user } },
      { clientId: 10, clock: 2, state: null },
    ]);
    expect(echo).toEqual({ ok: true, accepted: [], echoes: 2, renewalsOnly: false });
    expect(registry.all()).toHaveLength(1);
  });

  it('refuses a newer state or a removal for a client id another person holds, and changes nothing', () => {
    const registry = new AwarenessRegistry();
    registry.apply(alice, [{ clientId: 10, clock: 3, state: { cursor: 1 } }]);
    const before = registry.all();
    expect(
      registry.apply(bob, [
        { clientId: 20, clock: 1, state: {} },
        { clientId: 10, clock: 4, state: { cursor: 9 } },
      ]),
    ).toMatchObject({ ok: false });
    expect(registry.apply(bob, [{ clientId: 10, clock: 9, state: null }])).toMatchObject({ ok: false });
    expect(registry.all()).toEqual(before);
  });

  it('lets the same person take over their client id from an older connection (reconnect)', () => {
    const registry = new AwarenessRegistry();
    registry.apply(alice, [{ clientId: 10, clock: 3, state: { cursor: 1 } }]);
    expect(registry.apply(aliceOtherTab, [{ clientId: 10, clock: 4, state: { cursor: 2 } }])).toMatchObject({ ok: true, accepted: [{ clientId: 10, clock: 4 }] });
    expect(registry.removeOwner(alice.connectionId)).toEqual([]);
    expect(registry.removeOwner(aliceOtherTab.connectionId)).toEqual([{ clientId: 10, clock: 5, stateJson: 'null' }]);
  });

  it('does not let an echo bring back a client that left', () => {
    const registry = new AwarenessRegistry();
    registry.apply(alice, [{ clientId: 10, clock: 3, state: { cursor: 1 } }]);
    registry.removeOwner(alice.connectionId);
    expect(registry.apply(bob, [{ clientId: 10, clock: 3, state: { cursor: 1 } }])).toMatchObject({ ok: true, accepted: [] });
    expect(registry.apply(bob, [{ clientId: 10, clock: 4, state: null }])).toMatchObject({ ok: true, accepted: [] });
    expect(registry.size).toBe(0);
  });

  it('lets an owner remove its own state, and relays that', () => {
    const registry = new AwarenessRegistry();
    registry.apply(alice, [{ clientId: 10, clock: 3, state: { cursor: 1 } }]);
    expect(registry.apply(alice, [{ clientId: 10, clock: 4, state: null }])).toMatchObject({ ok: true, accepted: [{ clientId: 10, clock: 4, stateJson: 'null' }] });
    expect(registry.size).toBe(0);
  });

  it(`allows at most ${MAX_CLIENT_IDS_PER_CONNECTION} client ids per connection`, () => {
    const registry = new AwarenessRegistry();
    const ids = Array.from({ length: MAX_CLIENT_IDS_PER_CONNECTION }, (_, i) => ({ clientId: 100 + i, clock: 1, state: {} }));
    expect(registry.apply(alice, ids)).toMatchObject({ ok: true });
    expect(registry.apply(alice, [{ clientId: 999, clock: 1, state: {} }])).toMatchObject({ ok: false });
    const fresh = new AwarenessRegistry();
    expect(fresh.apply(bob, [...ids, { clientId: 999, clock: 1, state: {} }])).toMatchObject({ ok: false });
    expect(fresh.size).toBe(0);
  });

  it('refuses states that are not JSON objects', () => {
    const registry = new AwarenessRegistry();
    for (const state of [1, 'text', [1, 2], true]) expect(registry.apply(alice, [{ clientId: 10, clock: 1, state }])).toMatchObject({ ok: false });
  });
});
