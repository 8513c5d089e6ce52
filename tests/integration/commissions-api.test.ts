import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries, countRows } from '../helpers/actors.ts';
import { startTestServerWith, type TestServer } from '../helpers/server.ts';
import { createSessionWorld, type SessionWorld } from '../helpers/session-world.ts';

describe('commissions API', () => {
  let server: TestServer;
  let world: SessionWorld;
  let technicalId: string;

  beforeAll(async () => {
    ({ server, world } = await startTestServerWith(createSessionWorld));
  });
  afterAll(() => server?.close());

  const names = (fr: string) => ({ nameFr: fr, nameAr: `لجنة ${fr}`, nameEn: `Commission ${fr}` });

  it('lets admins create commissions of each kind with their members', async () => {
    const technical = await world.clients.chair.post('/api/commissions', {
      kind: 'technical',
      ...names('technique'),
      memberOrganisationIds: [world.org.sante.id, world.org.emploi.id],
    });
    expect(technical.status).toBe(201);
    expect(technical.body.commission).toMatchObject({
      kind: 'technical',
      names: { fr: 'technique', ar: 'لجنة technique', en: 'Commission technique' },
      memberOrganisationIds: [world.org.sante.id, world.org.emploi.id].sort(),
    });
    technicalId = technical.body.commission.id;
    expect((await world.clients.chair.post('/api/commissions', { kind: 'interministerial', ...names('interministérielle') })).status).toBe(201);
    expect((await world.clients.chair.post('/api/commissions', { kind: 'bilateral', ...names('bilatérale OIM'), memberOrganisationIds: [world.org.oim.id] })).status).toBe(201);
    expect((await auditEntries(server.database.db, 'commission.created')).length).toBe(3);
  });

  it('refuses non-admins and bad input, storing nothing', async () => {
    const before = await countRows(server.database.db, 'commissions');
    expect((await world.clients.sante.post('/api/commissions', { kind: 'technical', ...names('x') })).status).toBe(403);
    expect((await world.clients.chair.post('/api/commissions', { kind: 'regional', ...names('x') })).status).toBe(400);
    expect((await world.clients.chair.post('/api/commissions', { kind: 'technical', ...names('x'), secret: 1 })).status).toBe(400);
    expect((await world.clients.chair.post('/api/commissions', { kind: 'technical', ...names('x'), memberOrganisationIds: [world.org.sante.id, world.org.sante.id] })).status).toBe(
      400,
    );
    const unknown = await world.clients.chair.post('/api/commissions', { kind: 'technical', ...names('x'), memberOrganisationIds: ['00000000-0000-4000-8000-000000000000'] });
    expect(unknown.status).toBe(400);
    expect(await countRows(server.database.db, 'commissions')).toBe(before);
  });

  it('lists all commissions to admins and their own to members', async () => {
    const kinds = async (person: 'chair' | 'sante' | 'oim' | 'outsider') =>
      (await world.clients[person].get('/api/commissions')).body.commissions.map((commission: any) => commission.kind).sort();
    expect(await kinds('chair')).toEqual(['bilateral', 'interministerial', 'technical']);
    expect(await kinds('sante')).toEqual(['technical']);
    expect(await kinds('oim')).toEqual(['bilateral']);
    expect(await kinds('outsider')).toEqual([]);
    expect((await world.clients.chair.get('/api/commissions?kind=technical')).body.commissions).toHaveLength(1);
    expect((await world.clients.sante.get(`/api/commissions/${technicalId}`)).status).toBe(200);
    expect((await world.clients.outsider.get(`/api/commissions/${technicalId}`)).status).toBe(404);
  });

  it('lets admins rename and replace the member list', async () => {
    expect((await world.clients.sante.patch(`/api/commissions/${technicalId}`, { nameFr: 'x' })).status).toBe(403);
    const patched = await world.clients.chair.patch(`/api/commissions/${technicalId}`, {
      nameFr: 'Commission technique',
      memberOrganisationIds: [world.org.emploi.id, world.org.justice.id],
    });
    expect(patched.status).toBe(200);
    expect(patched.body.commission.names.fr).toBe('Commission technique');
    expect(patched.body.commission.memberOrganisationIds).toEqual([world.org.emploi.id, world.org.justice.id].sort());
    expect((await world.clients.sante.get(`/api/commissions/${technicalId}`)).status).toBe(404);
    expect((await world.clients.outsider.get(`/api/commissions/${technicalId}`)).status).toBe(200);
    expect((await world.clients.chair.patch(`/api/commissions/${technicalId}`, {})).status).toBe(400);
    expect((await world.clients.chair.patch('/api/commissions/00000000-0000-4000-8000-000000000000', { nameFr: 'x' })).status).toBe(404);
  });
});
