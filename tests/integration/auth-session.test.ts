import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../../server/auth/secrets.ts';
import { countRows, signIn } from '../helpers/actors.ts';
import { organisation, PASSWORD, user } from '../helpers/fixtures.ts';
import { ApiClient } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const EMAIL = 'amina@sante.gov.ma';
const cookieValue = (api: ApiClient) => api.cookie!.slice(api.cookie!.indexOf('=') + 1);

describe('sign-in, session and sign-out', () => {
  let server: TestServer;
  let userId: string;
  beforeAll(async () => {
    server = await startTestServer();
    const sante = await organisation(server.database.db, 'sante');
    userId = (await user(server.database.db, sante.id, EMAIL)).id;
  });
  afterAll(() => server?.close());

  it('signs in with the right password and sets an httpOnly, SameSite=Lax session cookie', async () => {
    const api = new ApiClient(server.url);
    const response = await api.login(EMAIL, PASSWORD);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ user: { id: userId, email: EMAIL }, organisation: { code: 'sante' } });
    expect(response.body.csrfToken).toEqual(expect.any(String));
    const [setCookie, ...others] = response.headers.getSetCookie();
    expect(others).toEqual([]);
    expect(setCookie).toMatch(/^tansiq_session=[\w-]{20,};/);
    expect(setCookie).toMatch(/;\s*httponly/i);
    expect(setCookie).toMatch(/;\s*samesite=lax/i);
    expect(setCookie).toMatch(/;\s*path=\//i);
    expect(setCookie).not.toMatch(/;\s*secure/i);
  });

  it('accepts the e-mail in any case and with spaces around it', async () => {
    expect((await new ApiClient(server.url).login(`  ${EMAIL.toUpperCase()} `, PASSWORD)).status).toBe(200);
  });

  it('stores only a hash of the session id', async () => {
    const api = await signIn(server.url, EMAIL);
    const rows = await server.database.db.selectFrom('sessions').select('id_hash').where('user_id', '=', userId).execute();
    expect(rows.map((row) => row.id_hash)).toContain(hashSecret(cookieValue(api)));
    expect(rows.map((row) => row.id_hash)).not.toContain(cookieValue(api));
  });

  it('issues a new session id at every sign-in, even when the browser sends its current cookie', async () => {
    const api = await signIn(server.url, EMAIL);
    const first = cookieValue(api);
    const again = await api.login(EMAIL, PASSWORD);
    expect(again.status).toBe(200);
    expect(cookieValue(api)).not.toBe(first);
    // the replaced session no longer works
    const stale = new ApiClient(server.url);
    stale.cookie = `tansiq_session=${first}`;
    expect((await stale.get('/api/auth/me')).status).toBe(401);
    expect((await api.get('/api/auth/me')).status).toBe(200);
  });

  it('signs in again from a tab whose CSRF token is stale', async () => {
    const api = await signIn(server.url, EMAIL);
    api.csrfToken = 'stale-token-from-another-tab';
    const response = await api.login(EMAIL, PASSWORD);
    expect(response.status).toBe(200);
  });

  it('ignores a session id chosen by someone else (fixation)', async () => {
    const api = new ApiClient(server.url);
    api.cookie = 'tansiq_session=attacker-chosen-value';
    expect((await api.login(EMAIL, PASSWORD)).status).toBe(200);
    expect(cookieValue(api)).not.toBe('attacker-chosen-value');
    expect(await server.database.db.selectFrom('sessions').select('id_hash').where('id_hash', '=', hashSecret('attacker-chosen-value')).execute()).toEqual([]);
  });

  it('refuses a wrong password with 401 invalid_credentials and sets no cookie', async () => {
    const response = await new ApiClient(server.url).login(EMAIL, 'not the password at all');
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ error: { code: 'invalid_credentials', message: expect.any(String) } });
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  it('answers an unknown e-mail exactly like a wrong password', async () => {
    const wrongPassword = await new ApiClient(server.url).login(EMAIL, 'not the password at all');
    const unknownUser = await new ApiClient(server.url).login('nobody@nowhere.ma', 'not the password at all');
    expect(unknownUser.status).toBe(wrongPassword.status);
    expect(unknownUser.body).toEqual(wrongPassword.body);
  });

  it('refuses a user who was invited but has no password yet', async () => {
    const sante = await server.database.db.selectFrom('organisations').select('id').where('code', '=', 'sante').executeTakeFirstOrThrow();
    await server.database.db
      .insertInto('users')
      .values({ email: 'invited@sante.gov.ma', name: 'Invited', organisation_id: sante.id, role: 'member', locale: 'fr', password_hash: null })
      .execute();
    expect((await new ApiClient(server.url).login('invited@sante.gov.ma', '')).status).toBe(401);
  });

  it('tells who is signed in on /api/auth/me, with the CSRF token to use', async () => {
    const api = await signIn(server.url, EMAIL);
    const me = await api.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ user: { id: userId, email: EMAIL }, organisation: { code: 'sante' }, via: 'session', csrfToken: api.csrfToken });
  });

  it('answers /api/auth/me with 401 when nobody is signed in', async () => {
    const response = await new ApiClient(server.url).get('/api/auth/me');
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('unauthenticated');
  });

  it('signs out: the session row is deleted and the cookie cleared', async () => {
    const api = await signIn(server.url, EMAIL);
    const value = cookieValue(api);
    const before = await countRows(server.database.db, 'sessions');
    const response = await api.post('/api/auth/logout');
    expect(response.status).toBe(204);
    const [cleared] = response.headers.getSetCookie();
    expect(cleared).toMatch(/^tansiq_session=;/);
    expect(cleared).toMatch(/expires=Thu, 01 Jan 1970/i);
    expect(await countRows(server.database.db, 'sessions')).toBe(before - 1);
    const replay = new ApiClient(server.url);
    replay.cookie = `tansiq_session=${value}`;
    expect((await replay.get('/api/auth/me')).status).toBe(401);
  });

  it('refuses a session past its expiry date', async () => {
    const api = await signIn(server.url, EMAIL);
    await server.database.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id_hash', '=', hashSecret(cookieValue(api)))
      .execute();
    expect((await api.get('/api/auth/me')).status).toBe(401);
  });
});
