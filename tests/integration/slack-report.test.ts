import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../server/clock.ts';
import { readMeasures } from '../../shared/doc-schema.ts';
import { connectPeer, eventually, type TestPeer } from '../helpers/collab.ts';
import { ApiClient } from '../helpers/http.ts';
import { blockAction } from '../helpers/slack-requests.ts';
import { startSlackWorldWithCommission, textOf, type SlackTestServer, type SlackWorld, type WorldUser } from '../helpers/slack-world.ts';

/**
 * Follow-up cycles in Slack (issue 19), over signed HTTP with a real Bolt app: `/tansiq report`,
 * the report modal (its rights, bad input, a colleague's save in between, the plan updated), and
 * the announcements and reminders in channels and direct messages.
 */
describe('follow-up cycles in Slack', () => {
  let env: SlackTestServer;
  let world: SlackWorld;
  let peer: TestPeer;
  let cycleId: string;
  let commissionId: string;
  const reportOf: Record<string, { id: string; version: number }> = {};
  let responses = 0;

  beforeAll(async () => {
    ({ env, world, commissionId } = await startSlackWorldWithCommission());
    const db = env.server.database.db;
    await db
      .insertInto('slack_subscriptions')
      .values({ team_id: 'T1', channel_id: 'CCOMM', object_type: 'commission', object_id: commissionId, events: ['sessions'], created_by: world.admin.id })
      .execute();
    peer = connectPeer(env.server.url, world.plan.id, world.admin.token);
    await peer.synced();
  });
  afterAll(async () => {
    peer?.destroy();
    await env?.close();
  });

  const api = (user: WorldUser) => ApiClient.withToken(env.server.url, user.token);
  const posts = (channel: string) => env.api.callsOf('chat.postMessage').filter((call) => call.args.channel === channel);
  const command = async (slackUser: string, text: string) => {
    const reply = await env.slack.command(text, { user: slackUser, responseUrl: env.api.responseUrl(`r${++responses}`) });
    expect(reply.status).toBe(200);
    return reply.json;
  };
  const click = async (slackUser: string, reportId: string) => {
    const id = `click${++responses}`;
    const reply = await env.slack.interaction(
      blockAction({ user: slackUser }, { type: 'button', action_id: 'tsq_report_open', value: JSON.stringify({ c: cycleId, r: reportId }) }, env.api.responseUrl(id)),
    );
    expect(reply.status).toBe(200);
    return id;
  };
  const submitView = (slackUser: string, meta: { r: string; v: number }, values: Record<string, string | null>, action: 'submit' | 'draft' = 'submit') =>
    env.slack.interaction({
      type: 'view_submission',
      team: { id: 'T1' },
      user: { id: slackUser, team_id: 'T1' },
      api_app_id: 'A1',
      view: {
        id: `V${randomUUID().slice(0, 6)}`,
        type: 'modal',
        callback_id: 'tsq_report_modal',
        private_metadata: JSON.stringify({ c: cycleId, ...meta }),
        state: {
          values: {
            status: { status: { type: 'static_select', selected_option: values.status ? { value: values.status } : null } },
            progress: { progress: { type: 'plain_text_input', value: values.progress } },
            indicator: { indicator: { type: 'plain_text_input', value: values.indicator ?? null } },
            narrative: { narrative: { type: 'plain_text_input', value: values.narrative ?? null } },
            blockers: { blockers: { type: 'plain_text_input', value: values.blockers ?? null } },
            support: { support: { type: 'plain_text_input', value: values.support ?? null } },
            action: { action: { type: 'radio_buttons', selected_option: { value: action } } },
          },
        },
      },
    });

  it('announces the opening in the channel following the commission', async () => {
    const opened = await api(world.admin).post('/api/cycles', { period: 'T4 2026', commissionId, opensOn: systemClock.today(), dueOn: '2099-01-31' });
    expect(opened.status).toBe(201);
    cycleId = opened.body.cycle.id;
    for (const report of (await api(world.admin).get(`/api/cycles/${cycleId}/reports`)).body.reports) reportOf[report.measureId] = { id: report.id, version: report.version };
    await eventually(() => expect(posts('CCOMM').map((call) => call.args.text)).toEqual([expect.stringContaining('T4 2026')]));
    expect(posts('CCOMM')[0]!.args.text).toContain('ouvert : 3 rapports attendus');
    // Through the Slack outbox, as every notification: the post carries its batch id for the check after a crash.
    expect(posts('CCOMM')[0]!.args.metadata).toMatchObject({ event_type: 'tansiq_notification', event_payload: { batch: expect.any(String), events: 1 } });
  });

  it('lists my organisation’s pending reports, each with a button; nothing for others', async () => {
    const mine = await command(world.lead.slackId, 'report');
    const buttons = JSON.stringify(mine.blocks).match(/tsq_report_open/g) ?? [];
    expect(buttons).toHaveLength(3);
    expect(textOf(mine)).toContain('Couverture médicale à l’étranger');
    expect(textOf(await command(world.commenter.slackId, 'report'))).toContain('aucun rapport de suivi en attente');
    expect(textOf(await command('UNLINKED', 'report'))).toContain('Relier');
    // The other sub-commands still reach the router.
    expect(textOf(await command(world.lead.slackId, 'help'))).toContain('/tansiq status');
  });

  it('opens the modal for the lead organisation only', async () => {
    const refused = await click(world.commenter.slackId, reportOf['m-late']!.id);
    await eventually(() => expect(env.api.responsesTo(refused)).toHaveLength(1));
    expect(textOf(env.api.responsesTo(refused)[0]!.body)).toContain('n’existe plus');
    expect(env.api.callsOf('views.open')).toHaveLength(0);
    await click(world.lead.slackId, reportOf['m-late']!.id);
    await eventually(() => expect(env.api.callsOf('views.open')).toHaveLength(1));
    const view = env.api.callsOf('views.open')[0]!.args.view;
    const parsed = typeof view === 'string' ? JSON.parse(view) : view;
    expect(parsed.callback_id).toBe('tsq_report_modal');
    expect(JSON.parse(parsed.private_metadata)).toEqual({ c: cycleId, r: reportOf['m-late']!.id, v: 0 });
  });

  it('refuses bad values on their field and writes nothing', async () => {
    const reply = await submitView(world.lead.slackId, { r: reportOf['m-late']!.id, v: 0 }, { status: 'in_progress', progress: '140', indicator: 'beaucoup' });
    expect(reply.json).toEqual({ response_action: 'errors', errors: { progress: 'Un nombre entier de 0 à 100.', indicator: 'Un nombre, par exemple 42 ou 3,5.' } });
    const missing = await submitView(world.lead.slackId, { r: reportOf['m-late']!.id, v: 0 }, { status: null, progress: '' });
    expect(missing.json.errors).toEqual({ status: 'À renseigner pour soumettre.', progress: 'À renseigner pour soumettre.' });
    expect((await api(world.lead).get(`/api/cycles/${cycleId}/reports/${reportOf['m-late']!.id}`)).body.report).toMatchObject({ state: 'not_started', version: 0 });
  });

  it('submits the report into the plan, as the web app does', async () => {
    const reply = await submitView(
      world.lead.slackId,
      { r: reportOf['m-late']!.id, v: 0 },
      { status: 'blocked', progress: '35', narrative: 'Convention en attente', blockers: 'Signature du partenaire', support: 'Arbitrage' },
    );
    expect(reply.status).toBe(200);
    expect(reply.json).toBeUndefined();
    await eventually(() =>
      expect(posts(world.lead.slackId).map((call) => call.args.text)).toContainEqual(expect.stringContaining('Rapport soumis pour « Couverture médicale à l’étranger »')),
    );
    const report = (await api(world.lead).get(`/api/cycles/${cycleId}/reports/${reportOf['m-late']!.id}`)).body.report;
    expect(report).toMatchObject({
      state: 'submitted',
      values: { status: 'blocked', progress: 35, narrative: 'Convention en attente', blockers: 'Signature du partenaire', supportRequested: 'Arbitrage' },
    });
    await eventually(() =>
      expect(readMeasures(peer.doc).find((measure) => measure.id === 'm-late')).toMatchObject({ status: report.values.status, progress: report.values.progress }),
    );
    expect(textOf(await command(world.lead.slackId, 'report'))).not.toContain('Couverture médicale à l’étranger');
  });

  it('never overwrites a colleague’s save made while the modal was open', async () => {
    const target = reportOf['m-soon']!;
    expect((await api(world.lead).put(`/api/cycles/${cycleId}/reports/${target.id}`, { version: 0, values: { narrative: 'Écrit dans l’application' } })).status).toBe(200);
    const reply = await submitView(world.lead.slackId, { r: target.id, v: 0 }, { status: 'planned', progress: '5', narrative: 'Écrit dans Slack' }, 'draft');
    expect(reply.json.response_action).toBe('errors');
    expect(reply.json.errors.narrative).toContain('Un collègue a modifié ce rapport');
    expect((await api(world.lead).get(`/api/cycles/${cycleId}/reports/${target.id}`)).body.report.values.narrative).toBe('Écrit dans l’application');
  });

  it('reminds by direct message the linked focal points, and the commission’s channel', async () => {
    const before = posts('CCOMM').length;
    const sent = await api(world.admin).post(`/api/cycles/${cycleId}/remind`, {});
    expect(sent.body.organisationIds).toEqual([world.organisations.sante]);
    await eventually(() => expect(posts(world.lead.slackId).map((call) => call.args.text)).toContainEqual(expect.stringContaining('Rappel : les rapports de suivi *T4 2026*')));
    await eventually(() => expect(posts('CCOMM')).toHaveLength(before + 1));
    expect(posts('CCOMM').at(-1)!.args.text).toContain('rapports encore attendus de Org sante');
    // Nobody of another organisation is reminded.
    expect(posts(world.commenter.slackId).filter((call) => String(call.args.text).includes('Rappel'))).toEqual([]);
  });

  it('announces the close with the consolidated document', async () => {
    expect((await api(world.admin).post(`/api/cycles/${cycleId}/close`)).status).toBe(200);
    await eventually(() => expect(posts('CCOMM').at(-1)!.args.text).toContain('clos : 1 rapports remis sur 3'));
    expect(posts('CCOMM').at(-1)!.args.text).toContain('Rapport consolidé de suivi — T4 2026 — Commission technique');
    const refused = await submitView(world.lead.slackId, { r: reportOf['m-done']!.id, v: 0 }, { status: 'done', progress: '100' });
    expect(refused.json.errors.narrative).toContain('Ce cycle est clos');
  });
});
