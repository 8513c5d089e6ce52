import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/collab.ts';
import { subscribe } from '../helpers/realtime.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { createSessionWorld, sessionStates, type SessionWorld } from '../helpers/session-world.ts';

/**
 * An organisation that leaves a commission stops following its sessions at once: its people's
 * sockets leave the session rooms within a second, and may not subscribe again.
 */
describe('leaving a commission ends live session following', () => {
  let server: TestServer;
  let world: SessionWorld;

  beforeAll(async () => {
    server = await startTestServer();
    world = await createSessionWorld(server.database.db, server.url);
  });
  afterAll(async () => {
    for (const socket of world?.sockets ?? []) socket.close();
    await server?.close();
  });

  it('removes the sockets of a removed member organisation from the session within 1 s', async () => {
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
    const emploi = await world.connect('emploi');
    const sante = await world.connect('sante');
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
  });
});
