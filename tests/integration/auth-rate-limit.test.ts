import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FAILURES_PER_EMAIL, MAX_FAILURES_PER_IP } from '../../server/auth/login-throttle.ts';
import { auditEntries } from '../helpers/actors.ts';
import { organisation, PASSWORD, user } from '../helpers/fixtures.ts';
import { ApiClient } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// The server trusts a proxy, so each test can come from its own address through X-Forwarded-For.
const loginFrom = (server: TestServer, ip: string, email: string, password: string) =>
  new ApiClient(server.url).request('POST', '/api/auth/login', { email, password }, { headers: { 'x-forwarded-for': ip } });

describe('sign-in rate limit', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: 'true' });
    const sante = await organisation(server.database.db, 'sante');
    for (const name of ['amina', 'karim', 'leila', 'omar']) await user(server.database.db, sante.id, `${name}@sante.gov.ma`);
  });
  afterAll(() => server?.close());

  it(`refuses the ${MAX_FAILURES_PER_EMAIL + 1}th attempt for an e-mail with 429 and Retry-After, even with the right password`, async () => {
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) {
      // a different address each time: the e-mail alone is enough to block
      expect((await loginFrom(server, `198.51.100.${i + 1}`, 'amina@sante.gov.ma', 'wrong password')).status).toBe(401);
    }
    const blocked = await loginFrom(server, '198.51.100.99', 'amina@sante.gov.ma', PASSWORD);
    expect(blocked.status).toBe(429);
    expect(blocked.body).toEqual({ error: { code: 'rate_limited', message: expect.any(String) } });
    const retryAfter = Number(blocked.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(blocked.headers.getSetCookie()).toEqual([]);
  });

  it('counts the e-mail whatever its case', async () => {
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) {
      const email = i % 2 ? 'KARIM@sante.gov.ma' : ' karim@SANTE.gov.ma ';
      expect((await loginFrom(server, '192.0.2.10', email, 'wrong password')).status).toBe(401);
    }
    expect((await loginFrom(server, '192.0.2.11', 'karim@sante.gov.ma', PASSWORD)).status).toBe(429);
  });

  it('does not block other e-mails because one is blocked', async () => {
    expect((await loginFrom(server, '198.51.100.99', 'leila@sante.gov.ma', PASSWORD)).status).toBe(200);
  });

  it(`also counts failures per address: after ${MAX_FAILURES_PER_IP} from one address, it is refused for any e-mail`, async () => {
    const ip = '203.0.113.7';
    for (let i = 0; i < MAX_FAILURES_PER_IP; i++) {
      expect((await loginFrom(server, ip, `guess-${i}@example.org`, 'wrong password')).status).toBe(401);
    }
    const blocked = await loginFrom(server, ip, 'omar@sante.gov.ma', PASSWORD);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    // the same person from elsewhere still gets in
    expect((await loginFrom(server, '203.0.113.8', 'omar@sante.gov.ma', PASSWORD)).status).toBe(200);
  });

  it('takes the address the trusted proxy saw, not one the client put first in X-Forwarded-For', async () => {
    const realIp = '203.0.113.50';
    for (let i = 0; i < MAX_FAILURES_PER_IP; i++) {
      const response = await loginFrom(server, `10.0.${i}.1, ${realIp}`, `spoof-${i}@example.org`, 'wrong password');
      expect(response.status).toBe(401);
    }
    expect((await loginFrom(server, `10.9.9.9, ${realIp}`, 'omar@sante.gov.ma', PASSWORD)).status).toBe(429);
    const failures = await auditEntries(server.database.db, 'auth.login_failed');
    expect(failures.filter((entry) => entry.ip === realIp)).toHaveLength(MAX_FAILURES_PER_IP);
  });
});
