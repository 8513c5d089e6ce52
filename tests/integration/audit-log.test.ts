import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccessWorld, type AccessWorld } from '../helpers/access-world.ts';
import { auditEntries } from '../helpers/actors.ts';
import { organisation, user, PASSWORD } from '../helpers/fixtures.ts';
import { ApiClient } from '../helpers/http.ts';
import { startTestServerWith, type TestServer } from '../helpers/server.ts';

describe('audit log', () => {
  let server: TestServer;
  let world: AccessWorld;
  beforeAll(async () => {
    ({ server, world } = await startTestServerWith(createAccessWorld));
  });
  afterAll(() => server?.close());

  /** the entries of `action` written while `run` ran */
  async function recorded(action: string, run: () => Promise<unknown>) {
    const before = (await auditEntries(server.database.db, action)).length;
    await run();
    return (await auditEntries(server.database.db, action)).slice(before);
  }

  it('records a sign-in', async () => {
    const [entry, ...more] = await recorded('auth.login', () => new ApiClient(server.url).login('lead@tansiq.test', 'correct horse battery staple'));
    expect(more).toEqual([]);
    expect(entry).toMatchObject({ actor_user_id: world.userIds.lead, object_type: 'user', object_id: world.userIds.lead, ip: expect.any(String) });
  });

  it('records a failed sign-in, for a known and an unknown e-mail, without the password', async () => {
    const entries = await recorded('auth.login_failed', async () => {
      await new ApiClient(server.url).login('lead@tansiq.test', 'wrong password 1');
      await new ApiClient(server.url).login('ghost@tansiq.test', 'wrong password 2');
    });
    expect(entries).toMatchObject([
      { actor_user_id: world.userIds.lead, details: { email: 'lead@tansiq.test', reason: 'wrong_password' }, ip: expect.any(String) },
      { actor_user_id: null, details: { email: 'ghost@tansiq.test', reason: 'unknown_user' }, ip: expect.any(String) },
    ]);
    expect(JSON.stringify(entries)).not.toContain('wrong password');
  });

  it('records a sign-out', async () => {
    const sante = await organisation(server.database.db, 'tourisme');
    const someone = await user(server.database.db, sante.id, 'someone@tourisme.gov.ma');
    const api = new ApiClient(server.url);
    await api.login(someone.email, 'correct horse battery staple');
    const [entry] = await recorded('auth.logout', () => api.post('/api/auth/logout'));
    expect(entry).toMatchObject({ actor_user_id: someone.id, ip: expect.any(String) });
  });

  it('records refused access: a document without grant (404), each kind of 403, and a CSRF failure', async () => {
    const doc = await world.newDocument();
    const entries = await recorded('access.denied', async () => {
      expect((await world.clients.outsider.get(`/api/documents/${doc.id}`)).status).toBe(404);
      expect((await world.clients.viewer.patch(`/api/documents/${doc.id}`, { title: 'x' })).status).toBe(403);
      expect((await world.clients.editor.post(`/api/documents/${doc.id}/transitions`, { to: 'in_review' })).status).toBe(403);
      expect((await world.clients.editor.post(`/api/documents/${doc.id}/archive`)).status).toBe(403);
      expect((await world.clients.editor.put(`/api/documents/${doc.id}/access`, { organisationId: world.organisationIds.extra, level: 'view' })).status).toBe(403);
      expect((await world.clients.editor.patch(`/api/documents/${doc.id}`, { leadOrganisationId: world.organisationIds.editor })).status).toBe(403);
      expect((await world.clients.editor.post('/api/documents', { kind: 'note', title: 'x', leadOrganisationId: world.organisationIds.lead })).status).toBe(403);
      expect((await world.clients.lead.post('/api/organisations', { code: 'x', kind: 'ministry', nameFr: 'x', nameAr: 'x', nameEn: 'x' })).status).toBe(403);
      expect((await world.clients.lead.patch(`/api/users/${world.userIds.admin}`, { name: 'x' })).status).toBe(403);
      expect((await world.clients.lead.patch(`/api/documents/${doc.id}`, { title: 'x' }, { withoutCsrf: true })).status).toBe(403);
    });
    expect(entries.map((e) => e.actor_user_id)).toEqual([
      world.userIds.outsider,
      world.userIds.viewer,
      ...Array(5).fill(world.userIds.editor),
      world.userIds.lead,
      world.userIds.lead,
      world.userIds.lead,
    ]);
    for (const entry of entries) expect(entry.ip).toEqual(expect.any(String));
    expect(entries.slice(0, 6).every((e) => e.object_type === 'document' && e.object_id === doc.id)).toBe(true);
    expect(entries.at(-1)?.details).toMatchObject({ reason: 'csrf' });
  });

  it('records a status change with from, to and reason', async () => {
    const doc = await world.newDocument();
    await server.database.db.updateTable('documents').set({ status: 'submitted' }).where('id', '=', doc.id).execute();
    const [entry] = await recorded('document.status_changed', () =>
      world.clients.admin.post(`/api/documents/${doc.id}/transitions`, { to: 'returned', reason: 'Compléter le budget' }),
    );
    expect(entry).toMatchObject({
      actor_user_id: world.userIds.admin,
      object_type: 'document',
      object_id: doc.id,
      details: { from: 'submitted', to: 'returned', reason: 'Compléter le budget' },
      ip: expect.any(String),
    });
  });

  it('records a grant, a change of level and a revocation', async () => {
    const doc = await world.newDocument();
    const path = `/api/documents/${doc.id}/access`;
    const [granted] = await recorded('document.access_granted', () => world.clients.lead.put(path, { organisationId: world.organisationIds.extra, level: 'view' }));
    expect(granted).toMatchObject({ actor_user_id: world.userIds.lead, object_id: doc.id, details: { organisationId: world.organisationIds.extra, level: 'view' } });
    const [changed] = await recorded('document.access_changed', () => world.clients.lead.put(path, { organisationId: world.organisationIds.extra, level: 'comment' }));
    expect(changed).toMatchObject({ object_id: doc.id, details: { level: 'comment', previousLevel: 'view' } });
    const unchanged = await recorded('document.access_changed', () => world.clients.lead.put(path, { organisationId: world.organisationIds.extra, level: 'comment' }));
    expect(unchanged).toEqual([]);
    const [revoked] = await recorded('document.access_revoked', () => world.clients.lead.delete(`${path}/${doc.grantIds.viewer}`));
    expect(revoked).toMatchObject({ object_id: doc.id, details: { grantId: doc.grantIds.viewer, organisationId: world.organisationIds.viewer, level: 'view' } });
  });

  it('records archiving and restoring, once each', async () => {
    const doc = await world.newDocument();
    const archived = await recorded('document.archived', async () => {
      await world.clients.lead.post(`/api/documents/${doc.id}/archive`);
      await world.clients.lead.delete(`/api/documents/${doc.id}`);
    });
    expect(archived).toHaveLength(1);
    expect(archived[0]).toMatchObject({ actor_user_id: world.userIds.lead, object_id: doc.id, ip: expect.any(String) });
    expect(await recorded('document.restored', () => world.clients.lead.post(`/api/documents/${doc.id}/restore`))).toHaveLength(1);
  });

  it('records the creation and the revocation of an API token, never its secret', async () => {
    let secret = '';
    let id = '';
    const [created] = await recorded('token.created', async () => {
      const response = await world.clients.viewer.post('/api/tokens', { name: 'Tableau de bord', password: PASSWORD });
      ({ secret } = response.body);
      id = response.body.token.id;
    });
    expect(created).toMatchObject({ actor_user_id: world.userIds.viewer, object_type: 'api_token', object_id: id, details: { name: 'Tableau de bord' }, ip: expect.any(String) });
    const [revoked] = await recorded('token.revoked', () => world.clients.viewer.delete(`/api/tokens/${id}`));
    expect(revoked).toMatchObject({ actor_user_id: world.userIds.viewer, object_id: id, ip: expect.any(String) });
    const all = await server.database.db.selectFrom('audit_log').selectAll().execute();
    expect(JSON.stringify(all)).not.toContain(secret);
  });

  it('records that an administrator disabled a user', async () => {
    const [entry] = await recorded('user.disabled', () => world.clients.admin.patch(`/api/users/${world.userIds.commenter}`, { disabled: true }));
    expect(entry).toMatchObject({ actor_user_id: world.userIds.admin, object_type: 'user', object_id: world.userIds.commenter, ip: expect.any(String) });
  });
});
