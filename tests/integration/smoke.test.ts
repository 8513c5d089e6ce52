import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

describe('server smoke', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ TANSIQ_ADMIN_EMAIL: 'admin@mre.gov.ma', TANSIQ_ADMIN_PASSWORD: 'a-long-enough-password' });
  });
  afterAll(() => server?.close());

  it('answers health and readiness', async () => {
    const api = new ApiClient(server.url);
    expect((await api.get('/healthz')).status).toBe(200);
    expect((await api.get('/readyz')).body).toMatchObject({ status: 'ready' });
  });

  it('lets the first admin sign in and create a document', async () => {
    const api = new ApiClient(server.url);
    expect((await api.login('admin@mre.gov.ma', 'a-long-enough-password')).status).toBe(200);
    const created = await api.post('/api/documents', { kind: 'note', title: 'Note de cadrage' });
    expect(created.status).toBe(201);
    expect(created.body.document).toMatchObject({ kind: 'note', title: 'Note de cadrage', status: 'draft' });
  });
});
