import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTORS, createAccessWorld, type AccessWorld, type ActorName, type WorldDocument } from '../helpers/access-world.ts';
import { startTestServerWith, type TestServer } from '../helpers/server.ts';
import { findDocumentAccess, findDocumentWithAccess } from '../../server/queries/documents.ts';

const UNKNOWN_ID = '6f1c2a4e-8b7d-4c3a-9e2f-1a2b3c4d5e6f';
const SEES: Record<ActorName, boolean> = { admin: true, lead: true, editor: true, commenter: true, viewer: true, outsider: false, personal: true };
const LEVEL: Record<ActorName, string | null> = { admin: 'edit', lead: 'edit', editor: 'edit', commenter: 'comment', viewer: 'view', outsider: null, personal: 'edit' };

describe('who can read a document', () => {
  let server: TestServer;
  let world: AccessWorld;
  let doc: WorldDocument;
  let archived: WorldDocument;
  beforeAll(async () => {
    ({ server, world } = await startTestServerWith(createAccessWorld));
    doc = await world.newDocument('Plan sectoriel de la santé');
    archived = await world.newDocument('Ancien plan de la santé');
    await server.database.db.updateTable('documents').set({ archived_at: new Date() }).where('id', '=', archived.id).execute();
  });
  afterAll(() => server?.close());

  describe('the one-statement check of the sync endpoint and socket.io', () => {
    it.each(ACTORS)('gives %s the same level as the full lookup, archived or not, and tells a missing document apart', async (actor) => {
      const db = server.database.db;
      const user = await db
        .selectFrom('users')
        .select(['id as userId', 'organisation_id as organisationId', 'role'])
        .where('id', '=', world.userIds[actor])
        .executeTakeFirstOrThrow();
      expect(await findDocumentAccess(db, user, doc.id)).toEqual({ exists: true, level: LEVEL[actor] });
      for (const id of [doc.id, archived.id]) {
        const full = await findDocumentWithAccess(db, user, id);
        expect(await findDocumentAccess(db, user, id)).toEqual({ exists: true, level: full.row ? full.level : null });
      }
      expect(await findDocumentAccess(db, user, UNKNOWN_ID)).toEqual({ exists: false, level: null });
    });
  });

  describe('GET /api/documents/:id', () => {
    it.each(ACTORS)('as %s', async (actor) => {
      const response = await world.clients[actor].get(`/api/documents/${doc.id}`);
      if (SEES[actor]) {
        expect(response.status).toBe(200);
        expect(response.body.document).toMatchObject({ id: doc.id, access: LEVEL[actor], leadOrganisationId: world.organisationIds.lead });
      } else {
        const unknown = await world.clients[actor].get(`/api/documents/${UNKNOWN_ID}`);
        expect(response.status).toBe(404);
        // same answer as for a document that does not exist: its existence stays hidden
        expect(response.body).toEqual(unknown.body);
      }
    });

    it.each(ACTORS)('of an archived document, as %s: read-only for everyone but admins', async (actor) => {
      const response = await world.clients[actor].get(`/api/documents/${archived.id}`);
      expect(response.status).toBe(SEES[actor] ? 200 : 404);
      if (SEES[actor]) expect(response.body.document).toMatchObject({ archived: true, access: actor === 'admin' ? 'edit' : 'view' });
    });
  });

  describe('GET /api/documents', () => {
    it.each(ACTORS)('as %s', async (actor) => {
      const response = await world.clients[actor].get('/api/documents');
      expect(response.status).toBe(200);
      const ids = response.body.documents.map((d: { id: string }) => d.id);
      expect(ids.includes(doc.id)).toBe(SEES[actor]);
      expect(ids).not.toContain(archived.id);
      expect(response.body.total).toBe(ids.length);
    });

    it.each(ACTORS)('with filters and search, as %s: a hidden document never shows, not even in the total', async (actor) => {
      for (const query of ['?lead=sante', `?lead=${world.organisationIds.lead}`, '?q=santé', '?kind=action_plan&status=draft', '?archived=true']) {
        const response = await world.clients[actor].get(`/api/documents${query}`);
        expect(response.status, query).toBe(200);
        const ids = response.body.documents.map((d: { id: string }) => d.id);
        expect(ids.includes(doc.id), query).toBe(SEES[actor]);
        expect(response.body.total, query).toBe(SEES[actor] ? ids.length : 0);
      }
    });

    it('shows archived documents only when asked', async () => {
      const only = await world.clients.lead.get('/api/documents?archived=only');
      expect(only.body.documents.map((d: { id: string }) => d.id)).toEqual([archived.id]);
      expect((await world.clients.outsider.get('/api/documents?archived=only')).body).toEqual({ documents: [], total: 0 });
    });
  });

  describe('GET /api/documents/:id/access', () => {
    it.each(ACTORS)('as %s', async (actor) => {
      const response = await world.clients[actor].get(`/api/documents/${doc.id}/access`);
      expect(response.status).toBe(SEES[actor] ? 200 : 404);
      if (SEES[actor]) {
        expect(response.body.grants.map((g: { id: string }) => g.id).sort()).toEqual(Object.values(doc.grantIds).sort());
      } else {
        expect(response.body).toEqual((await world.clients[actor].get(`/api/documents/${UNKNOWN_ID}/access`)).body);
      }
    });
  });

  it('asks for a sign-in (401) before anything else', async () => {
    const anonymous = await fetch(`${server.url}/api/documents/${doc.id}`);
    expect(anonymous.status).toBe(401);
    expect((await fetch(`${server.url}/api/documents`)).status).toBe(401);
  });
});
