import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../server/events/bus.ts';
import { auditEntries, signIn } from '../helpers/actors.ts';
import { organisation, PASSWORD, user } from '../helpers/fixtures.ts';
import { ApiClient } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const NEW_PASSWORD = 'a brand new passphrase';

describe('a new password ends the other sign-ins', () => {
  let server: TestServer;
  const ids = { admin: '', amina: '', karim: '', leila: '' };
  const changes: DomainEvent[] = [];
  beforeAll(async () => {
    server = await startTestServer();
    const db = server.database.db;
    const mre = await organisation(db, 'mre', 'ministry');
    const sante = await organisation(db, 'sante');
    ids.admin = (await user(db, mre.id, 'admin@mre.gov.ma', 'admin')).id;
    for (const name of ['amina', 'karim', 'leila'] as const) ids[name] = (await user(db, sante.id, `${name}@sante.gov.ma`)).id;
    server.events.on('user.credentials_changed', (event) => void changes.push(event));
  });
  afterAll(() => server?.close());

  async function tokenOf(client: ApiClient): Promise<ApiClient> {
    const created = await client.post('/api/tokens', { name: 'script', password: PASSWORD });
    expect(created.status).toBe(201);
    return ApiClient.withToken(server.url, created.body.secret);
  }

  it('keeps the session that made the change, signs out every other one and revokes the tokens', async () => {
    const laptop = await signIn(server.url, 'amina@sante.gov.ma');
    const forgottenTablet = await signIn(server.url, 'amina@sante.gov.ma');
    const script = await tokenOf(laptop);
    const changed = await laptop.patch(`/api/users/${ids.amina}`, { password: NEW_PASSWORD, currentPassword: PASSWORD });
    expect(changed.status).toBe(200);
    expect((await laptop.get('/api/auth/me')).status).toBe(200);
    expect((await forgottenTablet.get('/api/auth/me')).status).toBe(401);
    expect((await script.get('/api/auth/me')).status).toBe(401);
    const sessions = await server.database.db.selectFrom('sessions').select('user_id').where('user_id', '=', ids.amina).execute();
    expect(sessions).toHaveLength(1);
    expect(changes.at(-1)).toEqual({ type: 'user.credentials_changed', userId: ids.amina, actorUserId: ids.amina });
    const [entry] = (await auditEntries(server.database.db, 'user.password_changed')).slice(-1);
    expect(entry).toMatchObject({ actor_user_id: ids.amina, object_id: ids.amina, details: { byAdministrator: false, sessionsEnded: 1, tokensRevoked: 1, tokensKept: false } });
  });

  it('keeps the tokens when asked to explicitly (the other sessions still end)', async () => {
    const laptop = await signIn(server.url, 'leila@sante.gov.ma');
    const phone = await signIn(server.url, 'leila@sante.gov.ma');
    const script = await tokenOf(laptop);
    const changed = await laptop.patch(`/api/users/${ids.leila}`, { password: NEW_PASSWORD, currentPassword: PASSWORD, keepTokens: true });
    expect(changed.status).toBe(200);
    expect((await script.get('/api/auth/me')).status).toBe(200);
    expect((await phone.get('/api/auth/me')).status).toBe(401);
    expect((await laptop.get('/api/auth/me')).status).toBe(200);
  });

  it('ends every session and token of someone whose password an administrator resets, and says so on the bus', async () => {
    const laptop = await signIn(server.url, 'karim@sante.gov.ma');
    const script = await tokenOf(laptop);
    const admin = await signIn(server.url, 'admin@mre.gov.ma');
    expect((await admin.patch(`/api/users/${ids.karim}`, { password: NEW_PASSWORD })).status).toBe(200);
    expect((await laptop.get('/api/auth/me')).status).toBe(401);
    expect((await script.get('/api/auth/me')).status).toBe(401);
    expect((await admin.get('/api/auth/me')).status).toBe(200);
    expect(changes.at(-1)).toEqual({ type: 'user.credentials_changed', userId: ids.karim, actorUserId: ids.admin });
    const [entry] = (await auditEntries(server.database.db, 'user.password_changed')).slice(-1);
    expect(entry).toMatchObject({ actor_user_id: ids.admin, object_id: ids.karim, details: { byAdministrator: true, sessionsEnded: 1, tokensRevoked: 1 } });
  });

  it('an administrator cannot keep the tokens of someone whose password they reset', async () => {
    const admin = await signIn(server.url, 'admin@mre.gov.ma');
    const karim = await signIn(server.url, 'karim@sante.gov.ma', NEW_PASSWORD);
    // karim's password is NEW_PASSWORD since the reset above
    const created = await karim.post('/api/tokens', { name: 'again', password: NEW_PASSWORD });
    expect(created.status).toBe(201);
    const again = ApiClient.withToken(server.url, created.body.secret);
    expect((await admin.patch(`/api/users/${ids.karim}`, { password: PASSWORD, keepTokens: true })).status).toBe(200);
    expect((await again.get('/api/auth/me')).status).toBe(401);
  });
});
