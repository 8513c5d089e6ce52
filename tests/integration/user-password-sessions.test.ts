import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organisation, PASSWORD, user } from '../helpers/fixtures.ts';
import { ApiClient } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const NEW_PASSWORD = 'a brand new passphrase';

describe('a new password ends the other sign-ins', () => {
  let server: TestServer;
  let userId: string;
  beforeAll(async () => {
    server = await startTestServer();
    const sante = await organisation(server.database.db, 'sante');
    userId = (await user(server.database.db, sante.id, 'amina@sante.gov.ma')).id;
  });
  afterAll(() => server?.close());

  it('keeps the session that made the change and signs out every other one', async () => {
    const laptop = new ApiClient(server.url);
    const forgottenTablet = new ApiClient(server.url);
    expect((await laptop.login('amina@sante.gov.ma', PASSWORD)).status).toBe(200);
    expect((await forgottenTablet.login('amina@sante.gov.ma', PASSWORD)).status).toBe(200);
    const changed = await laptop.patch(`/api/users/${userId}`, { password: NEW_PASSWORD, currentPassword: PASSWORD });
    expect(changed.status).toBe(200);
    expect((await laptop.get('/api/auth/me')).status).toBe(200);
    expect((await forgottenTablet.get('/api/auth/me')).status).toBe(401);
    const sessions = await server.database.db.selectFrom('sessions').select('user_id').where('user_id', '=', userId).execute();
    expect(sessions).toHaveLength(1);
  });
});
