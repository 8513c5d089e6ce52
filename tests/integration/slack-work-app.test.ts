import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../server/clock.ts';
import { eventually } from '../helpers/collab.ts';
import { ApiClient } from '../helpers/http.ts';
import { blockKitProblems, mrkdwnLeaks, type Surface } from '../helpers/block-kit.ts';
import { blockAction } from '../helpers/slack-requests.ts';
import { createSlackWorld, link, PUBLIC_URL, startSlackServer, textOf, type SlackTestServer, type SlackWorld, type WorldUser } from '../helpers/slack-world.ts';

const DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Africa/Casablanca', year: 'numeric', month: '2-digit', day: '2-digit' });

/** A clock that runs, and that the test may move forward (the weekly digest). */
function movableClock(): Clock & { offsetMs: number } {
  const clock = {
    offsetMs: 0,
    now: () => new Date(Date.now() + clock.offsetMs),
    today: () => DAY.format(clock.now()),
  };
  return clock;
}

/** Payloads shown in the report (Slack cannot be screenshotted). */
const dumps: Record<string, unknown> = {};

/**
 * What people expect from a work app, through the real Bolt app over signed HTTP and the Web API
 * stand-in: personal direct messages and their App Home settings, live cards, thread replies both
 * ways, the message shortcut, unlinking, the administrators' list of subscriptions, the weekly
 * digest, and in-app notifications from the same outbox.
 */
describe('Slack as a work app', () => {
  let env: SlackTestServer;
  let world: SlackWorld;
  const clock = movableClock();

  beforeAll(async () => {
    env = await startSlackServer({ SLACK_COALESCE_QUIET_MS: '150', SLACK_COALESCE_MAX_MS: '1000' }, { clock });
    const db = env.server.database.db;
    world = await createSlackWorld(db, clock.today());
    for (const user of [world.lead, world.commenter, world.outsider, world.admin]) await link(db, user);
  });
  afterAll(async () => {
    mkdirSync('test-artifacts/slack', { recursive: true });
    writeFileSync('test-artifacts/slack/work-app-payloads.json', JSON.stringify(dumps, null, 2));
    await env?.close();
  });

  const db = () => env.server.database.db;
  const api = (user: { token: string }) => ApiClient.withToken(env.server.url, user.token);
  const postsTo = (channel: string) => env.api.callsOf('chat.postMessage').filter((call) => call.args.channel === channel);
  const checked = (name: string, payload: any, surface: Surface = 'message') => {
    expect(blockKitProblems(payload, surface), name).toEqual([]);
    // A channel link built by us from a Slack channel id (never from people's text) is meant to be live.
    expect(
      mrkdwnLeaks(payload, PUBLIC_URL).filter((leak) => !/^live markup <#[CG][A-Z0-9]+> /.test(leak)),
      name,
    ).toEqual([]);
    dumps[name] = payload;
    return payload;
  };
  const fromHome = (user: WorldUser, action: Record<string, unknown>) =>
    env.slack.interaction({
      ...blockAction({ user: user.slackId }, action, ''),
      container: { type: 'view', view_id: 'VHOME' },
      view: { id: 'VHOME', type: 'home' },
      response_url: undefined,
      channel: undefined,
    });
  const home = async (user: WorldUser) => {
    const before = env.api.callsOf('views.publish').length;
    await env.slack.event({ type: 'app_home_opened', user: user.slackId, channel: 'D0', tab: 'home', event_ts: '1.1' });
    await eventually(() => expect(env.api.callsOf('views.publish').length).toBeGreaterThan(before));
    return env.api.callsOf('views.publish').at(-1)!.args.view;
  };
  const subscribe = async (user: WorldUser, text: string, channel: string) => {
    const reply = await env.slack.command(`subscribe ${text}`, { user: user.slackId, channel, responseUrl: env.api.responseUrl(`s-${channel}`) });
    expect(textOf(reply.json)).toMatch(/suit désormais/);
  };
  const comment = async (user: WorldUser, body: string, threadId?: string) => {
    const created = await api(user).post(`/api/documents/${world.plan.id}/comments`, { body, ...(threadId ? { threadId } : {}) });
    expect(created.status).toBe(201);
    return created.body.comment.id as string;
  };

  it('replies to my comment come by direct message and to the bell, from the one outbox; App Home settings choose kinds, language, mute', async () => {
    const root = await comment(world.lead, 'Qui relit la mesure 3 ?');
    await comment(world.commenter, 'Moi, demain.', root);
    await eventually(() => expect(postsTo(world.lead.slackId).some((call) => textOf(call.args).includes('a répondu à votre commentaire'))).toBe(true));
    checked('dm.reply.fr', postsTo(world.lead.slackId).at(-1)!.args);
    // The bell got it too, from the outbox's 'app' rows, once.
    await eventually(async () =>
      expect(await db().selectFrom('notifications').select('kind').where('user_id', '=', world.lead.id).where('kind', '=', 'reply').execute()).toHaveLength(1),
    );
    expect(await db().selectFrom('event_outbox').select('id').where('consumer', '=', 'app').execute()).toHaveLength(0);

    const view = checked('home.settings.fr', await home(world.lead), 'home');
    expect(textOf(view)).toContain('Mes notifications Slack');
    // Replies off, language English: a reply then a mention bring one message, the mention's, in English.
    await fromHome(world.lead, {
      type: 'checkboxes',
      action_id: 'tsq_settings_kinds',
      selected_options: ['mentions', 'measures', 'deadlines', 'workflow'].map((value) => ({ value, text: { type: 'plain_text', text: value } })),
    });
    await fromHome(world.lead, { type: 'static_select', action_id: 'tsq_settings_locale', selected_option: { value: 'en', text: { type: 'plain_text', text: 'English' } } });
    await eventually(async () =>
      expect(await db().selectFrom('slack_user_settings').select(['kinds', 'locale']).where('user_id', '=', world.lead.id).executeTakeFirst()).toEqual({
        kinds: ['mentions', 'measures', 'deadlines', 'workflow'],
        locale: 'en',
      }),
    );
    // (Deadline messages from the overdue and due-soon checks may come in between: they are on.)
    await comment(world.commenter, 'Encore une réponse.', root);
    await comment(world.commenter, `Voyez ceci @[${world.lead.id}]`);
    await eventually(() => expect(postsTo(world.lead.slackId).some((call) => textOf(call.args).includes('Voyez ceci'))).toBe(true));
    const mention = checked('dm.mention.en', postsTo(world.lead.slackId).find((call) => textOf(call.args).includes('Voyez ceci'))!.args);
    expect(textOf(mention)).toContain('mentioned you');
    expect(postsTo(world.lead.slackId).some((call) => textOf(call.args).includes('Encore une réponse'))).toBe(false);

    // Muted: nothing; unmuted, the next mention arrives, and only it.
    await fromHome(world.lead, { type: 'button', action_id: 'tsq_settings_mute', value: JSON.stringify({ muted: '1' }) });
    await eventually(async () =>
      expect((await db().selectFrom('slack_user_settings').select('muted').where('user_id', '=', world.lead.id).executeTakeFirstOrThrow()).muted).toBe(true),
    );
    await comment(world.commenter, `Pendant la sourdine @[${world.lead.id}]`);
    // Barrier: the mention's event (recorded before the 201) has been taken in by the bot, and nothing waits for the lead.
    await eventually(async () => expect(await db().selectFrom('event_outbox').select('id').where('consumer', '=', 'slack').execute()).toHaveLength(0));
    await eventually(async () => expect(await db().selectFrom('slack_outbox').select('id').where('channel_id', '=', world.lead.slackId).execute()).toHaveLength(0));
    await fromHome(world.lead, { type: 'button', action_id: 'tsq_settings_mute', value: JSON.stringify({ muted: '0' }) });
    await eventually(async () =>
      expect((await db().selectFrom('slack_user_settings').select('muted').where('user_id', '=', world.lead.id).executeTakeFirstOrThrow()).muted).toBe(false),
    );
    await comment(world.commenter, `Après la sourdine @[${world.lead.id}]`);
    await eventually(() => expect(postsTo(world.lead.slackId).some((call) => textOf(call.args).includes('Après la sourdine'))).toBe(true));
    expect(env.api.calls.some((call) => textOf(call.args).includes('Pendant la sourdine'))).toBe(false);
  });

  it('workflow steps of my documents come by direct message; the channel card is updated in place, its stale buttons gone', async () => {
    await subscribe(world.admin, 'Plan d’action santé des MRE status', 'CLIVE');
    expect((await api(world.admin).post(`/api/documents/${world.plan.id}/transitions`, { to: 'in_review' })).status).toBe(200);
    expect((await api(world.admin).post(`/api/documents/${world.plan.id}/transitions`, { to: 'submitted' })).status).toBe(200);
    await eventually(() => expect(postsTo('CLIVE').some((call) => JSON.stringify(call.args.blocks).includes('tsq_doc_approve'))).toBe(true));
    const card = postsTo('CLIVE').find((call) => JSON.stringify(call.args.blocks).includes('tsq_doc_approve'))!;
    checked('channel.card.before', card.args);
    const cardTs = env.api.history.get('CLIVE')!.find((message) => message.text === card.args.text)!.ts;
    // The lead organisation hears of its document's steps in person (English, as the lead chose).
    await eventually(() => expect(postsTo(world.lead.slackId).some((call) => textOf(call.args).includes('submitted'))).toBe(true));

    expect((await api(world.admin).post(`/api/documents/${world.plan.id}/transitions`, { to: 'adopted' })).status).toBe(200);
    await eventually(() => expect(env.api.callsOf('chat.update').filter((call) => call.args.channel === 'CLIVE' && call.args.ts === cardTs).length).toBeGreaterThan(0));
    await eventually(() => {
      const update = env.api
        .callsOf('chat.update')
        .filter((call) => call.args.ts === cardTs)
        .at(-1)!;
      expect(JSON.stringify(update.args.blocks)).not.toContain('tsq_doc_approve');
      expect(textOf(update.args)).toContain('adopté');
      expect(textOf(update.args)).toMatch(/dernier changement par admin/);
    });
    checked(
      'channel.card.after',
      env.api
        .callsOf('chat.update')
        .filter((call) => call.args.ts === cardTs)
        .at(-1)!.args,
    );
    // Updated, never posted again: the adoption is news of its own, the old card is not re-sent.
    expect(postsTo('CLIVE').filter((call) => call.args.text === card.args.text)).toHaveLength(1);
  });

  it('a reply in a card’s Slack thread becomes a reply in Tansiq (linked, allowed, once), and Tansiq replies appear in the thread', async () => {
    await subscribe(world.lead, 'Plan d’action santé des MRE comments', 'CTHREAD');
    const root = await comment(world.commenter, 'Le calendrier tient-il ?');
    await eventually(() => expect(postsTo('CTHREAD').some((call) => textOf(call.args).includes('Le calendrier tient-il'))).toBe(true));
    const cardTs = env.api.history.get('CTHREAD')!.at(-1)!.ts;
    const reply = (user: string, text: string, ts: string, eventId = `Ev${randomUUID().slice(0, 8)}`) =>
      env.slack.event({ type: 'message', channel: 'CTHREAD', channel_type: 'channel', user, text, ts, thread_ts: cardTs, event_ts: ts }, { eventId });

    await reply(world.lead.slackId, 'Oui, budget &amp; calendrier validés', '1800000000.000100');
    // The same message again (a retry under another event id): one comment.
    await reply(world.lead.slackId, 'Oui, budget &amp; calendrier validés', '1800000000.000100');
    await eventually(async () =>
      expect(await db().selectFrom('comments').select(['author_id', 'thread_id', 'body']).where('thread_id', '=', root).execute()).toEqual([
        { author_id: world.lead.id, thread_id: root, body: 'Oui, budget & calendrier validés' },
      ]),
    );

    await reply('USTRANGER', 'Je peux ?', '1800000000.000200');
    await eventually(() => expect(env.api.callsOf('chat.postEphemeral').some((call) => call.args.user === 'USTRANGER' && call.args.thread_ts === cardTs)).toBe(true));
    checked('thread.unlinked', env.api.callsOf('chat.postEphemeral').find((call) => call.args.user === 'USTRANGER')!.args);
    await reply(world.outsider.slackId, 'Intrusion', '1800000000.000300');
    await eventually(() =>
      expect(env.api.callsOf('chat.postEphemeral').some((call) => call.args.user === world.outsider.slackId && textOf(call.args).includes('pas été ajoutée'))).toBe(true),
    );

    await comment(world.admin, 'Calendrier confirmé par la coordination.', root);
    await eventually(() => expect(postsTo('CTHREAD').some((call) => call.args.thread_ts === cardTs && textOf(call.args).includes('Calendrier confirmé'))).toBe(true));
    checked('thread.tansiq-reply', postsTo('CTHREAD').find((call) => call.args.thread_ts === cardTs)!.args);
    const threadPosts = postsTo('CTHREAD').filter((call) => call.args.thread_ts === cardTs);
    // The Slack-born reply was not echoed into its own thread, nor posted again as a message of its own.
    expect(threadPosts.some((call) => textOf(call.args).includes('budget'))).toBe(false);
    expect(postsTo('CTHREAD').filter((call) => !call.args.thread_ts && textOf(call.args).includes('Calendrier confirmé'))).toHaveLength(0);
    expect(await db().selectFrom('comments').select('id').where('body', '=', 'Intrusion').execute()).toHaveLength(0);
  });

  it('the message shortcut opens a picker and adds the message as a comment with a link back; refused without the right', async () => {
    const shortcut = (user: string) =>
      env.slack.interaction({
        type: 'message_action',
        callback_id: 'tsq_add_comment',
        trigger_id: `trigger-${randomUUID()}`,
        team: { id: 'T1', domain: 'ministere' },
        user: { id: user, team_id: 'T1', name: user.toLowerCase() },
        channel: { id: 'CGEN', name: 'general' },
        message: { type: 'message', user: 'UOTHER', text: 'Point budget &amp; calendrier &lt;urgent&gt;', ts: '1700000500.000100' },
        message_ts: '1700000500.000100',
        response_url: env.api.responseUrl('shortcut'),
        action_ts: '1700000600.0001',
        token: 'legacy',
      });
    expect((await shortcut(world.commenter.slackId)).status).toBe(200);
    await eventually(() => expect(env.api.callsOf('views.open').some((call) => call.args.view.callback_id === 'tsq_shortcut_comment')).toBe(true));
    const modal = checked('shortcut.modal.fr', env.api.callsOf('views.open').find((call) => call.args.view.callback_id === 'tsq_shortcut_comment')!.args.view, 'modal');
    expect(modal.blocks.find((block: any) => block.block_id === 'body').element.initial_value).toBe('Point budget & calendrier <urgent>');

    const submit = (user: string, documentId: string, text: string) =>
      env.slack.interaction({
        type: 'view_submission',
        team: { id: 'T1' },
        user: { id: user, team_id: 'T1' },
        api_app_id: 'A1',
        view: {
          id: 'VSHORT',
          type: 'modal',
          callback_id: 'tsq_shortcut_comment',
          private_metadata: modal.private_metadata,
          state: {
            values: {
              document: { tsq_doc_search: { type: 'external_select', selected_option: { value: documentId, text: { type: 'plain_text', text: 'x' } } } },
              body: { body: { type: 'plain_text_input', value: text } },
            },
          },
        },
      });
    expect((await submit(world.commenter.slackId, world.plan.id, 'Point budget & calendrier <urgent>')).text).toBe('');
    const row = await db().selectFrom('comments').select(['author_id', 'body']).where('body', 'like', 'Point budget%').executeTakeFirstOrThrow();
    expect(row.author_id).toBe(world.commenter.id);
    expect(row.body).toBe('Point budget & calendrier <urgent>\n\nDepuis Slack : https://ministere.slack.com/archives/CGEN/p1700000500000100');
    expect((await submit(world.commenter.slackId, world.secret.id, 'Intrusion')).json).toMatchObject({ response_action: 'errors' });

    await shortcut('USHORTCUT');
    await eventually(() => expect(env.api.callsOf('views.open').some((call) => textOf(call.args.view).includes('pas encore relié'))).toBe(true));
    checked('shortcut.unlinked', env.api.callsOf('views.open').find((call) => textOf(call.args.view).includes('pas encore relié'))!.args.view, 'modal');
  });

  it('administrators list every subscription of the workspace and pause or remove one; others may not', async () => {
    const run = (user: WorldUser, text: string) => env.slack.command(text, { user: user.slackId, channel: 'CADMIN', responseUrl: env.api.responseUrl(`a-${user.slackId}`) });
    expect(textOf((await run(world.lead, 'subscriptions all')).json)).toContain('Seuls les administrateurs');
    const list = checked('admin.subscriptions', (await run(world.admin, 'subscriptions all')).json);
    expect(textOf(list)).toContain('CLIVE');
    expect(textOf(list)).toContain('CTHREAD');
    const thread = await db().selectFrom('slack_subscriptions').select('id').where('channel_id', '=', 'CTHREAD').executeTakeFirstOrThrow();
    const click = (user: WorldUser, actionId: string) =>
      env.slack.interaction(
        blockAction(
          { user: user.slackId, channel: 'CADMIN' },
          { type: 'button', action_id: actionId, value: JSON.stringify({ s: thread.id }) },
          env.api.responseUrl(`click-${user.slackId}-${actionId.replace('#', '-')}`),
        ),
      );
    await click(world.lead, 'tsq_sub_remove#1');
    await eventually(() => expect(textOf(env.api.responsesTo(`click-${world.lead.slackId}-tsq_sub_remove-1`)[0]?.body)).toContain('ne permettent pas'));
    expect(await db().selectFrom('slack_subscriptions').select('id').where('id', '=', thread.id).execute()).toHaveLength(1);
    await click(world.admin, 'tsq_sub_pause#1');
    await eventually(async () =>
      expect((await db().selectFrom('slack_subscriptions').select('paused_reason').where('id', '=', thread.id).executeTakeFirstOrThrow()).paused_reason).toBe('admin'),
    );
    await eventually(() => expect(textOf(env.api.responsesTo(`click-${world.admin.slackId}-tsq_sub_pause-1`)[0]?.body)).toContain('Reprendre'));
    checked('admin.after-pause', env.api.responsesTo(`click-${world.admin.slackId}-tsq_sub_pause-1`)[0]!.body);
    await click(world.admin, 'tsq_sub_remove#1');
    await eventually(async () => expect(await db().selectFrom('slack_subscriptions').select('id').where('id', '=', thread.id).execute()).toHaveLength(0));

    // The same list in the web admin area's API: for administrators only (404 for others), with pause/resume/remove.
    expect((await api(world.lead).get('/api/slack/subscriptions')).status).toBe(404);
    const listed = await api(world.admin).get('/api/slack/subscriptions');
    expect(listed.status).toBe(200);
    const live = listed.body.subscriptions.find((sub: any) => sub.channelId === 'CLIVE');
    expect(live).toMatchObject({ teamId: 'T1', object: { type: 'document', name: 'Plan d’action santé des MRE' }, paused: false, createdBy: 'admin' });
    expect((await api(world.lead).post(`/api/slack/subscriptions/${live.id}/pause`, {})).status).toBe(404);
    expect((await api(world.admin).post(`/api/slack/subscriptions/${live.id}/pause`, {})).status).toBe(204);
    expect((await api(world.admin).get('/api/slack/subscriptions')).body.subscriptions.find((sub: any) => sub.id === live.id).paused).toBe(true);
    expect((await api(world.admin).post(`/api/slack/subscriptions/${live.id}/resume`, {})).status).toBe(204);
    expect((await api(world.admin).delete(`/api/slack/subscriptions/${randomUUID()}`)).status).toBe(404);
  });

  it('sends the weekly digest once a week to those who asked for it', async () => {
    await fromHome(world.commenter, { type: 'button', action_id: 'tsq_settings_digest', value: JSON.stringify({ digest: '1' }) });
    await eventually(async () =>
      expect((await db().selectFrom('slack_user_settings').select('weekly_digest').where('user_id', '=', world.commenter.id).executeTakeFirst())?.weekly_digest).toBe(true),
    );
    await eventually(() => expect(postsTo(world.commenter.slackId).filter((call) => call.args.metadata?.event_type === 'tansiq_weekly_digest')).toHaveLength(1));
    const first = postsTo(world.commenter.slackId).find((call) => call.args.metadata?.event_type === 'tansiq_weekly_digest')!;
    checked('dm.digest.fr', first.args);
    // A week on (the injected clock), one more; in between, however many ticks, none.
    clock.offsetMs += 7 * 86_400_000;
    await eventually(() => expect(postsTo(world.commenter.slackId).filter((call) => call.args.metadata?.event_type === 'tansiq_weekly_digest')).toHaveLength(2));
    expect(first.args.metadata.event_payload.week).not.toBe(
      postsTo(world.commenter.slackId).filter((call) => call.args.metadata?.event_type === 'tansiq_weekly_digest')[1]!.args.metadata.event_payload.week,
    );
    // Barrier: a later direct message, then still two digests.
    await comment(world.lead, `Digest vu ? @[${world.commenter.id}]`);
    await eventually(() => expect(postsTo(world.commenter.slackId).some((call) => textOf(call.args).includes('Digest vu'))).toBe(true));
    expect(postsTo(world.commenter.slackId).filter((call) => call.args.metadata?.event_type === 'tansiq_weekly_digest')).toHaveLength(2);
    clock.offsetMs -= 7 * 86_400_000;
  });

  it('/tansiq unlink unlinks for good (no silent re-link by e-mail), and App Home has an Unlink button', async () => {
    env.api.users.set(world.commenter.slackId, { email: world.commenter.email, confirmed: true, locale: 'fr-FR' });
    const unlinked = await env.slack.command('unlink', { user: world.commenter.slackId, responseUrl: env.api.responseUrl('unlink') });
    expect(textOf(unlinked.json)).toContain('n’est plus lié à Tansiq');
    checked('unlink.fr', unlinked.json);
    expect(await db().selectFrom('slack_links').select('user_id').where('slack_user_id', '=', world.commenter.slackId).execute()).toHaveLength(0);
    const after = await env.slack.command('status plan', { user: world.commenter.slackId, responseUrl: env.api.responseUrl('after') });
    expect(textOf(after.json)).toContain('pas encore relié');
    expect(await db().selectFrom('slack_links').select('user_id').where('slack_user_id', '=', world.commenter.slackId).execute()).toHaveLength(0);
    expect(await db().selectFrom('audit_log').select('action').where('action', '=', 'slack.unlinked').execute()).toHaveLength(1);

    await fromHome(world.outsider, { type: 'button', action_id: 'tsq_unlink', value: '{}' });
    await eventually(async () => expect(await db().selectFrom('slack_links').select('user_id').where('slack_user_id', '=', world.outsider.slackId).execute()).toHaveLength(0));
    await eventually(() =>
      expect(env.api.callsOf('views.publish').some((call) => call.args.user_id === world.outsider.slackId && textOf(call.args.view).includes('pas encore relié'))).toBe(true),
    );
  });
});
