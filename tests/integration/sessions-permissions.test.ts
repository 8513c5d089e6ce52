import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries, countRows } from '../helpers/actors.ts';
import { subscribe } from '../helpers/realtime.ts';
import { startTestServerWith, type TestServer } from '../helpers/server.ts';
import { createSessionWorld, type SessionWorld } from '../helpers/session-world.ts';

/** Who may see and run a session, and what each state allows; refusals store nothing. */
describe('session permissions and states', () => {
  let server: TestServer;
  let world: SessionWorld;
  let commissionId: string;
  let session: any;

  beforeAll(async () => {
    ({ server, world } = await startTestServerWith(createSessionWorld));
    ({ commissionId, session } = await world.planSession());
  });
  afterAll(async () => {
    for (const socket of world?.sockets ?? []) socket.disconnect();
    await server?.close();
  });

  const path = (suffix = '') => `/api/sessions/${session.id}${suffix}`;
  const itemId = (index: number) => session.items[index].id as string;

  it('hides a session from those outside the commission and its presenters (404, audited), over HTTP and socket.io', async () => {
    expect((await world.clients.outsider.get(path())).status).toBe(404);
    expect((await world.clients.outsider.get('/api/sessions')).body.sessions).toEqual([]);
    expect((await world.clients.outsider.post(path('/start'))).status).toBe(404);
    const denied = (await auditEntries(server.database.db, 'access.denied')).filter((entry) => entry.object_id === session.id);
    expect(denied.length).toBeGreaterThanOrEqual(2);
    const socket = await world.connect('outsider');
    expect(await subscribe(socket, 'session', session.id)).toMatchObject({ error: { code: 'not_found' } });
    expect(socket.connected).toBe(true);
    expect(socket.received).toEqual([]);
  });

  it('shows it to admins, member organisations and presenters', async () => {
    for (const person of ['chair', 'sante', 'emploi', 'oim'] as const) {
      expect((await world.clients[person].get(path())).status, person).toBe(200);
      const list = await world.clients[person].get(`/api/sessions?commissionId=${commissionId}`);
      expect(
        list.body.sessions.map((entry: any) => entry.id),
        person,
      ).toEqual([session.id]);
    }
    expect((await world.clients.sante.get(path())).body.session.chair).toBe(false);
  });

  it('filters the list by state and upcoming', async () => {
    expect((await world.clients.chair.get('/api/sessions?state=live')).body.sessions).toEqual([]);
    expect((await world.clients.chair.get('/api/sessions?state=planned')).body.sessions).toHaveLength(1);
    // Scheduled for 2026-11-28 15:00 in Rabat; "upcoming" is measured against the server's clock.
    const upcoming = (await world.clients.chair.get('/api/sessions?upcoming=true')).body.sessions.length;
    expect(upcoming).toBe(new Date() <= new Date('2026-11-28T14:00:00Z') ? 1 : 0);
    expect((await world.clients.chair.get('/api/sessions?state=open')).status).toBe(400);
  });

  it('lets only admins plan sessions', async () => {
    const before = await countRows(server.database.db, 'commission_sessions');
    const response = await world.clients.sante.post('/api/sessions', { commissionId, title: 'Séance', scheduledAt: '2026-12-01T10:00:00Z' });
    expect(response.status).toBe(403);
    expect(await countRows(server.database.db, 'commission_sessions')).toBe(before);
  });

  it('refuses agendas with unknown documents or commissions, storing nothing', async () => {
    const before = await countRows(server.database.db, 'commission_sessions');
    const unknown = '00000000-0000-4000-8000-000000000000';
    const base = { commissionId, title: 'Séance', scheduledAt: '2026-12-01T10:00:00Z' };
    expect((await world.clients.chair.post('/api/sessions', { ...base, items: [{ documentId: unknown }] })).status).toBe(404);
    expect((await world.clients.chair.post('/api/sessions', { ...base, commissionId: unknown })).status).toBe(404);
    expect((await world.clients.chair.post('/api/sessions', { ...base, scheduledAt: 'demain' })).status).toBe(400);
    expect((await world.clients.chair.post('/api/sessions', { ...base, agenda: [] })).status).toBe(400);
    expect(await countRows(server.database.db, 'commission_sessions')).toBe(before);
  });

  it('refuses chair actions from participants with 403, audited, changing nothing', async () => {
    const attempts = [
      ['PATCH', path(), { title: 'Autre titre' }],
      ['POST', path('/items'), { documentId: world.docs.planSante.id }],
      ['PUT', path('/items/order'), { itemIds: [itemId(2), itemId(1), itemId(0)] }],
      ['DELETE', path(`/items/${itemId(0)}`), undefined],
      ['POST', path('/start'), undefined],
      ['POST', path('/close'), undefined],
    ] as const;
    for (const [method, url, body] of attempts) {
      const response = await world.clients.sante.request(method, url, body);
      expect(response.status, `${method} ${url}`).toBe(403);
      expect(response.body.error.code).toBe('forbidden');
    }
    const denied = (await auditEntries(server.database.db, 'access.denied')).filter((entry) => entry.object_id === session.id && entry.actor_user_id === world.users.sante.id);
    expect(denied.map((entry) => (entry.details as { need: string }).need)).toEqual(['chair:edit', 'chair:edit', 'chair:edit', 'chair:edit', 'chair:start', 'chair:close']);
    const after = (await world.clients.chair.get(path())).body.session;
    expect(after).toMatchObject({ title: 'Revue des plans sectoriels', state: 'planned' });
    expect(after.items.map((item: any) => item.id)).toEqual(session.items.map((item: any) => item.id));
  });

  it('refuses live-only actions while planned with 409', async () => {
    for (const [suffix, body] of [
      ['/current', { itemId: itemId(0) }],
      [`/items/${itemId(0)}/decision`, { decision: 'adopted' }],
      ['/close', undefined],
    ] as const) {
      const response = await world.clients.chair.post(path(suffix), body);
      expect(response.status, suffix).toBe(409);
      expect(response.body.error).toMatchObject({ code: 'invalid_session_state', message: expect.stringContaining('This session is planned.') });
    }
  });

  it('edits the agenda while planned: add with defaults, reorder, remove', async () => {
    const added = await world.clients.chair.post(path('/items'), { documentId: world.docs.planSante.id });
    expect(added.status).toBe(201);
    const newItem = added.body.session.items.at(-1);
    expect(newItem).toMatchObject({ position: 3, title: 'Plan santé MRE', presenterOrganisationId: world.org.sante.id, documentId: world.docs.planSante.id });

    const order = [newItem.id, itemId(2), itemId(1), itemId(0)];
    const reordered = await world.clients.chair.put(path('/items/order'), { itemIds: order });
    expect(reordered.status).toBe(200);
    expect(reordered.body.session.items.map((item: any) => item.id)).toEqual(order);
    expect((await world.clients.chair.put(path('/items/order'), { itemIds: order.slice(1) })).status).toBe(400);

    const removed = await world.clients.chair.delete(path(`/items/${newItem.id}`));
    expect(removed.status).toBe(200);
    expect(removed.body.session.items.map((item: any) => [item.id, item.position])).toEqual([
      [itemId(2), 0],
      [itemId(1), 1],
      [itemId(0), 2],
    ]);
    expect((await world.clients.chair.delete(path(`/items/${newItem.id}`))).status).toBe(404);
    const patched = await world.clients.chair.patch(path(), { location: null, title: 'Revue des plans (2)' });
    expect(patched.body.session).toMatchObject({ location: null, title: 'Revue des plans (2)' });
    expect((await world.clients.chair.patch(path(), {})).status).toBe(400);
  });

  it('refuses to start an empty session', async () => {
    const empty = await world.clients.chair.post('/api/sessions', { commissionId, title: 'Vide', scheduledAt: '2026-12-01T10:00:00Z' });
    const response = await world.clients.chair.post(`/api/sessions/${empty.body.session.id}/start`);
    expect(response.status).toBe(409);
    expect(response.body.error.message).toMatch(/at least one agenda item/);
  });

  it('once live: no agenda edits or second start (409); participants may not move or decide (403)', async () => {
    const started = await world.clients.chair.post(path('/start'));
    expect(started.body.session.currentItemId).toBe(itemId(2));
    expect((await world.clients.chair.post(path('/start'))).status).toBe(409);
    expect((await world.clients.chair.post(path('/items'), { documentId: world.docs.planSante.id })).status).toBe(409);
    expect((await world.clients.chair.patch(path(), { title: 'Trop tard' })).status).toBe(409);
    expect((await world.clients.emploi.post(path('/current'), { itemId: itemId(0) })).status).toBe(403);
    expect((await world.clients.emploi.post(path(`/items/${itemId(0)}/decision`), { decision: 'adopted' })).status).toBe(403);
    const item = await server.database.db.selectFrom('agenda_items').select('decision').where('id', '=', itemId(0)).executeTakeFirstOrThrow();
    expect(item.decision).toBeNull();
  });

  it('checks decisions and moves: a return needs its reason, items must belong to the session', async () => {
    const returned = await world.clients.chair.post(path(`/items/${itemId(1)}/decision`), { decision: 'returned' });
    expect(returned.status).toBe(400);
    expect(returned.body.error.details).toEqual([expect.objectContaining({ path: 'text' })]);
    expect((await world.clients.chair.post(path(`/items/${itemId(1)}/decision`), { decision: 'approved' })).status).toBe(400);
    const other = await world.clients.chair.post('/api/sessions', {
      commissionId,
      title: 'Autre séance',
      scheduledAt: '2026-12-05T10:00:00Z',
      items: [{ documentId: world.docs.planEmploi.id }],
    });
    const foreignItem = other.body.session.items[0].id;
    expect((await world.clients.chair.post(path('/current'), { itemId: foreignItem })).status).toBe(404);
    expect((await world.clients.chair.post(path(`/items/${foreignItem}/decision`), { decision: 'adopted' })).status).toBe(404);
    expect((await world.clients.chair.post(path('/current'), { itemId: 'x' })).status).toBe(400);
  });

  it('closes exactly once under concurrent requests', async () => {
    const before = await countRows(server.database.db, 'documents');
    const responses = await Promise.all([world.clients.chair.post(path('/close')), world.clients.chair.post(path('/close'))]);
    expect(responses.map((response) => response.status).sort()).toEqual([200, 409]);
    expect(await countRows(server.database.db, 'documents')).toBe(before + 1);
    // Only the item the session reached (its first) was discussed: one snapshot.
    const versions = await server.database.db.selectFrom('document_versions').select('document_id').where('session_id', '=', session.id).execute();
    expect(versions.map((version) => version.document_id)).toEqual([world.docs.noteOim.id]);
  });
});
