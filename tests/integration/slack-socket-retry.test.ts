import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/collab.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { SlackApiStandIn } from '../helpers/slack-api-stand-in.ts';

/** A refused (revoked) app token: Socket Mode keeps trying with backoff, and /readyz says the bot is down meanwhile. */
describe('Slack Socket Mode with a refused app token', () => {
  let api: SlackApiStandIn;
  let server: TestServer;

  beforeAll(async () => {
    api = await new SlackApiStandIn().start();
    api.fail('apps.connections.open', { error: 'invalid_auth' }, { times: 5 });
    server = await startTestServer({
      SLACK_APP_TOKEN: 'xapp-revoked',
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_API_URL: api.apiUrl,
      PUBLIC_URL: 'https://tansiq.example.ma',
      SLACK_SOCKET_RETRY_MS: '200',
    });
  });
  afterAll(async () => {
    await server?.close();
    await api?.close();
  });

  it('reports the bot down in /readyz while the token is refused, without taking Tansiq out of service', async () => {
    await eventually(() => expect(api.callsOf('apps.connections.open').length).toBeGreaterThanOrEqual(1));
    const response = await fetch(`${server.url}/readyz`);
    const body = await response.json();
    // Five refusals take 200 + 400 + 800 + 1600 ms of waiting: the bot is still down now.
    expect(api.socketClients).toHaveLength(0);
    expect(response.status).toBe(200);
    expect(body).toMatchObject({ status: 'degraded', slack: 'down' });
    expect(body.reasons.join(' ')).toContain('invalid_auth');
  });

  it('tries again with growing delays and connects once the token is accepted', async () => {
    await eventually(() => expect(api.socketClients).toHaveLength(1), 20_000);
    const attempts = api.callsOf('apps.connections.open');
    expect(attempts.length).toBe(6);
    const gaps = attempts.slice(1).map((call, index) => call.at - attempts[index]!.at);
    // 200, 400, 800, 1600 ms: each wait longer than the first (backoff), none immediate.
    expect(gaps[0]).toBeGreaterThanOrEqual(190);
    expect(gaps[3]!).toBeGreaterThan(gaps[0]!);
    await eventually(async () => expect(await (await fetch(`${server.url}/readyz`)).json()).toMatchObject({ status: 'ready', slack: 'up' }));
  });
});
