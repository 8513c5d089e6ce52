import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries, signIn } from '../helpers/actors.ts';
import { organisation, PASSWORD, user } from '../helpers/fixtures.ts';
import { ApiClient } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

describe('disabling a user', () => {
  let server: TestServer;
  let admin: ApiClient;
  let adminId: string;
  beforeAll(async () => {
    server = await startTestServer();
    const db = server.database.db;
    const mre = await organisation(db, 'mre', 'ministry');
    adminId = (await user(db, mre.id, 'admin@mre.gov.ma', 'admin')).id;
    admin = await signIn(server.url, 'admin@mre.gov.ma');
  });
  afterAll(() => server?.close());

  it('ends all their sessions and API tokens at once, and they cannot sign in again', async () => {
    const db = server.database.db;
    const sante = await organisation(db, 'sante');
    const amina = await user(db, sante.id, 'amina@sante.gov.ma');
    const laptop = await signIn(server.url, amina.email);
    const phone = await signIn(server.url, amina.email);
    const created = await laptop.post('/api/tokens', { name: 'bot', password: PASSWORD });
    const bot = ApiClient.withToken(server.url, created.body.secret);
    for (const client of [laptop, phone, bot]) expect((await client.get('/api/auth/me')).status).toBe(200);

    const disabled = await admin.patch(`/api/users/${amina.id}`, { disabled: true });
    expect(disabled.status).toBe(200);
    expect(disabled.body.user).toMatchObject({ id: amina.id, disabled: true });

    for (const client of [laptop, phone, bot]) expect((await client.get('/api/auth/me')).status).toBe(401);
    expect(await db.selectFrom('sessions').select('id_hash').where('user_id', '=', amina.id).execute()).toEqual([]);
    const tokens = await db.selectFrom('api_tokens').select('revoked_at').where('user_id', '=', amina.id).execute();
    expect(tokens.length).toBeGreaterThan(0);
    expect(tokens.every((token) => token.revoked_at !== null)).toBe(true);

    const again = await new ApiClient(server.url).login(amina.email, PASSWORD);
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe('invalid_credentials');
  });

  it('lets them sign in again once re-enabled, with revoked tokens staying revoked', async () => {
    const db = server.database.db;
    const sante = await db.selectFrom('organisations').select('id').where('code', '=', 'sante').executeTakeFirstOrThrow();
    const karim = await user(db, sante.id, 'karim@sante.gov.ma');
    const created = await (await signIn(server.url, karim.email)).post('/api/tokens', { name: 'bot', password: PASSWORD });
    expect((await admin.patch(`/api/users/${karim.id}`, { disabled: true })).status).toBe(200);
    expect((await admin.patch(`/api/users/${karim.id}`, { disabled: false })).status).toBe(200);
    await signIn(server.url, karim.email);
    expect((await ApiClient.withToken(server.url, created.body.secret).get('/api/auth/me')).status).toBe(401);
  });

  it('is for administrators only, and an administrator cannot disable themselves', async () => {
    const db = server.database.db;
    const sante = await db.selectFrom('organisations').select('id').where('code', '=', 'sante').executeTakeFirstOrThrow();
    const leila = await user(db, sante.id, 'leila@sante.gov.ma');
    const member = await signIn(server.url, leila.email);
    expect((await member.patch(`/api/users/${adminId}`, { disabled: true })).status).toBe(403);
    expect((await member.patch(`/api/users/${leila.id}`, { disabled: true })).status).toBe(400);
    expect((await admin.patch(`/api/users/${adminId}`, { disabled: true })).status).toBe(403);
    expect((await admin.patch(`/api/users/${adminId}`, { role: 'member' })).status).toBe(403);
    expect((await admin.get('/api/auth/me')).body.user).toMatchObject({ role: 'admin', disabled: false });
    const refusals = await auditEntries(db, 'access.denied');
    expect(refusals.slice(-2)).toMatchObject([
      { actor_user_id: adminId, object_type: 'user', object_id: adminId },
      { actor_user_id: adminId, object_type: 'user', object_id: adminId },
    ]);
  });
});
