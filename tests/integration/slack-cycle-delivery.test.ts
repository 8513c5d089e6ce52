import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pauseSubscriptions } from '../../bot/notify/subscriptions.ts';
import { saveSettings } from '../../bot/notify/settings.ts';
import { systemClock } from '../../server/clock.ts';
import { apiToken, eventually } from '../helpers/collab.ts';
import * as fixtures from '../helpers/fixtures.ts';
import { ApiClient } from '../helpers/http.ts';
import { createSlackWorld, link, startSlackServer, textOf, type SlackTestServer, type SlackWorld, type WorldUser } from '../helpers/slack-world.ts';

/**
 * Follow-up cycle notices are queued when their event is taken in and delivered later (issue 18):
 * what changed in between counts. A channel that unsubscribed or was paused gets nothing; a
 * focal point who switched off deadlines, or muted the bot, in App Home gets no reminder.
 *
 * The window between queueing and delivery is held open by Slack itself: the stand-in answers
 * 429 to the conversation's posts while `held` names it, and the notice is retried until it is
 * released. The barrier is the outbox row: once it is gone, the notice was posted or dropped.
 */
describe('cycle notices at delivery: subscriptions and personal settings as they are then', () => {
  let env: SlackTestServer;
  let world: SlackWorld;
  let colleague: WorldUser;
  let commissionId: string;
  let cycleId: string;
  const held = new Set<string>();
  const authors: Record<string, string> = {};

  beforeAll(async () => {
    env = await startSlackServer();
    const db = env.server.database.db;
    world = await createSlackWorld(db, systemClock.today());
    const row = await fixtures.user(db, world.organisations.sante, 'second@sante.gov.ma');
    colleague = { id: row.id, email: 'second@sante.gov.ma', token: await apiToken(db, row.id), slackId: 'USECOND' };
    for (const user of [world.lead, colleague, world.admin]) await link(db, user);
    commissionId = await fixtures.technicalCommission(db, [world.organisations.sante]);
    // Two channels subscribed by focal points who later lose sight of the cycle (moved away, disabled).
    for (const [channel, email] of [
      ['CMOVED', 'mover@sante.gov.ma'],
      ['CDISABLED', 'leaver@sante.gov.ma'],
    ] as const) {
      const author = await fixtures.user(db, world.organisations.sante, email);
      authors[channel] = author.id;
      await db
        .insertInto('slack_subscriptions')
        .values({ team_id: 'T1', channel_id: channel, object_type: 'commission', object_id: commissionId, events: ['sessions'], created_by: author.id })
        .execute();
    }
    for (const channel of ['CSTAYS', 'CGONE', 'CPAUSED']) {
      await db
        .insertInto('slack_subscriptions')
        .values({ team_id: 'T1', channel_id: channel, object_type: 'commission', object_id: commissionId, events: ['sessions'], created_by: world.admin.id })
        .execute();
    }
    env.api.fail('chat.postMessage', { rateLimited: 1 }, { times: 1000, when: (args) => held.has(String(args.channel)) });
  });
  afterAll(async () => {
    held.clear();
    await env?.close();
  });

  const db = () => env.server.database.db;
  const api = (user: WorldUser) => ApiClient.withToken(env.server.url, user.token);
  const calls = (channel: string) => env.api.callsOf('chat.postMessage').filter((call) => call.args.channel === channel);
  /** What Slack kept (posts it refused with a 429 are not kept); a DM is kept under D + the user id. */
  const kept = (conversation: string) => env.api.history.get(conversation) ?? [];
  const queued = async (channel: string) => (await db().selectFrom('slack_outbox').select('id').where('channel_id', '=', channel).execute()).length;
  /** Lets `channels` through again and waits until their rows are delivered or dropped. */
  const release = async (...channels: string[]) => {
    for (const channel of channels) held.delete(channel);
    await eventually(async () => {
      for (const channel of channels) expect(await queued(channel)).toBe(0);
    }, 10_000);
  };

  it('tells nothing to a channel that unsubscribed or was paused after the notice was queued', async () => {
    held.add('CGONE');
    held.add('CPAUSED');
    const opened = await api(world.admin).post('/api/cycles', { period: 'T4 2026', commissionId, opensOn: systemClock.today(), dueOn: '2099-01-31' });
    expect(opened.status).toBe(201);
    cycleId = opened.body.cycle.id;
    // The notice reached the channel that stays, and was queued for the others (Slack turned it away for now).
    await eventually(() => expect(kept('CSTAYS').map((message) => message.text)).toEqual([expect.stringContaining('T4 2026')]));
    await eventually(() => {
      expect(calls('CGONE').length).toBeGreaterThan(0);
      expect(calls('CPAUSED').length).toBeGreaterThan(0);
    });
    const reply = await env.slack.command('unsubscribe Commission technique', { user: world.admin.slackId, channel: 'CGONE', responseUrl: env.api.responseUrl('unsub') });
    expect(reply.status).toBe(200);
    expect(textOf(reply.json)).not.toMatch(/suit désormais/);
    expect(await db().selectFrom('slack_subscriptions').select('id').where('channel_id', '=', 'CGONE').execute()).toEqual([]);
    // Paused without its rows dropped (as when a workspace's token is revoked while a delivery is under way).
    await pauseSubscriptions(db(), 'T1', 'CPAUSED', 'is_archived', new Date());
    await release('CGONE', 'CPAUSED');
    expect(kept('CGONE')).toEqual([]);
    expect(kept('CPAUSED')).toEqual([]);
    expect(kept('CSTAYS')).toHaveLength(1);
  });

  it('reminds no one who switched deadlines off or muted the bot after the reminder was queued', async () => {
    held.add(world.lead.slackId);
    held.add(colleague.slackId);
    const heard = kept('CSTAYS').length;
    const sent = await api(world.admin).post(`/api/cycles/${cycleId}/remind`, {});
    expect(sent.body.organisationIds).toEqual([world.organisations.sante]);
    await eventually(() => expect(kept('CSTAYS')).toHaveLength(heard + 1));
    await eventually(() => {
      expect(calls(world.lead.slackId).map((call) => textOf(call.args))).toContainEqual(expect.stringContaining('Rappel'));
      expect(calls(colleague.slackId).map((call) => textOf(call.args))).toContainEqual(expect.stringContaining('Rappel'));
    });
    await saveSettings(db(), world.lead.id, { kinds: ['mentions', 'replies', 'measures', 'workflow'] });
    await saveSettings(db(), colleague.id, { muted: true });
    await release(world.lead.slackId, colleague.slackId);
    expect(kept(`D${world.lead.slackId}`).filter((message) => message.text?.includes('Rappel'))).toEqual([]);
    expect(kept(`D${colleague.slackId}`).filter((message) => message.text?.includes('Rappel'))).toEqual([]);
  });

  it('reminds a focal point who wants deadlines, in the language chosen in App Home', async () => {
    await saveSettings(db(), world.lead.id, { kinds: ['deadlines'], locale: 'en' });
    const sent = await api(world.admin).post(`/api/cycles/${cycleId}/remind`, {});
    expect(sent.status).toBe(200);
    await eventually(() =>
      expect(kept(`D${world.lead.slackId}`).map((message) => message.text)).toContainEqual(expect.stringContaining('Reminder: the *T4 2026* follow-up reports')),
    );
    await eventually(async () => expect(await queued(colleague.slackId)).toBe(0));
    expect(kept(`D${colleague.slackId}`).filter((message) => message.text?.includes('Rappel') || message.text?.includes('Reminder'))).toEqual([]);
  });

  it("tells nothing to a channel whose subscription's author may no longer see the cycle", async () => {
    // Both heard the cycle so far (the tests above); a reminder is queued for them and held by Slack.
    await eventually(async () => {
      for (const channel of ['CMOVED', 'CDISABLED', 'CSTAYS']) expect(await queued(channel), channel).toBe(0);
    });
    const heard = { moved: kept('CMOVED').length, disabled: kept('CDISABLED').length };
    expect(heard.moved).toBeGreaterThan(0);
    expect(heard.disabled).toBeGreaterThan(0);
    held.add('CMOVED');
    held.add('CDISABLED');
    const before = { moved: calls('CMOVED').length, disabled: calls('CDISABLED').length, stays: kept('CSTAYS').length };
    expect((await api(world.admin).post(`/api/cycles/${cycleId}/remind`, {})).status).toBe(200);
    await eventually(() => {
      expect(calls('CMOVED').length).toBeGreaterThan(before.moved);
      expect(calls('CDISABLED').length).toBeGreaterThan(before.disabled);
    });
    expect((await api(world.admin).patch(`/api/users/${authors.CMOVED}`, { organisationId: world.organisations.culture })).status).toBe(200);
    expect((await api(world.admin).patch(`/api/users/${authors.CDISABLED}`, { disabled: true })).status).toBe(200);
    await release('CMOVED', 'CDISABLED');
    expect(kept('CMOVED')).toHaveLength(heard.moved);
    expect(kept('CDISABLED')).toHaveLength(heard.disabled);
    // The same reminder reached the channel whose author still sees the cycle.
    await eventually(() => expect(kept('CSTAYS')).toHaveLength(before.stays + 1));
  });
});
