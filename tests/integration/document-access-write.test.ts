import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTORS, createAccessWorld, type AccessWorld, type ActorName } from '../helpers/access-world.ts';
import { startTestServerWith, type TestServer } from '../helpers/server.ts';

type Expected = Record<ActorName, number>;
/** only administrators and the lead organisation manage a document; no grant means "not found" */
const MANAGE: Expected = { admin: 200, lead: 200, editor: 403, commenter: 403, viewer: 403, outsider: 404, personal: 403 };
const EDIT: Expected = { admin: 200, lead: 200, editor: 200, commenter: 403, viewer: 403, outsider: 404, personal: 200 };

describe('who can change a document', () => {
  let server: TestServer;
  let world: AccessWorld;
  beforeAll(async () => {
    ({ server, world } = await startTestServerWith(createAccessWorld));
  });
  afterAll(() => server?.close());

  const load = (id: string) => server.database.db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const ok = (status: number) => status < 300;

  describe('POST /api/documents', () => {
    it.each(ACTORS)('led by their own organisation, as %s', async (actor) => {
      const response = await world.clients[actor].post('/api/documents', { kind: 'note', title: `Note de ${actor}` });
      expect(response.status).toBe(201);
      expect(response.body.document).toMatchObject({ access: 'edit', status: 'draft' });
    });

    it.each(ACTORS)('led by the lead organisation, as %s', async (actor) => {
      const title = `Plan pour la santé, par ${actor}`;
      const response = await world.clients[actor].post('/api/documents', { kind: 'action_plan', title, leadOrganisationId: world.organisationIds.lead });
      const allowed = actor === 'admin' || actor === 'lead';
      expect(response.status).toBe(allowed ? 201 : 403);
      const rows = await server.database.db.selectFrom('documents').select('id').where('title', '=', title).execute();
      expect(rows).toHaveLength(allowed ? 1 : 0);
    });
  });

  describe('PATCH /api/documents/:id', () => {
    it.each(ACTORS)('as %s', async (actor) => {
      const doc = await world.newDocument();
      const response = await world.clients[actor].patch(`/api/documents/${doc.id}`, { title: `Titre changé par ${actor}` });
      expect(response.status).toBe(EDIT[actor]);
      expect((await load(doc.id)).title === `Titre changé par ${actor}`).toBe(ok(EDIT[actor]));
    });

    it.each(ACTORS)('changing the lead organisation, as %s: administrators only', async (actor) => {
      const doc = await world.newDocument();
      const response = await world.clients[actor].patch(`/api/documents/${doc.id}`, { leadOrganisationId: world.organisationIds.extra });
      const expected = actor === 'admin' ? 200 : actor === 'outsider' ? 404 : 403;
      expect(response.status).toBe(expected);
      expect((await load(doc.id)).lead_organisation_id).toBe(actor === 'admin' ? world.organisationIds.extra : world.organisationIds.lead);
    });
  });

  describe('POST /api/documents/:id/transitions', () => {
    const EXPECTED: Expected = { admin: 200, lead: 200, editor: 403, commenter: 403, viewer: 403, outsider: 404, personal: 403 };
    it.each(ACTORS)('draft → in_review, as %s', async (actor) => {
      const doc = await world.newDocument();
      const response = await world.clients[actor].post(`/api/documents/${doc.id}/transitions`, { to: 'in_review' });
      expect(response.status).toBe(EXPECTED[actor]);
      expect((await load(doc.id)).status).toBe(ok(EXPECTED[actor]) ? 'in_review' : 'draft');
    });
  });

  describe('POST /api/documents/:id/archive', () => {
    it.each(ACTORS)('as %s', async (actor) => {
      const doc = await world.newDocument();
      const response = await world.clients[actor].post(`/api/documents/${doc.id}/archive`);
      expect(response.status).toBe(MANAGE[actor]);
      expect((await load(doc.id)).archived_at !== null).toBe(ok(MANAGE[actor]));
    });
  });

  describe('POST /api/documents/:id/restore', () => {
    it.each(ACTORS)('as %s', async (actor) => {
      const doc = await world.newDocument();
      await server.database.db.updateTable('documents').set({ archived_at: new Date() }).where('id', '=', doc.id).execute();
      const response = await world.clients[actor].post(`/api/documents/${doc.id}/restore`);
      expect(response.status).toBe(MANAGE[actor]);
      expect((await load(doc.id)).archived_at === null).toBe(ok(MANAGE[actor]));
    });
  });

  describe('DELETE /api/documents/:id (archives it)', () => {
    it.each(ACTORS)('as %s', async (actor) => {
      const doc = await world.newDocument();
      const response = await world.clients[actor].delete(`/api/documents/${doc.id}`);
      expect(response.status).toBe(ok(MANAGE[actor]) ? 204 : MANAGE[actor]);
      expect((await load(doc.id)).archived_at !== null).toBe(ok(MANAGE[actor]));
    });
  });

  it('keeps an archived document read-only for its editors until it is restored', async () => {
    const doc = await world.newDocument();
    await server.database.db.updateTable('documents').set({ archived_at: new Date() }).where('id', '=', doc.id).execute();
    expect((await world.clients.editor.patch(`/api/documents/${doc.id}`, { title: 'Changé' })).status).toBe(403);
    expect((await world.clients.lead.patch(`/api/documents/${doc.id}`, { title: 'Changé' })).status).toBe(403);
    expect((await world.clients.admin.patch(`/api/documents/${doc.id}`, { title: 'Changé' })).status).toBe(200);
  });
});
