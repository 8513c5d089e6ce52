import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, signIn } from '../helpers/actors.ts';
import { document, grant, organisation, user } from '../helpers/fixtures.ts';
import type { ApiClient, ApiResponse } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const UNKNOWN = '6f1c2a4e-8b7d-4c3a-9e2f-1a2b3c4d5e6f';

function expectError(response: ApiResponse, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.body.error).toMatchObject({ code, message: expect.any(String) });
  expect(Object.keys(response.body)).toEqual(['error']);
}

describe('ids, query strings and hostile text', () => {
  let server: TestServer;
  let admin: ApiClient;
  let documentId: string;
  let grantId: string;
  beforeAll(async () => {
    server = await startTestServer();
    const db = server.database.db;
    const mre = await organisation(db, 'mre', 'ministry');
    const sante = await organisation(db, 'sante');
    await organisation(db, 'deadbeef-x');
    await user(db, mre.id, 'admin@mre.gov.ma', 'admin');
    admin = await signIn(server.url, 'admin@mre.gov.ma');
    documentId = (await document(db, sante.id, 'Plan santé')).id;
    grantId = (await grant(db, documentId, mre.id, 'view')).id;
  });
  afterAll(() => server?.close());

  const routes = (id: string, other: string) =>
    [
      ['GET', `/api/documents/${id}`],
      ['PATCH', `/api/documents/${id}`, { title: 'x' }],
      ['DELETE', `/api/documents/${id}`],
      ['POST', `/api/documents/${id}/transitions`, { to: 'in_review' }],
      ['POST', `/api/documents/${id}/archive`],
      ['POST', `/api/documents/${id}/restore`],
      ['GET', `/api/documents/${id}/access`],
      ['PUT', `/api/documents/${id}/access`, { organisationId: other, level: 'view' }],
      ['DELETE', `/api/documents/${id}/access/${other}`],
      ['GET', `/api/organisations/${id}`],
      ['PATCH', `/api/organisations/${id}`, { nameFr: 'x' }],
      ['GET', `/api/users/${id}`],
      ['PATCH', `/api/users/${id}`, { name: 'x' }],
      ['DELETE', `/api/tokens/${id}`],
      ['GET', `/api/documents/${id}/comments`],
      ['POST', `/api/documents/${id}/comments`, { body: 'x' }],
      ['GET', `/api/documents/${id}/comments/${other}`],
      ['GET', `/api/documents/${id}/versions`],
      ['GET', `/api/documents/${id}/versions/${other}`],
      ['GET', `/api/documents/${id}/versions/${other}/diff`],
      ['GET', `/api/commissions/${id}`],
      ['PATCH', `/api/commissions/${id}`, { nameFr: 'x' }],
      ['GET', `/api/sessions/${id}`],
      ['POST', `/api/sessions/${id}/attendance`],
      ['POST', `/api/sessions/${id}/start`],
      ['DELETE', `/api/sessions/${id}/items/${other}`],
      ['POST', `/api/notifications/${id}/read`],
    ] as const;

  it.each(['not-a-uuid', '123', "1' OR '1'='1", '6f1c2a4e8b7d4c3a9e2f1a2b3c4d5e6f0'])('refuses the id %j with 400 on every route', async (bad) => {
    for (const [method, path, body] of routes(encodeURIComponent(bad), UNKNOWN)) {
      const response = await admin.request(method, path, body);
      expect(response.status, `${method} ${path}`).toBe(400);
      expect(response.body.error.code).toBe('validation_failed');
    }
  });

  it('answers 404 for an unknown id on every route', async () => {
    for (const [method, path, body] of routes(UNKNOWN, UNKNOWN)) {
      const response = await admin.request(method, path, body);
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(response.body.error.code).toBe('not_found');
    }
  });

  it('answers 404 for an unknown grant of a known document', async () => {
    expectError(await admin.delete(`/api/documents/${documentId}/access/${UNKNOWN}`), 404, 'not_found');
    expect((await admin.get(`/api/documents/${documentId}/access`)).body.grants.map((g: { id: string }) => g.id)).toEqual([grantId]);
  });

  it.each(["'; DROP TABLE documents; --", "Robert'); DELETE FROM users WHERE ('1'='1", "$1 $$ E'\\x00' /* */ -- ", "x' UNION SELECT password_hash FROM users --"])(
    'stores SQL-looking text verbatim and harmlessly: %j',
    async (title) => {
      const users = await countRows(server.database.db, 'users');
      const created = await admin.post('/api/documents', { kind: 'note', title });
      expect(created.status).toBe(201);
      expect(created.body.document.title).toBe(title.trim());
      expect((await admin.get(`/api/documents/${created.body.document.id}`)).body.document.title).toBe(title.trim());
      expect(await countRows(server.database.db, 'users')).toBe(users);
      expect((await admin.get('/api/documents')).status).toBe(200);
    },
  );

  it.each(["' OR 1=1 --", '!!! & | <-> :*', '"unterminated', "') OR ('a'='a", 'x'.repeat(200)])('searches for %j without error', async (q) => {
    const response = await admin.get(`/api/documents?q=${encodeURIComponent(q)}`);
    expect(response.status).toBe(200);
    expect(response.body.documents.map((d: { title: string }) => d.title)).not.toContain('Plan santé');
  });

  it.each([
    ['a NUL byte in the search', '?q=plan%00sant%C3%A9'],
    ['a search that is too long', `?q=${'x'.repeat(201)}`],
    ['an unknown kind', '?kind=memo'],
    ['an unknown status', '?status=deleted'],
    ['a kind given twice', '?kind=note&kind=study'],
    ['a negative offset', '?offset=-1'],
    ['a huge limit', '?limit=100000'],
    ['a lead that is neither id nor code', "?lead=sante'%20OR%20'1'='1"],
  ])('refuses %s with 400', async (_label, query) => {
    expectError(await admin.get(`/api/documents${query}`), 400, 'validation_failed');
  });

  it.each([
    ['/api/measures?organisation=', "sante'%20OR%20'1'='1"],
    ['/api/measures?document=', 'deadbeef-x'],
    ['/api/sessions?commissionId=', 'deadbeef-x'],
    ['/api/users?organisationId=', 'deadbeef-x'],
    [`/api/documents/${UNKNOWN}/comments?session=`, 'deadbeef-x'],
    [`/api/documents/${UNKNOWN}/versions/${UNKNOWN}/diff?against=`, 'deadbeef-x'],
  ])('refuses a malformed identifier in the query of %s with 400', async (path, bad) => {
    expectError(await admin.get(`${path}${bad}`), 400, 'validation_failed');
  });

  it('takes an organisation code that looks like the start of a uuid as a code, for measures as for documents', async () => {
    const response = await admin.get('/api/measures?organisation=deadbeef-x');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ measures: [] });
    expect((await admin.get(`/api/measures?organisation=${UNKNOWN}`)).body).toEqual({ measures: [] });
  });

  it('filters by an organisation code that happens to start like a uuid', async () => {
    const response = await admin.get('/api/documents?lead=deadbeef-x');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ documents: [], total: 0 });
  });

  it('answers an unknown organisation code or id with an empty list', async () => {
    expect((await admin.get('/api/documents?lead=nowhere')).body).toEqual({ documents: [], total: 0 });
    expect((await admin.get(`/api/documents?partner=${UNKNOWN}`)).body).toEqual({ documents: [], total: 0 });
  });

  it('answers unknown routes with 404, a wrong method with 405 and an unknown method with 501, all as JSON errors', async () => {
    expectError(await admin.get('/api/nothing-here'), 404, 'not_found');
    expectError(await admin.put('/api/documents', {}), 405, 'method_not_allowed');
    const unknownMethod = await admin.request('PROPFIND', '/api/documents');
    expectError(unknownMethod, 501, 'not_implemented');
    expect((await admin.get('/healthz')).status).toBe(200);
  });
});
