import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTORS, createAccessWorld, type AccessWorld, type ActorName } from '../helpers/access-world.ts';
import { startTestServerWith, type TestServer } from '../helpers/server.ts';

/** grants are managed by administrators and the lead organisation; no grant means "not found" */
const MANAGE: Record<ActorName, 'ok' | 403 | 404> = { admin: 'ok', lead: 'ok', editor: 403, commenter: 403, viewer: 403, outsider: 404, personal: 403 };

describe('who can change who has access', () => {
  let server: TestServer;
  let world: AccessWorld;
  beforeAll(async () => {
    ({ server, world } = await startTestServerWith(createAccessWorld));
  });
  afterAll(() => server?.close());

  const grantsOf = (documentId: string) =>
    server.database.db.selectFrom('document_access').select(['id', 'organisation_id', 'user_id', 'level']).where('document_id', '=', documentId).orderBy('id').execute();

  describe.each(['PUT', 'POST'] as const)('%s /api/documents/:id/access', (method) => {
    it.each(ACTORS)('granting a new organisation, as %s', async (actor) => {
      const doc = await world.newDocument();
      const before = await grantsOf(doc.id);
      const response = await world.clients[actor].request(method, `/api/documents/${doc.id}/access`, { organisationId: world.organisationIds.extra, level: 'view' });
      if (MANAGE[actor] === 'ok') {
        expect(response.status).toBe(201);
        expect(response.body.grant).toMatchObject({ documentId: doc.id, organisationId: world.organisationIds.extra, userId: null, level: 'view' });
        expect(await grantsOf(doc.id)).toHaveLength(before.length + 1);
      } else {
        expect(response.status).toBe(MANAGE[actor]);
        expect(await grantsOf(doc.id)).toEqual(before);
      }
    });

    it.each(ACTORS)('changing an existing grant, as %s', async (actor) => {
      const doc = await world.newDocument();
      const response = await world.clients[actor].request(method, `/api/documents/${doc.id}/access`, { organisationId: world.organisationIds.viewer, level: 'edit' });
      const level = (await grantsOf(doc.id)).find((g) => g.id === doc.grantIds.viewer)?.level;
      if (MANAGE[actor] === 'ok') {
        expect(response.status).toBe(200);
        expect(response.body.grant).toMatchObject({ id: doc.grantIds.viewer, level: 'edit' });
        expect(level).toBe('edit');
      } else {
        expect(response.status).toBe(MANAGE[actor]);
        expect(level).toBe('view');
      }
    });
  });

  describe('DELETE /api/documents/:id/access/:grantId', () => {
    it.each(ACTORS)('as %s', async (actor) => {
      const doc = await world.newDocument();
      const response = await world.clients[actor].delete(`/api/documents/${doc.id}/access/${doc.grantIds.commenter}`);
      const remaining = (await grantsOf(doc.id)).map((g) => g.id);
      if (MANAGE[actor] === 'ok') {
        expect(response.status).toBe(204);
        expect(remaining).not.toContain(doc.grantIds.commenter);
      } else {
        expect(response.status).toBe(MANAGE[actor]);
        expect(remaining).toContain(doc.grantIds.commenter);
      }
    });
  });

  it('takes effect at once: a granted organisation sees the document, a revoked one no longer does', async () => {
    const doc = await world.newDocument();
    const outsider = world.clients.outsider;
    expect((await outsider.get(`/api/documents/${doc.id}`)).status).toBe(404);
    const granted = await world.clients.lead.put(`/api/documents/${doc.id}/access`, { organisationId: world.organisationIds.outsider, level: 'comment' });
    expect((await outsider.get(`/api/documents/${doc.id}`)).body.document.access).toBe('comment');
    expect((await world.clients.lead.delete(`/api/documents/${doc.id}/access/${granted.body.grant.id}`)).status).toBe(204);
    expect((await outsider.get(`/api/documents/${doc.id}`)).status).toBe(404);
  });

  it('grants to a single user, not to their organisation', async () => {
    const doc = await world.newDocument();
    const response = await world.clients.admin.put(`/api/documents/${doc.id}/access`, { userId: world.userIds.commenter, level: 'edit' });
    expect(response.status).toBe(201);
    expect(response.body.grant).toMatchObject({ userId: world.userIds.commenter, organisationId: null, level: 'edit' });
    expect((await world.clients.commenter.get(`/api/documents/${doc.id}`)).body.document.access).toBe('edit');
  });

  it('refuses a grant to nobody, to both an organisation and a user, or to someone unknown', async () => {
    const doc = await world.newDocument();
    const before = await grantsOf(doc.id);
    const lead = world.clients.lead;
    for (const body of [
      { level: 'view' },
      { organisationId: world.organisationIds.extra, userId: world.userIds.outsider, level: 'view' },
      { organisationId: world.organisationIds.extra, level: 'owner' },
      { organisationId: '6f1c2a4e-8b7d-4c3a-9e2f-1a2b3c4d5e6f', level: 'view' },
      { userId: '6f1c2a4e-8b7d-4c3a-9e2f-1a2b3c4d5e6f', level: 'view' },
    ]) {
      const response = await lead.put(`/api/documents/${doc.id}/access`, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.code).toBe('validation_failed');
    }
    expect(await grantsOf(doc.id)).toEqual(before);
  });

  it('answers 404 for a grant of another document', async () => {
    const first = await world.newDocument();
    const second = await world.newDocument();
    expect((await world.clients.lead.delete(`/api/documents/${first.id}/access/${second.grantIds.viewer}`)).status).toBe(404);
    expect((await grantsOf(second.id)).map((g) => g.id)).toContain(second.grantIds.viewer);
  });
});
