import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccessWorld, type AccessWorld } from '../helpers/access-world.ts';
import { auditEntries } from '../helpers/actors.ts';
import { document } from '../helpers/fixtures.ts';
import { startTestServerWith, type TestServer } from '../helpers/server.ts';

/** Issue 16: the coordination unit reopens an adopted or closed document, with a reason, audited. */
describe('POST /api/documents/:id/reopen', () => {
  let server: TestServer;
  let world: AccessWorld;
  beforeAll(async () => {
    ({ server, world } = await startTestServerWith(createAccessWorld));
  });
  afterAll(() => server?.close());

  const withStatus = async (status: 'adopted' | 'closed' | 'submitted', title = `Plan ${status}`) => {
    const row = await document(server.database.db, world.organisationIds.lead, title);
    await server.database.db.updateTable('documents').set({ status }).where('id', '=', row.id).execute();
    return row.id;
  };
  const statusOf = async (id: string) => (await server.database.db.selectFrom('documents').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

  it('reopens an adopted document into review and a closed one into implementation, audited with the reason', async () => {
    const adopted = await withStatus('adopted');
    const closed = await withStatus('closed');
    const before = await world.clients.admin.get(`/api/documents/${adopted}`);
    expect(before.body.document.canReopen).toBe(true);

    const first = await world.clients.admin.post(`/api/documents/${adopted}/reopen`, { reason: 'Erreur de chiffrage de la mesure 3' });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.document).toMatchObject({ status: 'in_review', canReopen: false });
    const second = await world.clients.admin.post(`/api/documents/${closed}/reopen`, { reason: 'Deuxième phase' });
    expect(second.body.document.status).toBe('in_implementation');

    const entries = await auditEntries(server.database.db, 'document.reopened');
    expect(entries.map((entry) => [entry.object_id, entry.actor_user_id, entry.details])).toEqual([
      [adopted, world.userIds.admin, { from: 'adopted', to: 'in_review', reason: 'Erreur de chiffrage de la mesure 3' }],
      [closed, world.userIds.admin, { from: 'closed', to: 'in_implementation', reason: 'Deuxième phase' }],
    ]);
  });

  it('refuses the lead organisation itself, and hides the document from outsiders', async () => {
    const id = await withStatus('adopted', 'Plan du pilote');
    expect((await world.clients.lead.get(`/api/documents/${id}`)).body.document.canReopen).toBe(false);
    const byLead = await world.clients.lead.post(`/api/documents/${id}/reopen`, { reason: 'je veux modifier' });
    expect(byLead.status).toBe(403);
    expect((await world.clients.outsider.post(`/api/documents/${id}/reopen`, { reason: 'x' })).status).toBe(404);
    expect(await statusOf(id)).toBe('adopted');
  });

  it('needs a reason, and only adopted or closed documents reopen', async () => {
    const adopted = await withStatus('adopted', 'Sans motif');
    for (const body of [{}, { reason: '   ' }, { reason: 'x'.repeat(2001) }, { reason: 'ok', extra: 1 }]) {
      const response = await world.clients.admin.post(`/api/documents/${adopted}/reopen`, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.code).toBe('validation_failed');
    }
    expect(await statusOf(adopted)).toBe('adopted');
    const submitted = await withStatus('submitted');
    const refused = await world.clients.admin.post(`/api/documents/${submitted}/reopen`, { reason: 'pourquoi pas' });
    expect(refused.status).toBe(409);
    expect(await statusOf(submitted)).toBe('submitted');
  });

  it('reopens once when two administrators try at the same moment', async () => {
    const id = await withStatus('adopted', 'Course');
    const answers = await Promise.all([1, 2].map((n) => world.clients.admin.post(`/api/documents/${id}/reopen`, { reason: `essai ${n}` })));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    expect(await statusOf(id)).toBe('in_review');
  });
});
