import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT_RULE, ADDRESS_RULE, LOGIN_FORGET_MS, PAIR_RULE, reserveLoginAttempt, throttleDelayMs } from '../../server/auth/login-throttle.ts';
import { AppError } from '../../server/errors.ts';
import { auditEntries } from '../helpers/actors.ts';
import { organisation, PASSWORD, user } from '../helpers/fixtures.ts';
import { ApiClient } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

// The server trusts a proxy, so each test can come from its own address through X-Forwarded-For.
const loginFrom = (server: TestServer, ip: string, email: string, password: string) =>
  new ApiClient(server.url).request('POST', '/api/auth/login', { email, password }, { headers: { 'x-forwarded-for': ip } });

/**
 * Wrong guesses from one address until one is refused (the delays are short at first, and a slow
 * machine may outlast one): right after a refusal, the delay is surely still running.
 */
async function guessUntilRefused(server: TestServer, ip: string, email: string): Promise<void> {
  for (let i = 0; i < 12; i++) {
    if ((await loginFrom(server, ip, email, 'wrong password')).status === 429) return;
  }
  throw new Error(`never refused: ${email} from ${ip}`);
}

async function failuresFor(server: TestServer, email: string): Promise<number> {
  return (await auditEntries(server.database.db, 'auth.login_failed')).filter((entry) => (entry.details as { email?: string })?.email === email).length;
}

describe('sign-in throttling', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: 'true' });
    const sante = await organisation(server.database.db, 'sante');
    for (const name of ['amina', 'karim', 'leila', 'omar', 'nadia', 'sara']) await user(server.database.db, sante.id, `${name}@sante.gov.ma`);
  });
  afterAll(() => server?.close());

  it('evaluates only a few of 40 guesses sent at once against one account; the rest get 429 before any hashing', async () => {
    const responses = await Promise.all(Array.from({ length: 40 }, () => loginFrom(server, '198.51.100.1', 'amina@sante.gov.ma', 'wrong password')));
    const evaluated = await failuresFor(server, 'amina@sante.gov.ma');
    // the free attempts, and the one that starts the delay
    expect(evaluated).toBeLessThanOrEqual(PAIR_RULE.free + 1);
    expect(responses.filter((r) => r.status === 401)).toHaveLength(evaluated);
    const refused = responses.filter((r) => r.status === 429);
    expect(refused).toHaveLength(40 - evaluated);
    expect(refused[0]!.body).toEqual({ error: { code: 'rate_limited', message: expect.any(String) } });
    expect(Number(refused[0]!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused[0]!.headers.getSetCookie()).toEqual([]);
    // the right password from that address waits too: the guesser cannot tell it was right
    await guessUntilRefused(server, '198.51.100.1', 'amina@sante.gov.ma');
    expect((await loginFrom(server, '198.51.100.1', 'amina@sante.gov.ma', PASSWORD)).status).toBe(429);
  });

  it('never locks the owner out: after a flood of guesses from many addresses, the right password from a fresh address works', async () => {
    const email = 'karim@sante.gov.ma';
    for (let round = 0; round < 3; round++) {
      await Promise.all(Array.from({ length: 10 }, (_, i) => loginFrom(server, `203.0.113.${10 * round + i + 1}`, email, 'wrong password')));
    }
    expect(await failuresFor(server, email)).toBeGreaterThan(ACCOUNT_RULE.free);
    // the account is slowed down (a few seconds at most), never refused for everyone
    const owner = await loginFrom(server, '192.0.2.200', email, PASSWORD);
    expect(owner.status).toBe(200);
  });

  it('counts the e-mail whatever its case, for one address', async () => {
    for (let i = 0; i <= PAIR_RULE.free; i++) {
      const email = i % 2 ? 'LEILA@sante.gov.ma' : ' leila@SANTE.gov.ma ';
      expect((await loginFrom(server, '192.0.2.10', email, 'wrong password')).status).toBe(401);
    }
    await guessUntilRefused(server, '192.0.2.10', 'LEILA@sante.gov.ma');
    expect((await loginFrom(server, '192.0.2.10', 'leila@sante.gov.ma', PASSWORD)).status).toBe(429);
    // the same person from elsewhere still gets in
    expect((await loginFrom(server, '192.0.2.11', 'leila@sante.gov.ma', PASSWORD)).status).toBe(200);
  });

  it(`also counts per address: after ${ADDRESS_RULE.free + 1} failures from one address, it must wait for any e-mail`, async () => {
    const ip = '203.0.113.70';
    for (let i = 0; i <= ADDRESS_RULE.free; i++) {
      expect((await loginFrom(server, ip, `guess-${i}@example.org`, 'wrong password')).status).toBe(401);
    }
    await guessUntilRefused(server, ip, 'guess-last@example.org');
    const blocked = await loginFrom(server, ip, 'omar@sante.gov.ma', PASSWORD);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await loginFrom(server, '203.0.113.71', 'omar@sante.gov.ma', PASSWORD)).status).toBe(200);
  });

  it('gives the attempt back on success, so an office behind one address can keep signing in', async () => {
    for (let i = 0; i < ADDRESS_RULE.free + 5; i++) {
      expect((await loginFrom(server, '192.0.2.50', 'nadia@sante.gov.ma', PASSWORD)).status).toBe(200);
    }
  });

  it('takes the address the trusted proxy saw, not one the client put first in X-Forwarded-For', async () => {
    const realIp = '203.0.113.150';
    for (let i = 0; i <= ADDRESS_RULE.free; i++) {
      const response = await loginFrom(server, `10.0.${i}.1, ${realIp}`, `spoof-${i}@example.org`, 'wrong password');
      expect(response.status).toBe(401);
    }
    await guessUntilRefused(server, `10.9.9.8, ${realIp}`, 'spoof-last@example.org');
    expect((await loginFrom(server, `10.9.9.9, ${realIp}`, 'sara@sante.gov.ma', PASSWORD)).status).toBe(429);
    const failures = await auditEntries(server.database.db, 'auth.login_failed');
    expect(failures.filter((entry) => entry.ip === realIp).length).toBeGreaterThanOrEqual(ADDRESS_RULE.free + 1);
  });

  it('bounds the sustained guessing rate: a guesser retrying as soon as allowed gets few attempts an hour', async () => {
    // Simulated clock over the real database: try, and when refused come back at Retry-After.
    const db = server.database.db;
    const hour = 60 * 60_000;
    const start = Date.parse('2030-01-01T00:00:00Z');
    const perHour = [0, 0, 0];
    let now = start;
    while (now < start + 3 * hour) {
      try {
        await reserveLoginAttempt(db, { email: 'target@example.org', ip: '198.18.0.1' }, new Date(now));
        perHour[Math.floor((now - start) / hour)]!++;
      } catch (error) {
        if (!(error instanceof AppError) || error.status !== 429) throw error;
        now += Number(error.headers!['Retry-After']) * 1000;
      }
    }
    // the first hour: the free attempts, then doubling delays (1 s, 2 s, … up to the cap)
    let firstHour = PAIR_RULE.free;
    for (let n = PAIR_RULE.free + 1, spent = 0; spent < hour; n++) {
      spent += Math.max(throttleDelayMs(n, PAIR_RULE), 1_000);
      firstHour++;
    }
    expect(perHour[0]).toBeLessThanOrEqual(firstHour);
    // then one attempt per cap (15 minutes): waiting out the cap does not give the free attempts back
    expect(LOGIN_FORGET_MS).toBeGreaterThan(PAIR_RULE.maxMs);
    expect(perHour[1]).toBeLessThanOrEqual(hour / PAIR_RULE.maxMs + 1);
    expect(perHour[2]).toBeLessThanOrEqual(hour / PAIR_RULE.maxMs + 1);
  });
});
