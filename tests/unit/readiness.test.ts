import { describe, expect, it } from 'vitest';
import { checkReadiness, databaseCheck, type ReadinessCheck } from '../../server/http/readiness.ts';

const up = (name: string): ReadinessCheck => ({ name, check: async () => null });

describe('readiness checks', () => {
  it('is ready when every check is', async () => {
    expect(await checkReadiness([databaseCheck(async () => true), up('redis')])).toEqual({
      ready: true,
      body: { status: 'ready', database: 'up', redis: 'up' },
    });
  });

  it('names each part that is down, with its reason', async () => {
    const redisLost: ReadinessCheck = { name: 'redis', check: async () => 'Redis connection lost (subscriber: reconnecting)' };
    const { ready, body } = await checkReadiness([databaseCheck(async () => true), redisLost]);
    expect(ready).toBe(false);
    expect(body).toEqual({ status: 'not_ready', database: 'up', redis: 'down', reasons: ['redis: Redis connection lost (subscriber: reconnecting)'] });
  });

  it('gives up on a check that hangs (so /readyz answers within a second) and reports one that throws', async () => {
    const hangs: ReadinessCheck = { name: 'database', check: () => new Promise(() => {}) };
    const throws: ReadinessCheck = { name: 'redis', check: async () => Promise.reject(new Error('boom')) };
    const { ready, body } = await checkReadiness([hangs, throws]);
    expect(ready).toBe(false);
    expect(body.reasons).toEqual(['database: no answer within 800 ms', 'redis: boom']);
  });
});
