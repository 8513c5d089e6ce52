import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/collab.ts';
import { ApiClient } from '../helpers/http.ts';
import { createSlackWorld, link, setLocale, startSlackServer, textOf, type SlackTestServer, type SlackWorld, type WorldUser } from '../helpers/slack-world.ts';

/**
 * The admin area's list of every Slack channel subscription (GET/DELETE /api/slack/subscriptions),
 * fed by the real bot over signed HTTP: channel names as Slack gives them at subscribe time and
 * in channel_rename events, paused state and reason, the subscriber; administrators only, on
 * both databases (DATABASE_URL picks PostgreSQL).
 */
describe('the admin list of Slack channel subscriptions', () => {
  let env: SlackTestServer;
  let world: SlackWorld;
  const db = () => env.server.database.db;
  const api = (user: { token: string }) => ApiClient.withToken(env.server.url, user.token);
  const subscribe = async (user: WorldUser, text: string, channel: string) => {
    const reply = await env.slack.command(`subscribe ${text}`, { user: user.slackId, channel, responseUrl: env.api.responseUrl(`sub-${channel}`) });
    expect(textOf(reply.json)).toMatch(/suit désormais/);
  };
  const listed = async (user: WorldUser = world.admin) => {
    const response = await api(user).get('/api/slack/subscriptions');
    expect(response.status).toBe(200);
    return response.body as { subscriptions: any[]; total: number };
  };
  const byChannel = async (channelId: string) => (await listed()).subscriptions.find((subscription) => subscription.channelId === channelId);

  beforeAll(async () => {
    env = await startSlackServer();
    world = await createSlackWorld(db(), new Date().toISOString().slice(0, 10));
    for (const user of [world.lead, world.admin]) await link(db(), user);
    env.api.conversations.set('CPLANS', { name: 'sante-plans' });
    env.api.conversations.set('CARCH', { name: 'archive-me', members: [] });
    await subscribe(world.lead, `${world.plan.title} comments status`, 'CPLANS');
    await subscribe(world.admin, 'sante : measures lang:ar', 'CARCH');
    // From before channel names were kept, following a document that was deleted since.
    await db()
      .insertInto('slack_subscriptions')
      .values({ team_id: 'T1', channel_id: 'COLD', object_type: 'document', object_id: randomUUID(), events: ['edits'], created_by: world.commenter.id })
      .execute();
  });
  afterAll(async () => {
    await env?.close();
  });

  it('lists every subscription with its channel, what it follows, language, subscriber and state', async () => {
    await env.slack.event({ type: 'channel_archive', channel: 'CARCH', user: world.lead.slackId });
    await eventually(async () => expect((await byChannel('CARCH'))?.paused).toBe(true));
    const { subscriptions, total } = await listed();
    expect(total).toBe(3);
    // By channel name, unnamed ones by their id.
    expect(subscriptions.map((subscription) => subscription.channelId)).toEqual(['CARCH', 'COLD', 'CPLANS']);
    const [archived, old, plans] = subscriptions;
    expect(plans).toMatchObject({
      teamId: 'T1',
      channelName: 'sante-plans',
      object: { type: 'document', id: world.plan.id, name: world.plan.title },
      events: ['status', 'comments'],
      locale: 'fr',
      paused: false,
      pausedAt: null,
      pausedReason: null,
      createdBy: 'lead',
      createdById: world.lead.id,
    });
    expect(Date.parse(plans.createdAt)).not.toBeNaN();
    expect(archived).toMatchObject({
      channelName: 'archive-me',
      object: { type: 'organisation', name: 'Org sante' },
      events: ['measures'],
      locale: 'ar',
      paused: true,
      pausedReason: 'is_archived',
      createdBy: 'admin',
    });
    expect(Date.parse(archived.pausedAt)).not.toBeNaN();
    expect(old).toMatchObject({ channelName: null, object: { type: 'document', name: null }, createdBy: 'focal' });
  });

  it('names what is followed in the administrator’s language', async () => {
    await setLocale(db(), world.admin, 'ar');
    try {
      expect((await byChannel('CARCH')).object.name).toBe('منظمة sante');
    } finally {
      await setLocale(db(), world.admin, 'fr');
    }
  });

  it('keeps the channel’s name current when Slack renames it', async () => {
    await env.slack.event({ type: 'channel_rename', channel: { id: 'CPLANS', name: 'sante-suivi', created: 1_700_000_000 } });
    await eventually(async () => expect((await byChannel('CPLANS')).channelName).toBe('sante-suivi'));
    // Subscribing again from the channel keeps the name Slack gives then.
    env.api.conversations.set('CPLANS', { name: 'sante-suivi-2026' });
    await subscribe(world.lead, `${world.plan.title} comments`, 'CPLANS');
    expect(await byChannel('CPLANS')).toMatchObject({ channelName: 'sante-suivi-2026', events: ['comments'] });
  });

  it('is not there for anyone but administrators, who remove one subscription and leave a trace in the audit log', async () => {
    const target = await byChannel('CARCH');
    expect((await new ApiClient(env.server.url).get('/api/slack/subscriptions')).status).toBe(401);
    expect((await api(world.lead).get('/api/slack/subscriptions')).status).toBe(404);
    expect((await api(world.lead).delete(`/api/slack/subscriptions/${target.id}`)).status).toBe(404);
    expect((await listed()).total).toBe(3);
    const refusals = await db()
      .selectFrom('audit_log')
      .select(['actor_user_id', 'object_type'])
      .where('action', '=', 'access.denied')
      .where('object_type', '=', 'slack_subscription')
      .execute();
    expect(refusals.filter((row) => row.actor_user_id === world.lead.id)).toHaveLength(2);

    expect((await api(world.admin).delete('/api/slack/subscriptions/not-a-uuid')).status).toBe(400);
    expect((await api(world.admin).delete(`/api/slack/subscriptions/${randomUUID()}`)).status).toBe(404);
    // Two administrators remove the same one at once: one removes it, the other is told it is gone.
    const statuses = await Promise.all([api(world.admin).delete(`/api/slack/subscriptions/${target.id}`), api(world.admin).delete(`/api/slack/subscriptions/${target.id}`)]);
    expect(statuses.map((response) => response.status).sort()).toEqual([204, 404]);
    const after = await listed();
    expect(after.total).toBe(2);
    expect(after.subscriptions.map((subscription) => subscription.id)).not.toContain(target.id);

    const removals = await db().selectFrom('audit_log').selectAll().where('action', '=', 'slack.subscription_removed').execute();
    expect(removals).toHaveLength(1);
    expect(removals[0]).toMatchObject({ actor_user_id: world.admin.id, object_type: 'slack_subscription', object_id: target.id });
    expect(removals[0]!.details).toMatchObject({
      teamId: 'T1',
      channelId: 'CARCH',
      channelName: 'archive-me',
      objectType: 'organisation',
      events: ['measures'],
      subscribedBy: world.admin.id,
    });
  });

  it('stops the removed channel’s notifications, not the others’', async () => {
    await subscribe(world.admin, `${world.plan.title} comments`, 'CEXTRA');
    const extra = await byChannel('CEXTRA');
    expect((await api(world.admin).delete(`/api/slack/subscriptions/${extra.id}`)).status).toBe(204);
    const postsTo = (channel: string) => env.api.callsOf('chat.postMessage').filter((call) => call.args.channel === channel);
    const before = postsTo('CPLANS').length;
    await api(world.lead).post(`/api/documents/${world.plan.id}/comments`, { body: 'Après le retrait' });
    // CPLANS still follows the plan's comments. An event is queued for every following channel in
    // one pass (bot/notify/notifier.ts): once CPLANS has its post, CEXTRA would have had its row.
    await eventually(() => expect(postsTo('CPLANS').length).toBeGreaterThan(before));
    expect(await db().selectFrom('slack_outbox').select('id').where('channel_id', '=', 'CEXTRA').execute()).toEqual([]);
    expect(postsTo('CEXTRA')).toEqual([]);
  });
});
