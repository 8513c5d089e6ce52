import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../server/clock.ts';
import { eventually } from '../helpers/collab.ts';
import { ApiClient } from '../helpers/http.ts';
import { PUBLIC_URL, startSlackWorldWithCommission, textOf, type SlackTestServer, type SlackWorld, type WorldUser } from '../helpers/slack-world.ts';

/**
 * Follow-up cycle notices in channels (issue 18): a channel hears a cycle's opening, reminder and
 * close only if every member may read all the notice shows (the cycle, its reports' counts and
 * states, the consolidated document's title); otherwise it is told only that a followed cycle
 * changed, with a link that checks access. Members are asked of the Slack stand-in as Slack
 * answers (conversations.members, users.info); the bot is a real Bolt app over signed HTTP.
 *
 * The world: the commission has one member, sante, which leads the three measures of the plan;
 * emploi is a partner on each (so it reads every report) but not a member of the commission (so
 * the consolidated document, shared with the commission's members, is closed to it).
 */
describe('cycle notices in channels: only what every member may read', () => {
  let env: SlackTestServer;
  let world: SlackWorld;
  let cycleId: string;
  let commissionId: string;

  const CHANNELS = {
    /** public, with a Slack user who never linked a Tansiq account */
    unlinked: 'CPUBLIC',
    /** private, every member linked and allowed everything (the focal point, the coordination unit, the bot) */
    allowed: 'GALLOWED',
    /** the focal point and a partner who reads every report but not the consolidated document */
    partner: 'CPARTNER',
    /** as `unlinked`, in Arabic */
    arabic: 'CARABIC',
  };

  beforeAll(async () => {
    ({ env, world, commissionId } = await startSlackWorldWithCommission());
    const db = env.server.database.db;
    await db
      .updateTable('measures')
      .set({ partner_organisation_ids: [world.organisations.emploi] })
      .where('document_id', '=', world.plan.id)
      .execute();
    for (const user of [world.lead, world.commenter, world.admin]) env.api.users.set(user.slackId, {});
    env.api.users.set('UUNLINKED', {});
    env.api.users.set('UBOT', { isBot: true });
    env.api.conversations.set(CHANNELS.unlinked, { members: [world.lead.slackId, 'UUNLINKED'] });
    env.api.conversations.set(CHANNELS.allowed, { isPrivate: true, members: [world.lead.slackId, world.admin.slackId, 'UBOT'] });
    env.api.conversations.set(CHANNELS.partner, { isPrivate: true, members: [world.lead.slackId, world.commenter.slackId] });
    env.api.conversations.set(CHANNELS.arabic, { members: [world.lead.slackId, 'UUNLINKED'] });
    for (const channel of Object.values(CHANNELS)) {
      await db
        .insertInto('slack_subscriptions')
        .values({
          team_id: 'T1',
          channel_id: channel,
          object_type: 'commission',
          object_id: commissionId,
          events: ['sessions'],
          created_by: world.admin.id,
          locale: channel === CHANNELS.arabic ? 'ar' : 'fr',
        })
        .execute();
    }
  });
  afterAll(async () => {
    await env?.close();
  });

  const api = (user: WorldUser) => ApiClient.withToken(env.server.url, user.token);
  const posts = (channel: string) => env.api.callsOf('chat.postMessage').filter((call) => call.args.channel === channel);
  const lastText = (channel: string) => textOf(posts(channel).at(-1)!.args);
  /** Waits until every channel has `count` posts (each hears once per notice). */
  const eachHas = (count: number) =>
    eventually(() => {
      for (const channel of Object.values(CHANNELS)) expect(posts(channel)).toHaveLength(count);
    });
  const expectMinimal = (channel: string, locale: 'fr' | 'ar') => {
    const text = lastText(channel);
    expect(text).toContain(locale === 'fr' ? 'Un cycle de suivi auquel ce canal est abonné a changé' : 'تغيّرت دورة تتبع تتابعها هذه القناة');
    expect(text).toContain(`${PUBLIC_URL}/cycles/${cycleId}`);
    expect(text).not.toContain('T4 2026');
    expect(text).not.toContain('Org sante');
    expect(text).not.toContain('Rapport consolidé');
  };

  it('announces the opening in full only where every member may read the cycle and all its reports', async () => {
    const opened = await api(world.admin).post('/api/cycles', { period: 'T4 2026', commissionId, opensOn: systemClock.today(), dueOn: '2099-01-31' });
    expect(opened.status).toBe(201);
    cycleId = opened.body.cycle.id;
    // The partner reads every report of the cycle, as its policy says.
    expect((await api(world.commenter).get(`/api/cycles/${cycleId}/reports`)).body.reports).toHaveLength(3);
    await eachHas(1);
    for (const channel of [CHANNELS.allowed, CHANNELS.partner]) expect(lastText(channel)).toContain('ouvert : 3 rapports attendus');
    expectMinimal(CHANNELS.unlinked, 'fr');
    expectMinimal(CHANNELS.arabic, 'ar');
    // The minimal notice is a delivered row like the others: it carries its batch id for the check after a crash.
    expect(posts(CHANNELS.unlinked)[0]!.args.metadata).toMatchObject({ event_type: 'tansiq_notification', event_payload: { batch: expect.any(String), events: 1 } });
    expect(posts(CHANNELS.unlinked)[0]!.args.blocks).toHaveLength(2);
  });

  it('names the organisations still owing reports only where every member may read their reports', async () => {
    const sent = await api(world.admin).post(`/api/cycles/${cycleId}/remind`, {});
    expect(sent.body.organisationIds).toEqual([world.organisations.sante]);
    await eachHas(2);
    for (const channel of [CHANNELS.allowed, CHANNELS.partner]) expect(lastText(channel)).toContain('rapports encore attendus de Org sante');
    expectMinimal(CHANNELS.unlinked, 'fr');
    expectMinimal(CHANNELS.arabic, 'ar');
    // The focal point's own reminder keeps their own access check: they lead these reports.
    await eventually(() => expect(posts(world.lead.slackId).map((call) => textOf(call.args))).toContainEqual(expect.stringContaining('T4 2026')));
  });

  it('names the consolidated document only where every member may read it', async () => {
    expect((await api(world.admin).post(`/api/cycles/${cycleId}/close`)).status).toBe(200);
    await eachHas(3);
    const full = lastText(CHANNELS.allowed);
    expect(full).toContain('clos : 0 rapports remis sur 3');
    expect(full).toContain('Rapport consolidé de suivi — T4 2026 — Commission technique');
    // The partner reads the cycle and every report, but not the consolidated document: the whole notice is minimal.
    const consolidatedId = (await api(world.admin).get(`/api/cycles/${cycleId}`)).body.consolidatedDocuments[0].id as string;
    expect((await api(world.commenter).get(`/api/documents/${consolidatedId}`)).status).toBe(404);
    expect((await api(world.lead).get(`/api/documents/${consolidatedId}`)).status).toBe(200);
    expectMinimal(CHANNELS.partner, 'fr');
    expect(lastText(CHANNELS.partner)).not.toContain(consolidatedId);
    expectMinimal(CHANNELS.unlinked, 'fr');
    expectMinimal(CHANNELS.arabic, 'ar');
  });
});
