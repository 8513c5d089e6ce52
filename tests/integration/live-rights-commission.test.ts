import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/database.ts';
import type { RunningServer } from '../../server/server.ts';
import { eventually } from '../helpers/collab.ts';
import { createPersistentDatabase, startServerOn, type PersistentDatabase } from '../helpers/persistent-database.ts';
import { connectRealtime, subscribe } from '../helpers/realtime.ts';
import { startTestServerWith, type TestServer } from '../helpers/server.ts';
import { createSessionWorld, sessionStates, type SessionWorld } from '../helpers/session-world.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * An organisation that leaves a commission stops following its sessions at once: its people's
 * sockets (on `liveUrl`) leave the session rooms within a second of the change (served on the
 * world's server), and may not subscribe again; the members carry on.
 */
async function expectLeavingEndsFollowing(world: SessionWorld, liveUrl: string) {
  // A session in which emploi presents nothing: it follows it only as a member.
  const { commissionId } = await world.planSession();
  const planned = await world.clients.chair.post('/api/sessions', {
    commissionId,
    title: 'Revue des plans',
    scheduledAt: '2026-11-28T15:00:00+01:00',
    items: [{ documentId: world.docs.planSante.id, presenterOrganisationId: world.org.sante.id }],
  });
  expect(planned.status).toBe(201);
  const session = planned.body.session;
  const emploi = await connectRealtime(liveUrl, world.tokens.emploi);
  const sante = await connectRealtime(liveUrl, world.tokens.sante);
  world.sockets.push(emploi, sante);
  expect(await subscribe(emploi, 'session', session.id)).toEqual({ ok: true });
  expect(await subscribe(sante, 'session', session.id)).toEqual({ ok: true });
  await eventually(() => expect(sessionStates(emploi).length).toBe(1));

  const removed = await world.clients.chair.patch(`/api/commissions/${commissionId}`, { memberOrganisationIds: [world.org.sante.id] });
  expect(removed.status).toBe(200);
  const since = Date.now();
  // Within the second, the socket may no longer follow the session: asking again is refused.
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, since + 1_000 - Date.now())));
  expect(await subscribe(emploi, 'session', session.id)).toMatchObject({ error: { code: 'not_found' } });

  // The session goes on for its members, without the one that left.
  const received = sessionStates(emploi).length;
  expect((await world.clients.chair.patch(`/api/sessions/${session.id}`, { title: 'Revue des plans, séance reprise' })).status).toBe(200);
  await eventually(() => expect(sessionStates(sante).at(-1)?.title).toBe('Revue des plans, séance reprise'));
  expect(sessionStates(emploi).length).toBe(received);
  expect(emploi.connected).toBe(true);
}

describe('leaving a commission ends live session following', () => {
  let server: TestServer;
  let world: SessionWorld;
  beforeAll(async () => {
    ({ server, world } = await startTestServerWith(createSessionWorld));
  });
  afterAll(async () => {
    for (const socket of world?.sockets ?? []) socket.close();
    await server?.close();
  });

  it('takes the sockets of a removed member organisation out of the session within 1 s', () => expectLeavingEndsFollowing(world, server.url));

  it('lets the sockets of an organisation added to the commission follow its sessions without reconnecting', async () => {
    const { commissionId } = await world.planSession();
    expect((await world.clients.chair.patch(`/api/commissions/${commissionId}`, { memberOrganisationIds: [world.org.sante.id] })).status).toBe(200);
    const planned = await world.clients.chair.post('/api/sessions', {
      commissionId,
      title: 'Revue élargie',
      scheduledAt: '2026-11-29T15:00:00+01:00',
      items: [{ documentId: world.docs.planSante.id, presenterOrganisationId: world.org.sante.id }],
    });
    expect(planned.status).toBe(201);
    const session = planned.body.session;
    const emploi = await connectRealtime(server.url, world.tokens.emploi);
    world.sockets.push(emploi);
    expect(await subscribe(emploi, 'session', session.id)).toMatchObject({ error: { code: 'not_found' } });

    const added = await world.clients.chair.patch(`/api/commissions/${commissionId}`, { memberOrganisationIds: [world.org.sante.id, world.org.emploi.id] });
    expect(added.status).toBe(200);
    // Asked again on the same socket (not more than the socket's event budget allows): let in.
    await eventually(async () => expect(await subscribe(emploi, 'session', session.id)).toEqual({ ok: true }), 10_000, 250);
    await eventually(() => expect(sessionStates(emploi).length).toBe(1));
    expect(emploi.connected).toBe(true);
  });
});

// Two processes need a database both can open: PostgreSQL.
describe.skipIf(!process.env.DATABASE_URL)('leaving a commission ends live session following in another process', () => {
  let database: PersistentDatabase;
  let handle: DatabaseHandle;
  let act: RunningServer;
  let live: RunningServer;
  let world: SessionWorld;

  beforeAll(async () => {
    database = await createPersistentDatabase();
    act = await startServerOn(database, { REDIS_URL });
    live = await startServerOn(database, { REDIS_URL });
    handle = await database.open();
    world = await createSessionWorld(handle.db, act.url);
  });
  afterAll(async () => {
    for (const socket of world?.sockets ?? []) socket.close();
    await act?.close();
    await live?.close();
    await handle?.close();
    await database?.dispose();
  });

  it('takes the sockets on the other process out of the session within 1 s', () => expectLeavingEndsFollowing(world, live.url));
});
