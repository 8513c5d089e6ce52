import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentStatus } from '../../db/schema.ts';
import { createAccessWorld, type AccessWorld } from '../helpers/access-world.ts';
import { startTestServerWith, type TestServer } from '../helpers/server.ts';
import { BRIEF_TRANSITIONS, STATUS_PAIRS } from '../helpers/workflow-brief.ts';

describe('document workflow through the API', () => {
  let server: TestServer;
  let world: AccessWorld;
  beforeAll(async () => {
    ({ server, world } = await startTestServerWith(createAccessWorld));
  });
  afterAll(() => server?.close());

  async function documentIn(status: DocumentStatus) {
    const doc = await world.newDocument();
    await server.database.db.updateTable('documents').set({ status }).where('id', '=', doc.id).execute();
    return doc.id;
  }
  const statusOf = async (id: string) => (await server.database.db.selectFrom('documents').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

  describe.each([
    ['admin', 'secretariat'],
    ['lead', 'lead'],
  ] as const)('as %s', (actor, role) => {
    it.each(STATUS_PAIRS)('%s → %s', async (from, to) => {
      const id = await documentIn(from);
      const rule = BRIEF_TRANSITIONS[`${from}>${to}`];
      const response = await world.clients[actor].post(`/api/documents/${id}/transitions`, { to, reason: rule?.reason ? 'Compléter le budget' : undefined });
      if (!rule) {
        expect(response.status).toBe(409);
        expect(response.body.error.code).toBe('invalid_transition');
      } else if (!rule.by.includes(role)) {
        expect(response.status).toBe(403);
        expect(response.body.error.code).toBe('forbidden');
      } else {
        expect(response.status).toBe(200);
        expect(response.body.document.status).toBe(to);
      }
      expect(await statusOf(id)).toBe(response.status === 200 ? to : from);
    });
  });

  it.each(['editor', 'commenter', 'viewer', 'personal'] as const)('refuses every move to %s, who is neither lead nor secretariat (403)', async (actor) => {
    const id = await documentIn('draft');
    const response = await world.clients[actor].post(`/api/documents/${id}/transitions`, { to: 'in_review' });
    expect(response.status).toBe(403);
    expect(await statusOf(id)).toBe('draft');
  });

  it.each(['in_review', 'submitted'] as const)('asks for a reason to return a document from %s (400), then keeps it', async (from) => {
    const id = await documentIn(from);
    for (const body of [{ to: 'returned' }, { to: 'returned', reason: '   ' }]) {
      const refused = await world.clients.admin.post(`/api/documents/${id}/transitions`, body);
      expect(refused.status).toBe(400);
      expect(refused.body.error).toMatchObject({ code: 'validation_failed', details: [{ path: 'reason' }] });
      expect(await statusOf(id)).toBe(from);
    }
    const returned = await world.clients.admin.post(`/api/documents/${id}/transitions`, { to: 'returned', reason: 'Chiffrer les mesures' });
    expect(returned.status).toBe(200);
    expect(returned.body.document).toMatchObject({ status: 'returned', returnReason: 'Chiffrer les mesures' });
  });

  it('clears the return reason once the document goes back to draft', async () => {
    const id = await documentIn('submitted');
    await world.clients.admin.post(`/api/documents/${id}/transitions`, { to: 'returned', reason: 'À revoir' });
    const back = await world.clients.lead.post(`/api/documents/${id}/transitions`, { to: 'draft' });
    expect(back.body.document).toMatchObject({ status: 'draft', returnReason: null });
  });

  it('tells each person which moves they may make', async () => {
    const id = await documentIn('in_review');
    const asAdmin = (await world.clients.admin.get(`/api/documents/${id}`)).body.document;
    const asLead = (await world.clients.lead.get(`/api/documents/${id}`)).body.document;
    expect(asAdmin.availableTransitions.sort()).toEqual(['draft', 'returned', 'submitted']);
    expect(asLead.availableTransitions).toEqual(['draft']);
    expect((await world.clients.editor.get(`/api/documents/${id}`)).body.document.availableTransitions).toEqual([]);
  });

  it('walks a document from draft to closed', async () => {
    const id = await documentIn('draft');
    for (const [actor, to] of [
      ['lead', 'in_review'],
      ['admin', 'submitted'],
      ['admin', 'adopted'],
      ['lead', 'in_implementation'],
      ['admin', 'closed'],
    ] as const) {
      expect((await world.clients[actor].post(`/api/documents/${id}/transitions`, { to })).status, to).toBe(200);
    }
    expect(await statusOf(id)).toBe('closed');
  });

  it('refuses unknown statuses (400) and moves on an archived document (409)', async () => {
    const id = await documentIn('draft');
    expect((await world.clients.admin.post(`/api/documents/${id}/transitions`, { to: 'published' })).status).toBe(400);
    await server.database.db.updateTable('documents').set({ archived_at: new Date() }).where('id', '=', id).execute();
    const archived = await world.clients.admin.post(`/api/documents/${id}/transitions`, { to: 'in_review' });
    expect(archived.status).toBe(409);
    expect(archived.body.error.code).toBe('archived');
  });
});
