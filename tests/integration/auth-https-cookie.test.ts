import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organisation, PASSWORD, user } from '../helpers/fixtures.ts';
import { ApiClient } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const EMAIL = 'amina@sante.gov.ma';
const HTTPS = { 'x-forwarded-proto': 'https' };

async function serverWithUser(env: Record<string, string>): Promise<TestServer> {
  const server = await startTestServer(env);
  const sante = await organisation(server.database.db, 'sante');
  await user(server.database.db, sante.id, EMAIL);
  return server;
}

describe('session cookie over HTTPS behind a trusted proxy', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await serverWithUser({ TRUST_PROXY: 'true' });
  });
  afterAll(() => server?.close());

  it('is named __Host-tansiq_session and marked Secure, httpOnly, SameSite=Lax, Path=/ with no Domain', async () => {
    const response = await new ApiClient(server.url).request('POST', '/api/auth/login', { email: EMAIL, password: PASSWORD }, { headers: HTTPS });
    expect(response.status).toBe(200);
    const [cookie] = response.headers.getSetCookie();
    expect(cookie).toMatch(/^__Host-tansiq_session=[\w-]{20,};/);
    expect(cookie).toMatch(/;\s*secure/i);
    expect(cookie).toMatch(/;\s*httponly/i);
    expect(cookie).toMatch(/;\s*samesite=lax/i);
    expect(cookie).toMatch(/;\s*path=\/(;|$)/i);
    expect(cookie).not.toMatch(/domain=/i);
  });

  it('is read back over HTTPS, and is not taken for the plain cookie over HTTP', async () => {
    const api = new ApiClient(server.url);
    expect((await api.request('POST', '/api/auth/login', { email: EMAIL, password: PASSWORD }, { headers: HTTPS })).status).toBe(200);
    expect((await api.get('/api/auth/me', { headers: HTTPS })).status).toBe(200);
    expect((await api.get('/api/auth/me')).status).toBe(401);
  });

  it('is cleared with the same name and attributes on sign-out', async () => {
    const api = new ApiClient(server.url);
    const login = await api.request('POST', '/api/auth/login', { email: EMAIL, password: PASSWORD }, { headers: HTTPS });
    api.csrfToken = login.body.csrfToken;
    const logout = await api.post('/api/auth/logout', undefined, { headers: HTTPS });
    expect(logout.status).toBe(204);
    const [cleared] = logout.headers.getSetCookie();
    expect(cleared).toMatch(/^__Host-tansiq_session=;/);
    expect(cleared).toMatch(/;\s*secure/i);
    expect(cleared).toMatch(/expires=Thu, 01 Jan 1970/i);
  });
});

describe('session cookie when no proxy is trusted', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await serverWithUser({ TRUST_PROXY: 'false' });
  });
  afterAll(() => server?.close());

  it('ignores X-Forwarded-Proto sent by the client: plain name, no Secure', async () => {
    const response = await new ApiClient(server.url).request('POST', '/api/auth/login', { email: EMAIL, password: PASSWORD }, { headers: HTTPS });
    expect(response.status).toBe(200);
    const [cookie] = response.headers.getSetCookie();
    expect(cookie).toMatch(/^tansiq_session=/);
    expect(cookie).not.toMatch(/;\s*secure/i);
  });
});
