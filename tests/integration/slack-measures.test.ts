import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateMeasure } from '../../shared/measure-model.ts';
import { eventually } from '../helpers/collab.ts';
import { blockKitProblems, mrkdwnLeaks } from '../helpers/block-kit.ts';
import { createSlackWorld, link, PUBLIC_URL, setLocale, startSlackServer, textOf, type SlackTestServer, type SlackWorld, type WorldUser } from '../helpers/slack-world.ts';

/**
 * The measures' side of Slack, through the real Bolt app over signed HTTP and the Web API
 * stand-in: the message shortcut "Create a measure from this message" (modal, plan menu, rights,
 * the measure in the plan's Y.Doc, the link back and the confirmation), and the direct message to
 * the people of an organisation that becomes responsible for a measure.
 */
describe('Slack: measures from messages, and "you now lead"', () => {
  let env: SlackTestServer;
  let world: SlackWorld;

  beforeAll(async () => {
    env = await startSlackServer({ SLACK_COALESCE_QUIET_MS: '100', SLACK_COALESCE_MAX_MS: '500' });
    world = await createSlackWorld(env.server.database.db, new Date().toISOString().slice(0, 10));
    for (const user of [world.lead, world.commenter, world.outsider, world.admin]) await link(env.server.database.db, user);
  });
  /** Payloads shown in the report (Slack cannot be screenshotted). */
  const dumps: Record<string, unknown> = {};
  afterAll(async () => {
    mkdirSync('test-artifacts/slack', { recursive: true });
    writeFileSync('test-artifacts/slack/slack-measures-payloads.json', JSON.stringify(dumps, null, 2));
    await env?.close();
  });

  const db = () => env.server.database.db;
  const postsTo = (channel: string) => env.api.callsOf('chat.postMessage').filter((call) => call.args.channel === channel);
  const checked = (name: string, payload: any, surface: 'message' | 'modal' = 'message') => {
    expect(blockKitProblems(payload, surface), name).toEqual([]);
    expect(mrkdwnLeaks(payload, PUBLIC_URL), name).toEqual([]);
    dumps[name] = payload;
    return payload;
  };
  const shortcut = (user: string, text: string, ts = '1700000500.000100') =>
    env.slack.interaction({
      type: 'message_action',
      callback_id: 'tsq_create_measure',
      trigger_id: `trigger-${randomUUID()}`,
      team: { id: 'T1', domain: 'ministere' },
      user: { id: user, team_id: 'T1', name: user.toLowerCase() },
      channel: { id: 'CGEN', name: 'general' },
      message: { type: 'message', user: 'UOTHER', text, ts },
      message_ts: ts,
      response_url: env.api.responseUrl('measure-shortcut'),
      action_ts: '1700000600.0001',
      token: 'legacy',
    });
  const openedModal = async (user: WorldUser | string, before: number) => {
    await eventually(() => expect(env.api.callsOf('views.open').length).toBeGreaterThan(before));
    const call = env.api.callsOf('views.open').at(-1)!;
    expect(call.args.view).toBeDefined();
    void user;
    return call.args.view;
  };
  const planMenu = (user: string, value: string) =>
    env.slack.interaction({
      type: 'block_suggestion',
      action_id: 'tsq_plan_search',
      block_id: 'plan',
      value,
      team: { id: 'T1' },
      user: { id: user, team_id: 'T1' },
      api_app_id: 'A1',
      container: { type: 'view', view_id: 'VMEASURE' },
    });
  const submit = (user: string, view: any, values: { plan?: string; title: string; notes?: string; lead?: string; due?: string }) =>
    env.slack.interaction({
      type: 'view_submission',
      team: { id: 'T1' },
      user: { id: user, team_id: 'T1' },
      api_app_id: 'A1',
      view: {
        id: 'VMEASURE',
        // Slack's view hash changes with every submission (the same body twice would be a replay, and ignored).
        hash: randomUUID(),
        type: 'modal',
        callback_id: 'tsq_shortcut_measure',
        private_metadata: view.private_metadata,
        state: {
          values: {
            plan: { tsq_plan_search: { type: 'external_select', selected_option: values.plan ? { value: values.plan, text: { type: 'plain_text', text: 'x' } } : null } },
            title: { title: { type: 'plain_text_input', value: values.title } },
            notes: { notes: { type: 'plain_text_input', value: values.notes ?? null } },
            lead: { lead: { type: 'static_select', selected_option: values.lead ? { value: values.lead, text: { type: 'plain_text', text: 'x' } } : null } },
            due: { due: { type: 'datepicker', selected_date: values.due ?? null } },
          },
        },
      },
    });
  const measureRow = (title: string) => db().selectFrom('measures').selectAll().where('title', '=', title).executeTakeFirst();

  it('opens a modal prefilled from the message, whose plan menu offers only plans the person may edit', async () => {
    const before = env.api.callsOf('views.open').length;
    expect((await shortcut(world.lead.slackId, '• *Guichet mobile &amp; consulats*\nTournée des consulats &lt;Europe&gt;\nBudget à voir')).status).toBe(200);
    const view = checked('measure.modal.fr', await openedModal(world.lead, before), 'modal');
    expect(view.callback_id).toBe('tsq_shortcut_measure');
    const input = (id: string) => view.blocks.find((block: any) => block.block_id === id).element;
    expect(input('title').initial_value).toBe('Guichet mobile & consulats');
    expect(input('notes').initial_value).toBe('Tournée des consulats <Europe>\nBudget à voir');
    // Their own organisation leads unless they choose another; the due date is optional.
    expect(input('lead').initial_option.value).toBe(world.organisations.sante);
    expect(input('due').type).toBe('datepicker');

    const offered = async (user: WorldUser, query: string) => ((await planMenu(user.slackId, query)).json.options ?? []).map((option: any) => option.value);
    expect(await offered(world.lead, '')).toEqual([world.plan.id]);
    expect(await offered(world.lead, 'santé')).toEqual([world.plan.id]);
    // Emploi may only comment on the health plan: not offered. Culture edits its own plan only.
    expect(await offered(world.commenter, '')).toEqual([]);
    expect(await offered(world.outsider, '')).toEqual([world.secret.id]);
    expect((await planMenu('UNLINKED', '')).json).toEqual({ options: [] });
  });

  it('creates the measure in the plan (title, notes with the link back, lead, due date) and confirms by DM with a link to it', async () => {
    const before = env.api.callsOf('views.open').length;
    await shortcut(world.lead.slackId, 'Guichet mobile\nTournée des consulats', '1700000700.000200');
    const view = await openedModal(world.lead, before);
    const due = '2027-03-31';
    const answer = await submit(world.lead.slackId, view, { plan: world.plan.id, title: 'Guichet mobile', notes: 'Tournée des consulats', lead: world.organisations.emploi, due });
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('');
    // The measure is in the plan's Y.Doc (the live document), and the projection made it a row.
    const live = await env.server.hub.applyServerChange(
      world.plan.id,
      (doc) =>
        doc
          .getArray<any>('measures')
          .toArray()
          .map((map) => String(map.get('title'))),
      world.admin.id,
    );
    expect(live).toContain('Guichet mobile');
    await eventually(async () => expect(await measureRow('Guichet mobile')).toBeDefined());
    const row = (await measureRow('Guichet mobile'))!;
    expect(row).toMatchObject({ document_id: world.plan.id, lead_organisation_id: world.organisations.emploi, status: 'planned' });
    expect(row.due_date).toBe(due);
    expect(row.notes).toBe('Tournée des consulats\n\nDepuis Slack : https://ministere.slack.com/archives/CGEN/p1700000700000200');
    // The new lead's focal point is told (before the next test, so that its messages stand alone).
    await eventually(() => expect(postsTo(world.commenter.slackId).some((call) => textOf(call.args).includes('Guichet mobile'))).toBe(true));
    // The confirmation, by direct message, links to the measure.
    await eventually(() => expect(postsTo(world.lead.slackId).some((call) => textOf(call.args).includes('Guichet mobile'))).toBe(true));
    const confirmation = checked('measure.created.fr', postsTo(world.lead.slackId).find((call) => textOf(call.args).includes('Guichet mobile'))!.args);
    expect(confirmation.text).toContain(`<${PUBLIC_URL}/documents/${world.plan.id}?view=measures#measure-${row.id}|ouvrir la mesure>`);
  });

  it('refuses, next to the plan menu and in the person’s language, a plan they may not edit; asks an unlinked person to link', async () => {
    const before = env.api.callsOf('views.open').length;
    await shortcut(world.commenter.slackId, 'Intrusion');
    const view = await openedModal(world.commenter, before);
    const refused = await submit(world.commenter.slackId, view, { plan: world.plan.id, title: 'Intrusion' });
    expect(refused.json).toMatchObject({ response_action: 'errors', errors: { plan: expect.stringContaining('Vous ne pouvez pas modifier « Plan d’action santé des MRE »') } });
    await setLocale(db(), world.commenter, 'en');
    const inEnglish = await submit(world.commenter.slackId, view, { plan: world.plan.id, title: 'Intrusion' });
    expect(inEnglish.json.errors.plan).toContain('You cannot edit “Plan d’action santé des MRE”');
    await setLocale(db(), world.commenter, 'fr');
    // A plan they cannot even see is "gone"; no measure was written either way.
    expect((await submit(world.commenter.slackId, view, { plan: world.secret.id, title: 'Intrusion' })).json).toMatchObject({ response_action: 'errors' });
    expect((await submit(world.commenter.slackId, view, { title: 'Sans plan' })).json).toMatchObject({ response_action: 'errors', errors: { plan: expect.any(String) } });
    expect(await measureRow('Intrusion')).toBeUndefined();

    const unlinkedBefore = env.api.callsOf('views.open').length;
    await shortcut('UNOBODY', 'Une mesure');
    const linkView = checked('measure.unlinked', await openedModal('UNOBODY', unlinkedBefore), 'modal');
    expect(textOf(linkView)).toContain('pas encore relié');
  });

  it('tells the people of an organisation that becomes responsible for a measure, by DM, if they may read the plan and want it', async () => {
    // Messages saying that this measure is now theirs. Others (an overdue notice of the same measure,
    // say) may come meanwhile, alone or in one message with another measure's lead line: the title
    // must be on a lead line.
    const said = (user: WorldUser, title: string) =>
      postsTo(user.slackId).filter((call) =>
        textOf(call.args)
          .split('\n')
          .some((line) => line.includes(title) && /pilotez désormais|now lead measure|confiée à|assigned to/.test(line)),
      );
    // A measure of the plan moves to emploi (who may read the plan): its focal point hears it.
    await env.server.hub.applyServerChange(world.plan.id, (doc) => updateMeasure(doc, 'm-soon', { leadOrganisationId: world.organisations.emploi }), world.admin.id);
    await eventually(() => expect(said(world.commenter, 'Guichet santé dans les consulats')).toHaveLength(1));
    const message = checked('dm.lead.fr', said(world.commenter, 'Guichet santé dans les consulats')[0]!.args);
    expect(message.text).toBe('Vous pilotez désormais la mesure « Guichet santé dans les consulats » du plan « Plan d’action santé des MRE » (pour Org emploi)');

    // To culture, who may not read the plan: nobody there hears of it. Then, in English, to emploi again.
    await setLocale(db(), world.commenter, 'en');
    await env.server.hub.applyServerChange(world.plan.id, (doc) => updateMeasure(doc, 'm-late', { leadOrganisationId: world.organisations.culture }), world.admin.id);
    await env.server.hub.applyServerChange(world.plan.id, (doc) => updateMeasure(doc, 'm-done', { leadOrganisationId: world.organisations.emploi }), world.admin.id);
    await eventually(() => expect(said(world.commenter, 'Étude des besoins')).toHaveLength(1));
    checked('dm.lead.en', said(world.commenter, 'Étude des besoins')[0]!.args);
    expect(said(world.commenter, 'Étude des besoins')[0]!.args.text).toBe('You now lead measure “Étude des besoins” in plan “Plan d’action santé des MRE” (for Org emploi)');
    // Barrier: every event taken in and nothing waiting for culture's focal point.
    await eventually(async () => expect(await db().selectFrom('event_outbox').select('id').where('consumer', '=', 'slack').execute()).toHaveLength(0));
    await eventually(async () => expect(await db().selectFrom('slack_outbox').select('id').where('channel_id', '=', world.outsider.slackId).execute()).toHaveLength(0));
    expect(said(world.outsider, 'Couverture médicale')).toHaveLength(0);

    // Measures switched off in App Home: no message; switched on again, the next one comes (the barrier).
    await db()
      .insertInto('slack_user_settings')
      .values({ user_id: world.commenter.id, kinds: ['mentions', 'replies', 'deadlines', 'workflow'] })
      .execute();
    await env.server.hub.applyServerChange(world.plan.id, (doc) => updateMeasure(doc, 'm-late', { leadOrganisationId: world.organisations.emploi }), world.admin.id);
    await eventually(async () =>
      expect((await db().selectFrom('measures').select('lead_organisation_id').where('id', '=', 'm-late').executeTakeFirstOrThrow()).lead_organisation_id).toBe(
        world.organisations.emploi,
      ),
    );
    await eventually(async () => expect(await db().selectFrom('event_outbox').select('id').where('consumer', '=', 'slack').execute()).toHaveLength(0));
    await db()
      .updateTable('slack_user_settings')
      .set({ kinds: ['mentions', 'replies', 'measures', 'deadlines', 'workflow'] })
      .where('user_id', '=', world.commenter.id)
      .execute();
    await env.server.hub.applyServerChange(world.plan.id, (doc) => updateMeasure(doc, 'm-soon', { leadOrganisationId: world.organisations.sante }), world.admin.id);
    await eventually(async () =>
      expect((await db().selectFrom('measures').select('lead_organisation_id').where('id', '=', 'm-soon').executeTakeFirstOrThrow()).lead_organisation_id).toBe(
        world.organisations.sante,
      ),
    );
    await env.server.hub.applyServerChange(world.plan.id, (doc) => updateMeasure(doc, 'm-soon', { leadOrganisationId: world.organisations.emploi }), world.admin.id);
    await eventually(() => expect(said(world.commenter, 'Guichet santé dans les consulats')).toHaveLength(2));
    expect(said(world.commenter, 'Couverture médicale')).toHaveLength(0);
    await setLocale(db(), world.commenter, 'fr');
  });

  it('a measure created from Slack with another organisation to lead tells that organisation', async () => {
    const before = env.api.callsOf('views.open').length;
    await shortcut(world.lead.slackId, 'Cellule d’écoute', '1700000900.000300');
    const view = await openedModal(world.lead, before);
    await submit(world.lead.slackId, view, { plan: world.plan.id, title: 'Cellule d’écoute', lead: world.organisations.emploi });
    await eventually(() => expect(postsTo(world.commenter.slackId).some((call) => textOf(call.args).includes('Cellule d’écoute'))).toBe(true));
    // Whoever created it is not told that it is theirs (sante chose emploi; sante's lead hears nothing of it but the confirmation).
    expect(postsTo(world.lead.slackId).filter((call) => textOf(call.args).includes('Cellule d’écoute') && !textOf(call.args).includes('ajoutée'))).toHaveLength(0);
  });
});
