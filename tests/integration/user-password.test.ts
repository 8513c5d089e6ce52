import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries, signIn } from '../helpers/actors.ts';
import { organisation, PASSWORD, user } from '../helpers/fixtures.ts';
import { ApiClient } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const NEW_PASSWORD = 'a brand new passphrase';

describe('changing a password', () => {
  let server: TestServer;
  const ids: Record<'admin' | 'amina' | 'karim', string> = { admin: '', amina: '', karim: '' };
  beforeAll(async () => {
    server = await startTestServer();
    const db = server.database.db;
    const mre = await organisation(db, 'mre', 'ministry');
    const sante = await organisation(db, 'sante');
    ids.admin = (await user(db, mre.id, 'admin@mre.gov.ma', 'admin')).id;
    ids.amina = (await user(db, sante.id, 'amina@sante.gov.ma')).id;
    ids.karim = (await user(db, sante.id, 'karim@sante.gov.ma')).id;
  });
  afterAll(() => server?.close());

  const canSignIn = async (email: string, password: string) => (await new ApiClient(server.url).login(email, password)).status === 200;

  it('needs the current password when people change their own', async () => {
    const amina = await signIn(server.url, 'amina@sante.gov.ma');
    for (const body of [{ password: NEW_PASSWORD }, { password: NEW_PASSWORD, currentPassword: 'not my password' }]) {
      const refused = await amina.patch(`/api/users/${ids.amina}`, body);
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe('wrong_current_password');
    }
    expect(await canSignIn('amina@sante.gov.ma', PASSWORD)).toBe(true);
    expect((await amina.patch(`/api/users/${ids.amina}`, { password: NEW_PASSWORD, currentPassword: PASSWORD })).status).toBe(200);
    expect(await canSignIn('amina@sante.gov.ma', NEW_PASSWORD)).toBe(true);
    expect(await canSignIn('amina@sante.gov.ma', PASSWORD)).toBe(false);
  });

  it('needs the current password from administrators too, for their own (a stolen session must not be enough)', async () => {
    const admin = await signIn(server.url, 'admin@mre.gov.ma');
    const refused = await admin.patch(`/api/users/${ids.admin}`, { password: NEW_PASSWORD });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('wrong_current_password');
    expect(await canSignIn('admin@mre.gov.ma', PASSWORD)).toBe(true);
  });

  it('lets an administrator set the password of someone else, and records it without the password', async () => {
    const admin = await signIn(server.url, 'admin@mre.gov.ma');
    expect((await admin.patch(`/api/users/${ids.karim}`, { password: NEW_PASSWORD })).status).toBe(200);
    expect(await canSignIn('karim@sante.gov.ma', NEW_PASSWORD)).toBe(true);
    const [entry] = (await auditEntries(server.database.db, 'user.password_changed')).slice(-1);
    expect(entry).toMatchObject({ actor_user_id: ids.admin, object_id: ids.karim });
    const updates = await auditEntries(server.database.db, 'user.updated');
    expect(JSON.stringify(updates)).not.toContain(NEW_PASSWORD);
  });

  it('refuses a password shorter than 12 characters', async () => {
    const admin = await signIn(server.url, 'admin@mre.gov.ma');
    const response = await admin.patch(`/api/users/${ids.karim}`, { password: 'short' });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('validation_failed');
  });
});
