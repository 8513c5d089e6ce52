import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../server/clock.ts';
import { eventually } from '../helpers/collab.ts';
import * as fixtures from '../helpers/fixtures.ts';
import { mrkdwnLeaks } from '../helpers/block-kit.ts';
import { ApiClient } from '../helpers/http.ts';
import { createSlackWorld, link, PUBLIC_URL, startSlackServer, textOf, type SlackTestServer, type SlackWorld, type WorldUser } from '../helpers/slack-world.ts';

const HOSTILE = 'Plan <!channel> <https://evil.example|cliquez ici> *bold* &';

/** Issue 18: nothing injected, nothing leaked to a channel, channels the bot cannot post to. */
describe('Slack, round two', () => {
  let env: SlackTestServer;
  let world: SlackWorld;
  let hostile: { id: string };
  let rd: { id: string };

  beforeAll(async () => {
    env = await startSlackServer({ SLACK_COALESCE_QUIET_MS: '100', SLACK_COALESCE_MAX_MS: '500' });
    const db = env.server.database.db;
    world = await createSlackWorld(db, systemClock.today());
    for (const user of [world.lead, world.commenter, world.outsider, world.admin]) {
      await link(db, user);
      env.api.users.set(user.slackId, { email: user.email });
    }
    hostile = await fixtures.document(db, world.organisations.sante, HOSTILE);
    rd = await fixtures.document(db, world.organisations.sante, 'Santé & migration R&D');
  });
  afterAll(async () => {
    await env?.close();
  });

  const command = async (user: WorldUser, text: string, channel = 'C1') =>
    (await env.slack.command(text, { user: user.slackId, channel, responseUrl: env.api.responseUrl(`r-${Math.random()}`) })).json;
  const api = (user: { token: string }) => ApiClient.withToken(env.server.url, user.token);
  const postsTo = (channel: string) => env.api.callsOf('chat.postMessage').filter((call) => call.args.channel === channel);

  it('decodes what Slack escaped: & in a comment, a status and a search', async () => {
    const posted = await command(world.lead, 'comment Santé &amp; migration : budget &amp; calendrier');
    expect(textOf(posted)).toContain('Commentaire ajouté');
    const stored = await env.server.database.db.selectFrom('comments').select('body').where('document_id', '=', rd.id).execute();
    expect(stored.map((row) => row.body)).toEqual(['budget & calendrier']);
    expect(textOf(await command(world.lead, 'status Santé &amp; migration'))).toContain('Santé &amp; migration R&amp;D');
    expect(textOf(await command(world.lead, 'search R&amp;D'))).toContain('Santé &amp; migration R&amp;D');
  });

  it('echoes a hostile title without a live link, mention or formatting', async () => {
    const replies = [
      await command(world.lead, `comment ${hostile.id} : vu`),
      await command(world.lead, `status ${hostile.id}`),
      await command(world.commenter, `status ${hostile.id}`),
      await command(world.lead, 'comment Plan : ambigu'),
      await command(world.lead, 'subscribe Plan'),
    ];
    for (const reply of replies) expect(mrkdwnLeaks(reply, PUBLIC_URL)).toEqual([]);
    expect(textOf(replies[0])).toContain('&lt;!channel&gt;');
  });

  it('refuses a subscription where the bot cannot post, and says how to fix it', async () => {
    env.api.conversations.set('GPRIVATE', { isPrivate: true, isMember: false });
    env.api.conversations.set('GGONE', { notFound: true });
    env.api.conversations.set('DDIRECT', { isIm: true });
    expect(textOf(await command(world.lead, 'subscribe sante', 'GPRIVATE'))).toContain('/invite @Tansiq');
    expect(textOf(await command(world.lead, 'subscribe sante', 'GGONE'))).toContain('/invite @Tansiq');
    expect(textOf(await command(world.lead, 'subscribe sante', 'DDIRECT'))).toContain('pas dans un message direct');
    const rows = await env.server.database.db.selectFrom('slack_subscriptions').select('channel_id').where('channel_id', 'in', ['GPRIVATE', 'GGONE', 'DDIRECT']).execute();
    expect(rows).toEqual([]);
    env.api.conversations.set('GPRIVATE', { isPrivate: true, isMember: true, members: [world.lead.slackId, 'UBOT'] });
    env.api.users.set('UBOT', { isBot: true });
    expect(textOf(await command(world.lead, 'subscribe sante comments', 'GPRIVATE'))).toContain('suit désormais');
  });

  it('a channel that went away pauses its subscriptions and tells the subscriber; unarchiving resumes them', async () => {
    env.api.conversations.set('CARCH', { members: [] });
    expect(textOf(await command(world.lead, `subscribe ${world.plan.id} comments`, 'CARCH'))).toContain('suit désormais');
    // A second channel following the same comments: what reaches it was taken in while CARCH was paused.
    env.api.conversations.set('CWITNESS', { members: [] });
    expect(textOf(await command(world.lead, `subscribe ${world.plan.id} comments`, 'CWITNESS'))).toContain('suit désormais');
    env.api.fail('chat.postMessage', { error: 'is_archived' }, { when: (args) => args.channel === 'CARCH' });
    await api(world.lead).post(`/api/documents/${world.plan.id}/comments`, { body: 'Avant l’archivage' });
    await eventually(() => expect(postsTo(world.lead.slackId).some((call) => textOf(call.args).includes('suspendus'))).toBe(true));
    const paused = await env.server.database.db
      .selectFrom('slack_subscriptions')
      .select(['paused_at', 'paused_reason'])
      .where('channel_id', '=', 'CARCH')
      .executeTakeFirstOrThrow();
    expect(paused.paused_reason).toBe('is_archived');
    await api(world.lead).post(`/api/documents/${world.plan.id}/comments`, { body: 'Pendant l’archivage' });
    await eventually(() => expect(postsTo('CWITNESS').some((call) => textOf(call.args).includes('Pendant l’archivage'))).toBe(true));
    await env.slack.event({ type: 'channel_unarchive', channel: 'CARCH', user: world.lead.slackId });
    await eventually(async () =>
      expect((await env.server.database.db.selectFrom('slack_subscriptions').select('paused_at').where('channel_id', '=', 'CARCH').executeTakeFirstOrThrow()).paused_at).toBeNull(),
    );
    await api(world.lead).post(`/api/documents/${world.plan.id}/comments`, { body: 'Après le désarchivage' });
    await eventually(() => expect(postsTo('CARCH').some((call) => textOf(call.args).includes('Après le désarchivage'))).toBe(true));
    // The refused post, then only what came after the channel was back: one loop delivers a channel's rows in the order they fall due.
    expect(postsTo('CARCH')).toHaveLength(2);
    expect(textOf(postsTo('CARCH')[1]!.args)).not.toContain('Pendant l’archivage');
  });

  it('tells a channel only what every member may read', async () => {
    env.api.users.set('UGUEST', { restricted: true });
    env.api.users.set('UUNLINKED', {});
    env.api.users.set('UEXTERNAL', { teamId: 'T2', stranger: true });
    // A public channel with an unlinked member; a private one whose members are all linked and allowed; one with a guest; one shared with another organisation.
    env.api.conversations.set('CPUBLIC', { members: [world.lead.slackId, 'UUNLINKED'] });
    env.api.conversations.set('GALLOWED', { isPrivate: true, members: [world.lead.slackId, world.commenter.slackId, 'UBOT'] });
    env.api.conversations.set('CGUEST', { members: [world.lead.slackId, 'UGUEST'] });
    env.api.conversations.set('CSHARED', { members: [world.lead.slackId, 'UEXTERNAL'] });
    for (const channel of ['CPUBLIC', 'GALLOWED', 'CGUEST', 'CSHARED']) {
      expect(textOf(await command(world.lead, `subscribe ${world.plan.id} comments`, channel))).toContain('suit désormais');
    }
    await api(world.lead).post(`/api/documents/${world.plan.id}/comments`, { body: 'Chiffres confidentiels du budget' });
    await eventually(() => {
      for (const channel of ['CPUBLIC', 'GALLOWED', 'CGUEST', 'CSHARED']) expect(postsTo(channel).length).toBeGreaterThan(0);
    });
    expect(textOf(postsTo('GALLOWED')[0]!.args)).toContain('Chiffres confidentiels du budget');
    for (const channel of ['CPUBLIC', 'CGUEST', 'CSHARED']) {
      const text = textOf(postsTo(channel)[0]!.args);
      expect(text).not.toContain('Chiffres confidentiels');
      expect(text).not.toContain(world.plan.title);
      expect(text).toContain('Un document suivi par ce canal a changé');
      expect(text).toContain(`${PUBLIC_URL}/documents/${world.plan.id}`);
    }
  });

  it('posts in the channel’s language, chosen at subscribe', async () => {
    env.api.conversations.set('CARABIC', { members: [world.lead.slackId] });
    expect(textOf(await command(world.lead, `subscribe ${world.plan.id} comments lang:ar`, 'CARABIC'))).toContain('arabe');
    await api(world.lead).post(`/api/documents/${world.plan.id}/comments`, { body: 'مرحبا' });
    await eventually(() => expect(postsTo('CARABIC').length).toBeGreaterThan(0));
    expect(textOf(postsTo('CARABIC')[0]!.args)).toContain('تحديث');
  });

  it('@Name in a comment resolves like the app’s mentions, or names the candidates in the user’s language', async () => {
    const db = env.server.database.db;
    const karim = await fixtures.user(db, world.organisations.sante, 'karim.benali@sante.gov.ma');
    await db.updateTable('users').set({ name: 'Karim Benali' }).where('id', '=', karim.id).execute();
    const kamal = await fixtures.user(db, world.organisations.sante, 'karima@sante.gov.ma');
    await db.updateTable('users').set({ name: 'Karima Alaoui' }).where('id', '=', kamal.id).execute();
    const posted = await command(world.lead, `comment ${world.plan.id} : @Karim.Benali et @sante, merci`);
    expect(textOf(posted)).toContain('Commentaire ajouté');
    const row = await db.selectFrom('comments').select(['body', 'mentioned_user_ids', 'mentioned_organisation_ids']).where('body', 'like', '%merci%').executeTakeFirstOrThrow();
    expect(row.body).toBe(`@[${karim.id}] et @sante, merci`);
    expect(row.mentioned_user_ids).toEqual([karim.id]);
    const ambiguous = textOf(await command(world.lead, `comment ${world.plan.id} : @Kar voyez`));
    expect(ambiguous).toContain('peut désigner');
    expect(ambiguous).toContain('Karim Benali (sante)');
    expect(ambiguous).toContain('Karima Alaoui (sante)');
    await db.updateTable('users').set({ locale: 'en' }).where('id', '=', world.lead.id).execute();
    expect(textOf(await command(world.lead, `comment ${world.plan.id} : @Nobody hello`))).toContain('Nobody and no organisation answers to “@Nobody”');
    await db.updateTable('users').set({ locale: 'fr' }).where('id', '=', world.lead.id).execute();
  });

  it('shows a minimal preview where not every member may read, and tells the sharer why', async () => {
    env.api.conversations.set('CMIXED', { members: [world.lead.slackId, 'UUNLINKED'] });
    const url = `${PUBLIC_URL}/documents/${world.plan.id}`;
    await env.slack.event({
      type: 'link_shared',
      channel: 'CMIXED',
      user: world.lead.slackId,
      message_ts: '1700000000.2',
      unfurl_id: 'U2',
      source: 'conversations_history',
      links: [{ domain: 'tansiq.example.ma', url }],
    });
    await eventually(() => expect(env.api.callsOf('chat.unfurl').filter((call) => call.args.channel === 'CMIXED')).toHaveLength(1));
    const unfurl = env.api.callsOf('chat.unfurl').find((call) => call.args.channel === 'CMIXED')!.args.unfurls[url];
    expect(textOf(unfurl)).not.toContain(world.plan.title);
    expect(textOf(unfurl)).toContain('réservé');
    await eventually(() => expect(env.api.callsOf('chat.postEphemeral').some((call) => call.args.channel === 'CMIXED' && call.args.user === world.lead.slackId)).toBe(true));
  });
});
