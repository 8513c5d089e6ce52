import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../server/clock.ts';
import { eventually } from '../helpers/collab.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { SlackApiStandIn } from '../helpers/slack-api-stand-in.ts';
import { createSlackWorld, link, textOf, type SlackWorld } from '../helpers/slack-world.ts';

/** With SLACK_APP_TOKEN the bot connects out over Socket Mode: no public URL, no signing secret. */
describe('Slack Socket Mode', () => {
  let api: SlackApiStandIn;
  let server: TestServer;
  let world: SlackWorld;

  beforeAll(async () => {
    api = await new SlackApiStandIn().start();
    server = await startTestServer({ SLACK_APP_TOKEN: 'xapp-test', SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: api.apiUrl, PUBLIC_URL: 'https://tansiq.example.ma' });
    world = await createSlackWorld(server.database.db, systemClock.today());
    await link(server.database.db, world.lead);
    await eventually(() => expect(api.socketClients).toHaveLength(1));
  });
  afterAll(async () => {
    await server?.close();
    await api?.close();
  });

  it('opened the connection with the app token', () => {
    expect(api.callsOf('apps.connections.open')[0]!.token).toBe('xapp-test');
  });

  it('answers a slash command in the envelope acknowledgement', async () => {
    api.sendEnvelope({
      envelope_id: 'env-1',
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: {
        command: '/tansiq',
        text: 'status plan sante',
        team_id: 'T1',
        user_id: world.lead.slackId,
        channel_id: 'C1',
        response_url: api.responseUrl('sm'),
        trigger_id: 't',
      },
    });
    await eventually(() => expect(api.socketMessages.find((message) => message.envelope_id === 'env-1')).toBeTruthy());
    const ack = api.socketMessages.find((message) => message.envelope_id === 'env-1')!;
    expect(ack.payload.response_type).toBe('ephemeral');
    expect(textOf(ack.payload)).toContain('Plan d’action santé des MRE');
  });

  it('acts once on an event Slack sends again', async () => {
    const envelope = (id: string, attempt: number, eventId = 'EvSOCKET1', user = world.lead.slackId) => ({
      envelope_id: id,
      type: 'events_api',
      retry_attempt: attempt,
      payload: { type: 'event_callback', team_id: 'T1', event_id: eventId, event: { type: 'app_home_opened', user, tab: 'home' } },
    });
    api.sendEnvelope(envelope('env-2', 0));
    api.sendEnvelope(envelope('env-3', 1));
    await eventually(() => expect(api.socketMessages.filter((message) => ['env-2', 'env-3'].includes(message.envelope_id))).toHaveLength(2));
    await eventually(() => expect(api.callsOf('views.publish')).toHaveLength(1));
    // A later event, on the same socket: once its home is published, the copy that came before it was handled.
    api.sendEnvelope(envelope('env-4', 0, 'EvSOCKET2', 'UBARRIER'));
    await eventually(() => expect(api.callsOf('views.publish').some((call) => call.args.user_id === 'UBARRIER')).toBe(true));
    expect(api.callsOf('views.publish').filter((call) => call.args.user_id === world.lead.slackId)).toHaveLength(1);
  });

  it('runs the work-app’s message shortcut over the socket too', async () => {
    api.sendEnvelope({
      envelope_id: 'env-shortcut',
      type: 'interactive',
      accepts_response_payload: false,
      payload: {
        type: 'message_action',
        callback_id: 'tsq_add_comment',
        trigger_id: 'trigger-sm',
        team: { id: 'T1', domain: 'ministere' },
        user: { id: world.lead.slackId, team_id: 'T1', name: 'lead' },
        channel: { id: 'CSM', name: 'plans' },
        message: { type: 'message', user: 'UOTHER', text: 'Budget &amp; calendrier', ts: '1700000900.000100' },
        message_ts: '1700000900.000100',
        response_url: api.responseUrl('sm-shortcut'),
        token: 'legacy',
      },
    });
    await eventually(() => expect(api.socketMessages.find((message) => message.envelope_id === 'env-shortcut')).toBeTruthy());
    await eventually(() => expect(api.callsOf('views.open').some((call) => call.args.view.callback_id === 'tsq_shortcut_comment')).toBe(true));
    const modal = api.callsOf('views.open').find((call) => call.args.view.callback_id === 'tsq_shortcut_comment')!.args.view;
    expect(modal.blocks.find((block: any) => block.block_id === 'body').element.initial_value).toBe('Budget & calendrier');
  });

  it('serves no HTTP events endpoint', async () => {
    const response = await fetch(`${server.url}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(response.status).toBe(404);
  });
});
