import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../server/clock.ts';
import { readMeasures } from '../../shared/doc-schema.ts';
import { connectPeer, eventually, type TestPeer } from '../helpers/collab.ts';
import { ApiClient } from '../helpers/http.ts';
import { blockAction } from '../helpers/slack-requests.ts';
import { createSlackWorld, link, PUBLIC_URL, startSlackServer, textOf, type SlackTestServer, type SlackWorld, type WorldUser } from '../helpers/slack-world.ts';

/** Buttons, menus, modals, App Home and link previews: each re-checks the clicker's rights. */
describe('Slack interactivity, App Home and unfurls', () => {
  let env: SlackTestServer;
  let world: SlackWorld;
  let peer: TestPeer;
  let clicks = 0;

  beforeAll(async () => {
    env = await startSlackServer();
    const db = env.server.database.db;
    world = await createSlackWorld(db, systemClock.today());
    for (const user of [world.lead, world.commenter, world.outsider, world.admin]) await link(db, user);
    peer = connectPeer(env.server.url, world.plan.id, world.lead.token);
    await peer.synced();
  });
  afterAll(async () => {
    peer?.destroy();
    await env?.close();
  });

  const api = (user: WorldUser) => ApiClient.withToken(env.server.url, user.token);
  const measure = (id: string) => readMeasures(peer.doc).find((row) => row.id === id);
  /** Clicks as `slackUser`; returns what the clicker was told through response_url. */
  const click = async (slackUser: string, action: Record<string, unknown>) => {
    const id = `c${++clicks}`;
    const reply = await env.slack.interaction(blockAction({ user: slackUser }, action, env.api.responseUrl(id)));
    expect(reply.status).toBe(200);
    await eventually(() => expect(env.api.responsesTo(id)).toHaveLength(1));
    return env.api.responsesTo(id)[0]!.body;
  };
  const button = (action_id: string, value: Record<string, string>) => ({ type: 'button', action_id, value: JSON.stringify(value) });
  const submitView = (slackUser: string, view: Record<string, unknown>) =>
    env.slack.interaction({
      type: 'view_submission',
      team: { id: 'T1' },
      user: { id: slackUser, team_id: 'T1' },
      api_app_id: 'A1',
      view: { id: `V${randomUUID().slice(0, 6)}`, type: 'modal', ...view },
    });

  it('mark done: refused to a commenter and invisible to an outsider, done for an editor', async () => {
    const done = button('tsq_measure_done#0', { d: world.plan.id, m: 'm-late' });
    expect(textOf(await click(world.commenter.slackId, done))).toContain('Vos droits ne permettent pas cela');
    expect(textOf(await click(world.outsider.slackId, done))).toContain('n’existe plus');
    expect(textOf(await click('UNLINKED', done))).toContain('pas encore relié');
    expect(measure('m-late')?.status).toBe('in_progress');
    expect(textOf(await click(world.lead.slackId, done))).toContain('réalisée (par lead)');
    await eventually(() => expect(measure('m-late')).toMatchObject({ status: 'done', progress: 100 }));
  });

  it('set status from the menu', async () => {
    const action = {
      type: 'static_select',
      action_id: 'tsq_measure_status#1',
      selected_option: { text: { type: 'plain_text', text: 'bloquée' }, value: JSON.stringify({ d: world.plan.id, m: 'm-soon', s: 'blocked' }) },
    };
    expect(textOf(await click(world.lead.slackId, action))).toContain('bloquée');
    await eventually(() => expect(measure('m-soon')?.status).toBe('blocked'));
    const bogus = { ...action, selected_option: { ...action.selected_option, value: JSON.stringify({ d: world.plan.id, m: 'm-soon', s: 'exploded' }) } };
    expect(textOf(await click(world.lead.slackId, bogus))).toContain('n’existe plus');
  });

  it('resolve a comment thread', async () => {
    const comment = (await api(world.lead).post(`/api/documents/${world.plan.id}/comments`, { body: 'À trancher' })).body.comment;
    expect(textOf(await click(world.commenter.slackId, button('tsq_comment_resolve', { d: world.plan.id, c: comment.id })))).toContain('résolu par focal');
    const row = await env.server.database.db.selectFrom('comments').select(['resolved_by']).where('id', '=', comment.id).executeTakeFirstOrThrow();
    expect(row.resolved_by).toBe(world.commenter.id);
  });

  it('approve a submitted document: only the coordination unit may', async () => {
    expect((await api(world.lead).post(`/api/documents/${world.plan.id}/transitions`, { to: 'in_review' })).status).toBe(200);
    expect((await api(world.admin).post(`/api/documents/${world.plan.id}/transitions`, { to: 'submitted' })).status).toBe(200);
    const approve = button('tsq_doc_approve', { d: world.plan.id });
    expect(textOf(await click(world.lead.slackId, approve))).toContain('ne pouvez pas faire passer');
    expect(textOf(await click(world.admin.slackId, approve))).toContain('soumis → adopté');
    const row = await env.server.database.db.selectFrom('documents').select('status').where('id', '=', world.plan.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('adopted');
  });

  it('return a submitted document with a reason asked in a modal', async () => {
    await api(world.outsider).post(`/api/documents/${world.secret.id}/transitions`, { to: 'in_review' });
    await api(world.admin).post(`/api/documents/${world.secret.id}/transitions`, { to: 'submitted' });
    env.api.reset();
    const reply = await env.slack.interaction(blockAction({ user: world.admin.slackId }, button('tsq_doc_return', { d: world.secret.id }), env.api.responseUrl('ret')));
    expect(reply.status).toBe(200);
    await eventually(() => expect(env.api.callsOf('views.open')).toHaveLength(1));
    const view = env.api.callsOf('views.open')[0]!.args.view;
    expect(view.callback_id).toBe('tsq_return_modal');
    const state = (reason: string) => ({ values: { reason: { reason: { type: 'plain_text_input', value: reason } } } });
    const empty = await submitView(world.admin.slackId, { callback_id: view.callback_id, private_metadata: view.private_metadata, state: state('  ') });
    expect(empty.json).toMatchObject({ response_action: 'errors', errors: { reason: expect.any(String) } });
    const done = await submitView(world.admin.slackId, { callback_id: view.callback_id, private_metadata: view.private_metadata, state: state('Budget à revoir') });
    expect(done.status).toBe(200);
    expect(done.text).toBe('');
    const row = await env.server.database.db.selectFrom('documents').select(['status', 'return_reason']).where('id', '=', world.secret.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'returned', return_reason: 'Budget à revoir' });
    // The button is re-checked too: a member of another organisation gets no modal.
    expect(textOf(await click(world.lead.slackId, button('tsq_doc_return', { d: world.secret.id })))).toContain('n’existe plus');
  });

  it('comment through the modal, with the document menu filled from what the user may see', async () => {
    env.api.reset();
    await env.slack.interaction(blockAction({ user: world.commenter.slackId }, button('tsq_comment_new', { d: world.plan.id }), env.api.responseUrl('cm')));
    await eventually(() => expect(env.api.callsOf('views.open')).toHaveLength(1));
    const view = env.api.callsOf('views.open')[0]!.args.view;
    const body = { values: { body: { body: { type: 'plain_text_input', value: 'Depuis la fenêtre Slack' } } } };
    expect((await submitView(world.commenter.slackId, { callback_id: view.callback_id, private_metadata: view.private_metadata, state: body })).status).toBe(200);
    const rows = await env.server.database.db.selectFrom('comments').select(['author_id']).where('body', '=', 'Depuis la fenêtre Slack').execute();
    expect(rows).toEqual([{ author_id: world.commenter.id }]);
    await eventually(() => expect(env.api.callsOf('chat.postMessage').some((call) => call.args.channel === world.commenter.slackId)).toBe(true));

    const suggest = (slackUser: string) =>
      env.slack.interaction({
        type: 'block_suggestion',
        action_id: 'tsq_doc_search',
        block_id: 'document',
        value: 'plan',
        team: { id: 'T1' },
        user: { id: slackUser, team_id: 'T1' },
        api_app_id: 'A1',
        container: { type: 'view', view_id: 'V1' },
      });
    const forLead = (await suggest(world.lead.slackId)).json.options.map((o: any) => o.value);
    expect(forLead).toContain(world.plan.id);
    expect(forLead).not.toContain(world.secret.id);
    expect((await suggest('UNLINKED')).json).toEqual({ options: [] });
  });

  it('from App Home: the comment button asks for the document, clicks refresh the home, forged input is refused', async () => {
    env.api.reset();
    const fromHome = (slackUser: string, action: Record<string, unknown>) =>
      env.slack.interaction({
        type: 'block_actions',
        team: { id: 'T1' },
        user: { id: slackUser, team_id: 'T1' },
        api_app_id: 'A1',
        trigger_id: 'trigger-home',
        container: { type: 'view', view_id: 'VHOME' },
        view: { id: 'VHOME', type: 'home' },
        actions: [{ block_id: 'b', action_ts: '1', ...action }],
      });
    expect((await fromHome(world.commenter.slackId, button('tsq_comment_new', {}))).status).toBe(200);
    await eventually(() => expect(env.api.callsOf('views.open')).toHaveLength(1));
    expect(JSON.stringify(env.api.callsOf('views.open')[0]!.args.view)).toContain('external_select');
    await eventually(() => expect(env.api.callsOf('views.publish').map((call) => call.args.user_id)).toEqual([world.commenter.slackId]));

    const state = (text: string) => ({
      values: {
        document: { tsq_doc_search: { type: 'external_select', selected_option: { text: { type: 'plain_text', text: 'Plan' }, value: world.plan.id } } },
        body: { body: { type: 'plain_text_input', value: text } },
      },
    });
    const forged = await submitView(world.commenter.slackId, { callback_id: 'tsq_comment_modal', private_metadata: '{}', state: state('x'.repeat(20_000)) });
    expect(forged.json).toMatchObject({ response_action: 'errors', errors: { body: expect.any(String) } });
    expect((await submitView(world.commenter.slackId, { callback_id: 'tsq_comment_modal', private_metadata: '{}', state: state('Depuis l’accueil') })).text).toBe('');
    expect(await env.server.database.db.selectFrom('comments').select('author_id').where('body', '=', 'Depuis l’accueil').execute()).toEqual([{ author_id: world.commenter.id }]);
    const secretState = {
      values: {
        ...state('Intrusion').values,
        document: { tsq_doc_search: { type: 'external_select', selected_option: { text: { type: 'plain_text', text: 'x' }, value: world.secret.id } } },
      },
    };
    expect((await submitView(world.commenter.slackId, { callback_id: 'tsq_comment_modal', private_metadata: '{}', state: secretState })).json).toMatchObject({
      response_action: 'errors',
    });
  });

  it('the document picker answers with the chosen document’s status', async () => {
    const action = { type: 'static_select', action_id: 'tsq_doc_pick', selected_option: { text: { type: 'plain_text', text: 'x' }, value: world.plan.id } };
    const answer = await click(world.lead.slackId, action);
    expect(answer.replace_original).toBe(true);
    expect(textOf(answer)).toContain('Plan d’action santé des MRE');
    expect(textOf(await click(world.lead.slackId, { ...action, selected_option: { ...action.selected_option, value: world.secret.id } }))).toContain('n’existe plus');
  });

  it('App Home: my overdue and due measures, my organisation’s documents; link instructions when unlinked', async () => {
    env.api.reset();
    await env.slack.event({ type: 'app_home_opened', user: world.outsider.slackId, channel: 'D1', tab: 'home', event_ts: '1.1' });
    await env.slack.event({ type: 'app_home_opened', user: 'UNLINKED2', channel: 'D2', tab: 'home', event_ts: '1.2' });
    await eventually(() => expect(env.api.callsOf('views.publish')).toHaveLength(2));
    const home = env.api.callsOf('views.publish').find((call) => call.args.user_id === world.outsider.slackId)!.args.view;
    expect(home.type).toBe('home');
    expect(textOf(home)).toContain('Festival secret');
    expect(textOf(home)).toContain('Plan culturel confidentiel');
    expect(textOf(home)).not.toContain('Couverture médicale');
    expect(textOf(env.api.callsOf('views.publish').find((call) => call.args.user_id === 'UNLINKED2')!.args.view)).toContain('pas encore relié');
  });

  it('unfurls Tansiq links only for a linked user who may see the document', async () => {
    env.api.reset();
    const share = (user: string, urls: string[]) =>
      env.slack.event({
        type: 'link_shared',
        channel: 'C1',
        user,
        message_ts: '1700000000.1',
        unfurl_id: 'U1',
        source: 'conversations_history',
        links: urls.map((url) => ({ domain: 'tansiq.example.ma', url })),
      });
    const plan = `${PUBLIC_URL}/documents/${world.plan.id}`;
    const secret = `${PUBLIC_URL}/documents/${world.secret.id}`;
    await share(world.lead.slackId, [plan, secret, `${PUBLIC_URL}/documents/not-a-uuid`]);
    await eventually(() => expect(env.api.callsOf('chat.unfurl')).toHaveLength(1));
    const unfurls = env.api.callsOf('chat.unfurl')[0]!.args.unfurls;
    expect(Object.keys(unfurls)).toEqual([plan]);
    expect(textOf(unfurls[plan])).toMatch(/adopté/);
    expect(textOf(unfurls[plan])).toMatch(/\d\/3 mesures terminées/);
    await share(world.commenter.slackId, [secret]);
    // An unlinked sharer gets no preview, and is offered to link (Slack shows it to them alone).
    // Shared after the secret: the offer is the next unfurl, so the secret got none.
    await share('UNLINKED', [plan]);
    await eventually(() => expect(env.api.callsOf('chat.unfurl').length).toBeGreaterThanOrEqual(2));
    expect(env.api.callsOf('chat.unfurl')).toHaveLength(2);
    const offer = env.api.callsOf('chat.unfurl')[1]!.args;
    expect(String(offer.user_auth_required)).toBe('true');
    expect(offer.user_auth_url).toMatch(/\/slack\/link\?code=/);
    expect(textOf({ text: offer.user_auth_message })).toContain('Reliez votre compte');
    expect(offer.unfurls).toEqual({});
  });
});
