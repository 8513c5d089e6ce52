import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPeer, eventually, type TestPeer } from '../helpers/collab.ts';
import { collabWorld, type CollabWorld } from '../helpers/collab-world.ts';
import { closedWith, connectRaw, frames, type RawClient } from '../helpers/raw-collab.ts';
import { documentContent } from '../helpers/random-edits.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

/**
 * Awareness is not a back door: hand-built frames from raw clients try to speak for others, forge
 * the `user`, remove others, send huge states or flood; next to them, stock providers notice nothing.
 */
describe('awareness guards', () => {
  let server: TestServer;
  let world: CollabWorld;
  let alice: TestPeer;
  let bob: TestPeer;
  const raws: RawClient[] = [];
  const peers: TestPeer[] = [];

  const raw = async () => {
    const client = connectRaw(server.url, world.documentId, world.guests.edit.token);
    raws.push(client);
    await client.joined();
    return client;
  };
  const aliceAsBobSeesIt = () => bob.provider.awareness.getStates().get(alice.doc.clientID);

  beforeAll(async () => {
    server = await startTestServer();
    world = await collabWorld(server.database.db, server.url);
    alice = connectPeer(server.url, world.documentId, world.editors[0]!.token);
    bob = connectPeer(server.url, world.documentId, world.editors[1]!.token);
    peers.push(alice, bob);
    await Promise.all([alice.synced(), bob.synced()]);
    alice.provider.awareness.setLocalStateField('cursor', { anchor: 1, head: 4 });
    await eventually(() => expect(aliceAsBobSeesIt()?.cursor).toEqual({ anchor: 1, head: 4 }));
  });
  afterAll(async () => {
    for (const client of raws) client.ws.terminate();
    for (const peer of peers) peer.destroy();
    await server?.close();
  });

  const aliceClock = () => alice.provider.awareness.meta.get(alice.doc.clientID)!.clock;

  it('a forged `user` is replaced by the account', async () => {
    const client = await raw();
    client.send(frames.awareness([{ clientId: 777_001, clock: 1, state: { cursor: null, user: { id: 'x', name: 'Le Ministre', color: '#000' } } }]));
    await eventually(() => expect(bob.provider.awareness.getStates().get(777_001)).toBeDefined());
    const user = bob.provider.awareness.getStates().get(777_001)!.user;
    expect(user).toMatchObject({ id: world.guests.edit.id, name: expect.not.stringContaining('Ministre') });
    expect(user.color).toMatch(/^#/);
  });

  it('a newer state for someone else’s client id closes the sender; the owner’s state stays', async () => {
    const client = await raw();
    client.send(frames.awareness([{ clientId: alice.doc.clientID, clock: aliceClock() + 5, state: { cursor: 'hijacked' } }]));
    expect(await closedWith(client)).toMatchObject({ code: 4400, reason: expect.stringContaining('another connection') });
    expect(aliceAsBobSeesIt()?.cursor).toEqual({ anchor: 1, head: 4 });
  });

  it('a null state for someone else closes the sender; the owner stays', async () => {
    const client = await raw();
    client.send(frames.awareness([{ clientId: alice.doc.clientID, clock: aliceClock() + 5, state: null }]));
    expect((await closedWith(client)).code).toBe(4400);
    expect(aliceAsBobSeesIt()).toBeDefined();
  });

  it('an echo of someone else’s state (what stock providers send) is dropped without closing', async () => {
    const client = await raw();
    client.send(frames.awareness([{ clientId: alice.doc.clientID, clock: aliceClock(), state: { cursor: 'stale echo' } }]));
    client.send(frames.queryAwareness());
    await eventually(() => expect(client.received.filter((frame) => frame.kind === 'awareness').length).toBeGreaterThan(1));
    expect(client.isClosed()).toBe(false);
    expect(aliceAsBobSeesIt()?.cursor).toEqual({ anchor: 1, head: 4 });
  });

  it('an oversized state, a non-object state and too many client ids are refused', async () => {
    const huge = await raw();
    huge.send(frames.awareness([{ clientId: 777_100, clock: 1, state: { blob: 'x'.repeat(20_000) } }]));
    expect(await closedWith(huge)).toMatchObject({ code: 4400, reason: expect.stringContaining('exceeds the limit') });
    const scalar = await raw();
    scalar.send(frames.awareness([{ clientId: 777_101, clock: 1, state: 42 }]));
    expect((await closedWith(scalar)).code).toBe(4400);
    const many = await raw();
    many.send(frames.awareness(Array.from({ length: 5 }, (_, i) => ({ clientId: 777_200 + i, clock: 1, state: {} }))));
    expect((await closedWith(many)).code).toBe(4400);
    expect([...bob.provider.awareness.getStates().keys()].filter((id) => id >= 777_100 && id < 777_300)).toEqual([]);
  });

  it('awareness beyond the rate is coalesced, never answered by closing (typing fast never costs a connection)', async () => {
    const observer = await raw();
    const client = await raw();
    for (let clock = 1; clock <= 400; clock++) client.send(frames.awareness([{ clientId: 777_300, clock, state: { n: clock } }]));
    // Everyone ends with the newest state…
    await eventually(() => expect(bob.provider.awareness.getStates().get(777_300)).toMatchObject({ n: 400 }));
    const relayed = () => observer.received.filter((frame) => frame.kind === 'awareness' && frame.entries.some((entry) => entry.clientId === 777_300));
    await eventually(() => expect(relayed().at(-1)).toMatchObject({ entries: [expect.objectContaining({ state: expect.objectContaining({ n: 400 }) })] }));
    // …through far fewer messages than were sent: past the burst (120), changes leave merged.
    expect(relayed().length).toBeLessThan(200);
    expect(client.isClosed()).toBe(false);
    client.ws.close();
    await eventually(() => expect(bob.provider.awareness.getStates().has(777_300)).toBe(false));
  });

  it('a client joining a crowded document gets every state and its echo is not refused', async () => {
    for (let r = 0; r < 5; r++) {
      const client = await raw();
      client.send(frames.awareness(Array.from({ length: 4 }, (_, i) => ({ clientId: 778_000 + r * 10 + i, clock: 1, state: { n: i } }))));
    }
    await eventually(() => expect([...bob.provider.awareness.getStates().keys()].filter((id) => id >= 778_000 && id < 779_000).length).toBe(20));
    const late = connectPeer(server.url, world.documentId, world.editors[1]!.token);
    peers.push(late);
    await late.synced();
    await eventually(() => expect([...late.provider.awareness.getStates().keys()].filter((id) => id >= 778_000 && id < 779_000).length).toBe(20));
    late.provider.awareness.setLocalStateField('cursor', 'late');
    await eventually(() => expect(alice.provider.awareness.getStates().get(late.doc.clientID)?.cursor).toBe('late'));
    expect(late.closes).toEqual([]);
  });

  it('keep-alives of many people reach everyone, batched into a few messages', async () => {
    const renewers = await Promise.all(Array.from({ length: 8 }, () => raw()));
    for (const [i, client] of renewers.entries()) client.send(frames.awareness([{ clientId: 778_000 + i, clock: 1, state: { cursor: i } }]));
    const watcher = await raw();
    await eventually(() => expect(renewers.every((_, i) => bob.provider.awareness.getStates().has(778_000 + i))).toBe(true));
    const seenBefore = watcher.received.length;
    // The 15-second keep-alive: the same state again, with the next clock, from everyone at once.
    for (const [i, client] of renewers.entries()) client.send(frames.awareness([{ clientId: 778_000 + i, clock: 2, state: { cursor: i } }]));
    const renewed = () =>
      watcher.received
        .slice(seenBefore)
        .flatMap((frame) => (frame.kind === 'awareness' ? [frame] : []))
        .filter((frame) => frame.entries.some((entry) => entry.clientId >= 778_000 && entry.clientId < 778_008));
    await eventually(() =>
      expect(new Set(renewed().flatMap((frame) => frame.entries.map((entry) => `${entry.clientId}@${entry.clock}`)))).toEqual(new Set(renewers.map((_, i) => `${778_000 + i}@2`))),
    );
    expect(renewed().length).toBeLessThan(renewers.length);
    await eventually(() => expect(bob.provider.awareness.meta.get(778_007)?.clock).toBe(2));
    for (const client of renewers) expect(client.isClosed()).toBe(false);
  });

  it('the stock clients noticed nothing', () => {
    expect(alice.closes).toEqual([]);
    expect(bob.closes).toEqual([]);
    expect(documentContent(alice.doc)).toEqual(documentContent(bob.doc));
    expect(bob.provider.awareness.getStates().get(alice.doc.clientID)?.user).toMatchObject({ id: world.editors[0]!.id });
  });
});
