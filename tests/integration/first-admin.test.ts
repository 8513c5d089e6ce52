import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { startServer } from '../../server/server.ts';
import { auditEntries } from '../helpers/actors.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { ApiClient } from '../helpers/http.ts';

const ADMIN = { TANSIQ_ADMIN_EMAIL: 'Coordination@MRE.gov.ma', TANSIQ_ADMIN_PASSWORD: 'a-long-enough-password' };

describe('first administrator from TANSIQ_ADMIN_EMAIL and TANSIQ_ADMIN_PASSWORD', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ migrate: false });
  });
  afterAll(() => database?.close());

  /** starts a server over the shared database and stops it again, leaving the database open (a restart) */
  async function runOnce(env: Record<string, string>, check?: (url: string) => Promise<void>) {
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', TANSIQ_DEMO: 'false', METRICS_PORT: 'off', ...env });
    const running = await startServer(config, { database: { ...database, close: async () => {} }, logger: pino({ level: 'silent' }) });
    try {
      await check?.(running.url);
    } finally {
      await running.close();
    }
  }

  const admins = () => database.db.selectFrom('users').selectAll().where('role', '=', 'admin').execute();

  it('is created at the first start, in the ministry, and can sign in', async () => {
    await runOnce(ADMIN, async (url) => {
      const response = await new ApiClient(url).login('coordination@mre.gov.ma', ADMIN.TANSIQ_ADMIN_PASSWORD);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ user: { role: 'admin', email: 'coordination@mre.gov.ma' }, organisation: { code: 'mre', kind: 'ministry' } });
    });
    expect(await admins()).toHaveLength(1);
    const created = await auditEntries(database.db, 'user.created');
    expect(created).toMatchObject([{ actor_user_id: null, details: { role: 'admin' } }]);
  });

  it('is not created twice when the server restarts', async () => {
    await runOnce(ADMIN);
    await runOnce(ADMIN);
    expect(await admins()).toHaveLength(1);
    expect(await database.db.selectFrom('organisations').select('id').where('code', '=', 'mre').execute()).toHaveLength(1);
  });

  it('keeps the password people set since: a restart with another password changes nothing', async () => {
    await runOnce({ ...ADMIN, TANSIQ_ADMIN_PASSWORD: 'another-long-password' }, async (url) => {
      expect((await new ApiClient(url).login(ADMIN.TANSIQ_ADMIN_EMAIL, 'another-long-password')).status).toBe(401);
      expect((await new ApiClient(url).login(ADMIN.TANSIQ_ADMIN_EMAIL, ADMIN.TANSIQ_ADMIN_PASSWORD)).status).toBe(200);
    });
    expect(await admins()).toHaveLength(1);
  });

  it('creates nobody when the variables are not set', async () => {
    const before = (await database.db.selectFrom('users').select('id').execute()).length;
    await runOnce({});
    expect(await database.db.selectFrom('users').select('id').execute()).toHaveLength(before);
  });

  it('refuses an e-mail without a password, or a password that is too short, before starting', () => {
    expect(() => loadConfig({ TANSIQ_ADMIN_EMAIL: 'admin@mre.gov.ma' })).toThrow(/TANSIQ_ADMIN_PASSWORD/);
    expect(() => loadConfig({ TANSIQ_ADMIN_EMAIL: 'admin@mre.gov.ma', TANSIQ_ADMIN_PASSWORD: 'short' })).toThrow(/TANSIQ_ADMIN_PASSWORD/);
  });
});
