import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/collab.ts';
import { startTestServer } from '../helpers/server.ts';
import { createSlackWorld, link, startSlackServer, textOf, type SlackTestServer, type SlackWorld } from '../helpers/slack-world.ts';

/** POST /slack/events: signatures, replays, retries, url_verification, and the bot off without settings. */
describe('Slack transport', () => {
  let env: SlackTestServer;
  let world: SlackWorld;

  beforeAll(async () => {
    env = await startSlackServer();
    world = await createSlackWorld(env.server.database.db, env.server.config.slack ? new Date().toISOString().slice(0, 10) : '');
    await link(env.server.database.db, world.lead);
  });
  afterAll(() => env?.close());

  const help = (options = {}) => env.slack.command('help', { user: world.lead.slackId, responseUrl: env.api.responseUrl('help') }, options);

  it('answers a signed command', async () => {
    const reply = await help();
    expect(reply.status).toBe(200);
    expect(reply.json.response_type).toBe('ephemeral');
    expect(textOf(reply.json)).toContain('/tansiq status');
  });

  it('refuses missing, wrong and malformed signatures without acting', async () => {
    expect((await help({ signature: null })).status).toBe(401);
    expect((await help({ signature: `v0=${'0'.repeat(64)}` })).status).toBe(401);
    expect((await help({ signature: 'v1=abc' })).status).toBe(401);
    const otherSecret = env.slack.sign('text=help', Math.floor(Date.now() / 1000));
    expect((await help({ signature: otherSecret })).status).toBe(401);
  });

  it('refuses timestamps more than five minutes in the past or the future', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect((await help({ timestamp: now - 301 })).status).toBe(401);
    expect((await help({ timestamp: now + 301 })).status).toBe(401);
    expect((await help({ timestamp: now - 290 })).status).toBe(200);
  });

  it('does not act twice on a replayed request', async () => {
    const timestamp = Math.floor(Date.now() / 1000);
    const form = new URLSearchParams({
      team_id: 'T1',
      channel_id: 'C1',
      user_id: world.lead.slackId,
      command: '/tansiq',
      text: 'subscribe sante',
      response_url: env.api.responseUrl('replay'),
    }).toString();
    const first = await env.slack.send(form, 'application/x-www-form-urlencoded', { timestamp });
    const again = await env.slack.send(form, 'application/x-www-form-urlencoded', { timestamp });
    expect(first.status).toBe(200);
    expect(textOf(first.json)).toMatch(/suit désormais/);
    expect(again.status).toBe(200);
    expect(again.text).toBe('');
  });

  it('acts once on an event delivered again with X-Slack-Retry-Num', async () => {
    env.api.reset();
    const event = { type: 'app_home_opened', user: world.lead.slackId, channel: 'D1', tab: 'home', event_ts: '1.2' };
    expect((await env.slack.event(event, { eventId: 'EvRETRY1' })).status).toBe(200);
    const retry = await env.slack.event(event, { eventId: 'EvRETRY1' }, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    expect(retry.status).toBe(200);
    await eventually(() => expect(env.api.callsOf('views.publish')).toHaveLength(1));
    // A later event, on the same path: once its home is published, the retry that came before it was handled.
    expect((await env.slack.event({ ...event, user: 'UBARRIER' }, { eventId: 'EvRETRY2' })).status).toBe(200);
    await eventually(() => expect(env.api.callsOf('views.publish').some((call) => call.args.user_id === 'UBARRIER')).toBe(true));
    expect(env.api.callsOf('views.publish').filter((call) => call.args.user_id === world.lead.slackId)).toHaveLength(1);
  });

  it('answers url_verification (signed) with the challenge', async () => {
    const reply = await env.slack.send(JSON.stringify({ type: 'url_verification', challenge: 'c-123', token: 'x' }), 'application/json');
    expect(reply.json).toEqual({ challenge: 'c-123' });
  });

  it('answers bad bodies with 400 and other methods with 405, and keeps serving', async () => {
    expect((await env.slack.send('{not json', 'application/json')).status).toBe(400);
    expect((await fetch(`${env.server.url}/slack/events`)).status).toBe(405);
    const big = `text=${'x'.repeat(2 * 1024 * 1024)}`;
    expect((await env.slack.send(big, 'application/x-www-form-urlencoded')).status).toBe(413);
    expect((await help()).status).toBe(200);
    expect((await fetch(`${env.server.url}/healthz`)).status).toBe(200);
  });

  it('is off, with no route, when Slack is not configured', async () => {
    const plain = await startTestServer();
    try {
      expect(plain.integrations).toEqual([]);
      const response = await fetch(`${plain.url}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(response.status).toBe(404);
    } finally {
      await plain.close();
    }
  });
});
