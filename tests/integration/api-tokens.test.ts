import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../../server/auth/secrets.ts';
import { auditEntries, signIn } from '../helpers/actors.ts';
import { organisation, PASSWORD, user } from '../helpers/fixtures.ts';
import { ApiClient } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

describe('API tokens', () => {
  let server: TestServer;
  let amina: ApiClient;
  let aminaId: string;
  beforeAll(async () => {
    server = await startTestServer();
    const sante = await organisation(server.database.db, 'sante');
    aminaId = (await user(server.database.db, sante.id, 'amina@sante.gov.ma')).id;
    await user(server.database.db, sante.id, 'karim@sante.gov.ma');
    amina = await signIn(server.url, 'amina@sante.gov.ma');
  });
  afterAll(() => server?.close());

  async function createToken(name: string, extra: Record<string, unknown> = {}) {
    const response = await amina.post('/api/tokens', { name, password: PASSWORD, ...extra });
    expect(response.status).toBe(201);
    return response.body as { token: { id: string; prefix: string }; secret: string };
  }

  it('shows the secret once, at creation, and stores only its hash', async () => {
    const { token, secret } = await createToken('Slack bot');
    expect(secret).toMatch(/^tsq_[\w-]{30,}$/);
    expect(token).toMatchObject({ name: 'Slack bot', prefix: secret.slice(0, token.prefix.length), revokedAt: null, expiresAt: expect.any(String) });
    expect(JSON.stringify(token)).not.toContain(secret);

    const row = await server.database.db.selectFrom('api_tokens').selectAll().where('id', '=', token.id).executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(hashSecret(secret));
    expect(Object.values(row).map(String).join(' ')).not.toContain(secret);

    const listed = await amina.get('/api/tokens');
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    expect(JSON.stringify(listed.body)).not.toContain(row.token_hash);
  });

  it('authenticates requests as its owner, without any CSRF token', async () => {
    const { secret } = await createToken('Script');
    const bearer = ApiClient.withToken(server.url, secret);
    const me = await bearer.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ user: { id: aminaId }, via: 'token', csrfToken: null });
    expect((await bearer.post('/api/documents', { kind: 'note', title: 'Écrit par un script' })).status).toBe(201);
  });

  it('lists only my own tokens, newest first, with an expiry when asked for one', async () => {
    await createToken('Expiring', { expiresInDays: 30 });
    const listed = await amina.get('/api/tokens');
    expect(listed.status).toBe(200);
    expect(listed.body.tokens[0]).toMatchObject({ name: 'Expiring', expiresAt: expect.any(String) });
    const karim = await signIn(server.url, 'karim@sante.gov.ma');
    expect((await karim.get('/api/tokens')).body.tokens).toEqual([]);
  });

  it('cannot create other tokens: a leaked token must not outlive its own revocation', async () => {
    const { secret } = await createToken('Leaky');
    const bearer = ApiClient.withToken(server.url, secret);
    const before = (await amina.get('/api/tokens')).body.tokens.length;
    const response = await bearer.post('/api/tokens', { name: 'Minted', password: PASSWORD });
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('forbidden');
    expect((await amina.get('/api/tokens')).body.tokens).toHaveLength(before);
    // it can still see and revoke tokens, itself included
    expect((await bearer.get('/api/tokens')).status).toBe(200);
  });

  it('stops working once revoked (401), and revoking twice is 404', async () => {
    const { token, secret } = await createToken('Short-lived');
    const bearer = ApiClient.withToken(server.url, secret);
    expect((await bearer.get('/api/auth/me')).status).toBe(200);
    expect((await amina.delete(`/api/tokens/${token.id}`)).status).toBe(204);
    const after = await bearer.get('/api/auth/me');
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('unauthenticated');
    expect((await amina.delete(`/api/tokens/${token.id}`)).status).toBe(404);
    const listed = await amina.get('/api/tokens');
    expect(listed.body.tokens.find((t: { id: string }) => t.id === token.id).revokedAt).toEqual(expect.any(String));
  });

  it("cannot be revoked by someone else: another user's token is not found", async () => {
    const { token, secret } = await createToken('Mine');
    const karim = await signIn(server.url, 'karim@sante.gov.ma');
    expect((await karim.delete(`/api/tokens/${token.id}`)).status).toBe(404);
    expect((await ApiClient.withToken(server.url, secret).get('/api/auth/me')).status).toBe(200);
  });

  it('stops working once past its expiry date (401)', async () => {
    const { token, secret } = await createToken('Expired');
    await server.database.db
      .updateTable('api_tokens')
      .set({ expires_at: new Date(Date.now() - 60_000) })
      .where('id', '=', token.id)
      .execute();
    expect((await ApiClient.withToken(server.url, secret).get('/api/auth/me')).status).toBe(401);
  });

  it('refuses unknown, malformed and non-bearer credentials with 401', async () => {
    expect((await ApiClient.withToken(server.url, 'tsq_not-a-real-token').get('/api/documents')).status).toBe(401);
    expect((await ApiClient.withToken(server.url, 'garbage').get('/api/documents')).status).toBe(401);
    const basic = await new ApiClient(server.url).get('/api/documents', { headers: { authorization: 'Basic YWRtaW46YWRtaW4=' } });
    expect(basic.status).toBe(401);
    expect(basic.body.error.code).toBe('unauthenticated');
  });

  it('records when a token was last used', async () => {
    const { token, secret } = await createToken('Used');
    await ApiClient.withToken(server.url, secret).get('/api/auth/me');
    const listed = await amina.get('/api/tokens');
    expect(listed.body.tokens.find((t: { id: string }) => t.id === token.id).lastUsedAt).toEqual(expect.any(String));
  });

  it('writes "last used" at most once a minute per token, not on every request', async () => {
    const { token, secret } = await createToken('Busy');
    const bearer = ApiClient.withToken(server.url, secret);
    const lastUsed = async () => (await server.database.db.selectFrom('api_tokens').select('last_used_at').where('id', '=', token.id).executeTakeFirstOrThrow()).last_used_at;
    const setLastUsed = (msAgo: number) =>
      server.database.db
        .updateTable('api_tokens')
        .set({ last_used_at: new Date(Date.now() - msAgo) })
        .where('id', '=', token.id)
        .execute();
    await setLastUsed(30_000);
    const recent = await lastUsed();
    await Promise.all([bearer.get('/api/auth/me'), bearer.get('/api/auth/me')]);
    expect(await lastUsed()).toEqual(recent);
    await setLastUsed(2 * 60_000);
    const older = await lastUsed();
    await bearer.get('/api/auth/me');
    expect((await lastUsed())!.getTime()).toBeGreaterThan(older!.getTime() + 60_000);
  });

  it('expires after 90 days by default, and never later than 365 days', async () => {
    const day = 86_400_000;
    const { token } = await createToken('Default');
    const listed = (await amina.get('/api/tokens')).body.tokens.find((t: { id: string }) => t.id === token.id);
    expect(Math.round((Date.parse(listed.expiresAt) - Date.parse(listed.createdAt)) / day)).toBe(90);
    const year = await createToken('Year', { expiresInDays: 365 });
    const yearRow = (await amina.get('/api/tokens')).body.tokens.find((t: { id: string }) => t.id === year.token.id);
    expect(Math.round((Date.parse(yearRow.expiresAt) - Date.parse(yearRow.createdAt)) / day)).toBe(365);
    for (const expiresInDays of [366, 3650, 0]) {
      const refused = await amina.post('/api/tokens', { name: 'Forever', password: PASSWORD, expiresInDays });
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe('validation_failed');
    }
  });

  it('asks for the password again before minting: without it or with a wrong one, nothing is created', async () => {
    const before = (await amina.get('/api/tokens')).body.tokens.length;
    const missing = await amina.post('/api/tokens', { name: 'No password' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('validation_failed');
    const wrong = await amina.post('/api/tokens', { name: 'Wrong password', password: 'not my password' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('wrong_current_password');
    expect((await amina.get('/api/tokens')).body.tokens).toHaveLength(before);
    const [created] = (await auditEntries(server.database.db, 'token.created')).slice(-1);
    expect(created!.details).toMatchObject({ expiresAt: expect.any(String) });
  });
});
