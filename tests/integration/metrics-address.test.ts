import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

describe('/metrics is never open on the public port', () => {
  it('listens on loopback port 9464 by default, with no token', () => {
    expect(loadConfig({}).metrics).toEqual({ host: '127.0.0.1', port: 9464, token: undefined });
    expect(loadConfig({ METRICS_PORT: 'off' }).metrics.port).toBeNull();
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
  });

  describe('with the separate listener and no token', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer({ METRICS_PORT: '0', METRICS_TOKEN: '' });
    });
    afterAll(() => server?.close());

    it('answers 404 on the public port, with or without credentials', async () => {
      for (const headers of [{}, { authorization: 'Bearer anything-at-all-here' }] as Array<Record<string, string>>) {
        const response = await fetch(`${server.url}/metrics`, { headers });
        expect(response.status).toBe(404);
        expect(await response.text()).not.toContain('tansiq_');
      }
    });

    it('serves the metrics on the loopback listener', async () => {
      expect(server.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      const response = await fetch(server.metricsUrl!);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('tansiq_collab_connections');
      expect((await fetch(server.metricsUrl!.replace('/metrics', '/api/auth/me'))).status).toBe(404);
    });
  });

  describe('on the public port with METRICS_TOKEN', () => {
    const token = 'a-long-metrics-scraper-token';
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer({ METRICS_PORT: 'off', METRICS_TOKEN: token });
    });
    afterAll(() => server?.close());

    it('serves them only to the bearer of that token', async () => {
      expect(server.metricsUrl).toBeNull();
      expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
      expect((await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${token}x` } })).status).toBe(404);
      expect((await fetch(`${server.url}/metrics`, { headers: { authorization: `Basic ${token}` } })).status).toBe(404);
      const ok = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain('tansiq_collab_connections');
    });
  });
});
