import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/collab.ts';
import { subscribe } from '../helpers/realtime.ts';
import { startTestServerWith, type TestServer } from '../helpers/server.ts';
import { createSessionWorld, lastSessionState, sessionStates, type SessionWorld } from '../helpers/session-world.ts';

/**
 * A presenter that is no member of the commission sees its session through its agenda item only.
 * Once the item is gone, the socket is out of the session's room, and asking to follow it again —
 * as a client does when it reconnects or re-renders — is decided on the agenda as it now is.
 */
describe('a presenter taken off the agenda stops following the session', () => {
  let server: TestServer;
  let world: SessionWorld;
  beforeAll(async () => {
    ({ server, world } = await startTestServerWith(createSessionWorld));
  });
  afterAll(async () => {
    for (const socket of world?.sockets ?? []) socket.close();
    await server?.close();
  });

  it('refuses the presenter when it asks to follow the session again', async () => {
    const { session } = await world.planSession();
    const oimItem = session.items.find((item: { presenterOrganisationId: string }) => item.presenterOrganisationId === world.org.oim.id);
    const oim = await world.connect('oim');
    const sante = await world.connect('sante');
    expect(await subscribe(oim, 'session', session.id)).toEqual({ ok: true });
    expect(await subscribe(sante, 'session', session.id)).toEqual({ ok: true });
    await eventually(() => expect(sessionStates(oim).length).toBe(1));

    const removed = await world.clients.chair.delete(`/api/sessions/${session.id}/items/${oimItem.id}`);
    expect(removed.status).toBe(200);
    await eventually(() => expect(lastSessionState(sante)?.items).toHaveLength(2));

    expect(await subscribe(oim, 'session', session.id)).toMatchObject({ error: { code: 'not_found' } });
    const received = sessionStates(oim).length;
    expect((await world.clients.chair.patch(`/api/sessions/${session.id}`, { title: 'Revue des plans, sans l’OIM' })).status).toBe(200);
    await eventually(() => expect(lastSessionState(sante)?.title).toBe('Revue des plans, sans l’OIM'));
    expect(sessionStates(oim).length).toBe(received);
  });

  it('lets a presenter put back on the agenda follow the session again without reconnecting', async () => {
    const { session } = await world.planSession();
    const oimItem = session.items.find((item: { presenterOrganisationId: string }) => item.presenterOrganisationId === world.org.oim.id);
    expect((await world.clients.chair.delete(`/api/sessions/${session.id}/items/${oimItem.id}`)).status).toBe(200);
    const oim = await world.connect('oim');
    expect(await subscribe(oim, 'session', session.id)).toMatchObject({ error: { code: 'not_found' } });

    const back = await world.clients.chair.post(`/api/sessions/${session.id}/items`, { documentId: world.docs.noteOim.id, presenterOrganisationId: world.org.oim.id });
    expect(back.status).toBe(201);
    // Asked again on the same socket, within its event budget: let in.
    await eventually(async () => expect(await subscribe(oim, 'session', session.id)).toEqual({ ok: true }), 10_000, 250);
    await eventually(() => expect(lastSessionState(oim)?.items.map((item: { presenterOrganisationId: string }) => item.presenterOrganisationId)).toContain(world.org.oim.id));
  });
});
