import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries, countRows, signIn } from '../helpers/actors.ts';
import { document, organisation, user, PASSWORD } from '../helpers/fixtures.ts';
import { ApiClient } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

describe('CSRF protection of cookie-authenticated writes', () => {
  let server: TestServer;
  let api: ApiClient;
  let documentId: string;
  let userId: string;
  let tokenId: string;
  beforeAll(async () => {
    server = await startTestServer();
    const db = server.database.db;
    const sante = await organisation(db, 'sante');
    userId = (await user(db, sante.id, 'amina@sante.gov.ma')).id;
    documentId = (await document(db, sante.id, 'Plan santé')).id;
    api = await signIn(server.url, 'amina@sante.gov.ma');
    tokenId = (await api.post('/api/tokens', { name: 'kept', password: PASSWORD })).body.token.id;
  });
  afterAll(() => server?.close());

  const writes = () =>
    [
      ['POST', '/api/documents', { kind: 'note', title: 'Forged' }],
      ['PATCH', `/api/documents/${documentId}`, { title: 'Forged' }],
      ['PUT', `/api/documents/${documentId}/access`, { organisationId: documentId, level: 'view' }],
      ['POST', `/api/documents/${documentId}/transitions`, { to: 'in_review' }],
      ['POST', `/api/documents/${documentId}/archive`, undefined],
      ['DELETE', `/api/documents/${documentId}`, undefined],
      ['DELETE', `/api/tokens/${tokenId}`, undefined],
      ['POST', '/api/auth/logout', undefined],
    ] as const;

  async function snapshot() {
    const db = server.database.db;
    const doc = await db.selectFrom('documents').select(['title', 'status', 'archived_at']).where('id', '=', documentId).executeTakeFirstOrThrow();
    const token = await db.selectFrom('api_tokens').select('revoked_at').where('id', '=', tokenId).executeTakeFirstOrThrow();
    return { doc, token, documents: await countRows(db, 'documents'), sessions: await countRows(db, 'sessions') };
  }

  it('refuses every write without X-CSRF-Token with 403 csrf_failed, and writes nothing', async () => {
    const before = await snapshot();
    for (const [method, path, body] of writes()) {
      const response = await api.request(method, path, body, { withoutCsrf: true });
      expect(response.status, `${method} ${path}`).toBe(403);
      expect(response.body).toEqual({ error: { code: 'csrf_failed', message: expect.any(String) } });
    }
    expect(await snapshot()).toEqual(before);
  });

  it('refuses every write with a wrong X-CSRF-Token, and writes nothing', async () => {
    const before = await snapshot();
    for (const wrong of ['wrong', `${api.csrfToken}x`, api.csrfToken!.slice(1)]) {
      for (const [method, path, body] of writes()) {
        const response = await api.request(method, path, body, { headers: { 'x-csrf-token': wrong } });
        expect(response.status, `${method} ${path} with ${wrong}`).toBe(403);
        expect(response.body.error.code).toBe('csrf_failed');
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  it("refuses another session's token", async () => {
    const other = await signIn(server.url, 'amina@sante.gov.ma');
    const response = await api.post('/api/documents', { kind: 'note', title: 'Forged' }, { headers: { 'x-csrf-token': other.csrfToken! } });
    expect(response.status).toBe(403);
  });

  it('audits each refusal with who, what and from where', async () => {
    const before = (await auditEntries(server.database.db, 'access.denied')).length;
    await api.patch(`/api/documents/${documentId}`, { title: 'Forged' }, { withoutCsrf: true });
    const entries = await auditEntries(server.database.db, 'access.denied');
    expect(entries).toHaveLength(before + 1);
    expect(entries.at(-1)).toMatchObject({
      actor_user_id: userId,
      ip: expect.any(String),
      details: { reason: 'csrf', method: 'PATCH', path: `/api/documents/${documentId}` },
    });
  });

  it('does not ask for it on reads', async () => {
    expect((await api.get('/api/documents', { withoutCsrf: true })).status).toBe(200);
  });

  it('accepts the write with the right token', async () => {
    expect((await api.patch(`/api/documents/${documentId}`, { title: 'Plan santé 2027' })).status).toBe(200);
  });

  it('does not ask bearer-token requests for it, even when a cookie comes along', async () => {
    const created = await api.post('/api/tokens', { name: 'bot', password: PASSWORD });
    const bearer = ApiClient.withToken(server.url, created.body.secret);
    bearer.cookie = api.cookie;
    const response = await bearer.post('/api/documents', { kind: 'note', title: 'Par le robot' });
    expect(response.status).toBe(201);
  });

  it('refuses a body that is not JSON with 415, before anything is written', async () => {
    const before = await countRows(server.database.db, 'documents');
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const response = await api.post('/api/documents', 'kind=note&title=Forged', { headers: { 'content-type': type } });
      expect(response.status, type).toBe(415);
      expect(response.body.error.code).toBe('unsupported_media_type');
    }
    expect(await countRows(server.database.db, 'documents')).toBe(before);
  });

  it('accepts JSON with a charset', async () => {
    const response = await api.post('/api/documents', { kind: 'note', title: 'Avec charset' }, { headers: { 'content-type': 'application/json; charset=utf-8' } });
    expect(response.status).toBe(201);
  });
});
