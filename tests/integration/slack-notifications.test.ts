import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../server/clock.ts';
import { readMeasures } from '../../shared/doc-schema.ts';
import { apiToken, connectPeer, eventually, type TestPeer } from '../helpers/collab.ts';
import * as fixtures from '../helpers/fixtures.ts';
import { ApiClient } from '../helpers/http.ts';
import { blockAction } from '../helpers/slack-requests.ts';
import { createSlackWorld, link, startSlackServer, textOf, type SlackTestServer, type SlackWorld, type WorldUser } from '../helpers/slack-world.ts';

/** From the domain event bus to Slack: subscribed channels, mentions by DM, coalescing, pacing, 429s and failures. */
describe('Slack notifications', () => {
  let env: SlackTestServer;
  let world: SlackWorld;
  let colleague: { id: string; token: string };
  /** a note whose comments serve as barriers: see `barrier()` */
  let witness: { id: string };
  const peers: TestPeer[] = [];

  beforeAll(async () => {
    env = await startSlackServer({ SLACK_COALESCE_QUIET_MS: '600', SLACK_COALESCE_MAX_MS: '8000', SLACK_CHANNEL_INTERVAL_MS: '400' });
    const db = env.server.database.db;
    world = await createSlackWorld(db, systemClock.today());
    for (const user of [world.lead, world.commenter, world.outsider, world.admin]) await link(db, user);
    const row = await fixtures.user(db, world.organisations.sante, 'second@sante.gov.ma');
    colleague = { id: row.id, token: await apiToken(db, row.id) };
    witness = await fixtures.document(db, world.organisations.sante, 'Note témoin', 'note');
    await fixtures.grant(db, witness.id, world.organisations.emploi, 'comment');
  });
  afterAll(async () => {
    for (const peer of peers) peer.destroy();
    await env?.close();
  });

  const api = (user: { token: string }) => ApiClient.withToken(env.server.url, user.token);
  const subscribe = async (user: WorldUser, text: string, channel: string) => {
    const reply = await env.slack.command(`subscribe ${text}`, { user: user.slackId, channel, responseUrl: env.api.responseUrl(`s-${channel}`) });
    expect(textOf(reply.json)).toMatch(/suit désormais/);
  };
  const postsTo = (channel: string) => env.api.callsOf('chat.postMessage').filter((call) => call.args.channel === channel);
  const WITNESS_MARK = 'Témoin';
  /** What a channel was told, barriers left out. */
  const toldTo = (channel: string) => postsTo(channel).filter((call) => !textOf(call.args).includes(WITNESS_MARK));
  let barriers = 0;
  /**
   * A channel's notifications go out in the order they fall due (one loop, oldest due first, paced
   * per channel): once a comment written now on the witness note reaches `channel` (subscribed to
   * it), whatever was queued for that channel before has been posted or dropped.
   */
  const barrier = async (channel: string) => {
    const mark = `${WITNESS_MARK} ${++barriers}`;
    expect((await api(world.lead).post(`/api/documents/${witness.id}/comments`, { body: mark })).status).toBe(201);
    await eventually(() => expect(postsTo(channel).some((call) => textOf(call.args).includes(mark))).toBe(true), 10_000);
  };

  it('brings a comment made in the web app to the subscribed channel, and its button changes the document', async () => {
    await subscribe(world.lead, 'Plan d’action santé des MRE comments', 'CDONE');
    const created = await api(world.commenter).post(`/api/documents/${world.plan.id}/comments`, {
      body: 'Le guichet de Lyon est prêt.',
      anchor: { type: 'measure', measureId: 'm-soon' },
    });
    expect(created.status).toBe(201);
    await eventually(() => expect(postsTo('CDONE')).toHaveLength(1));
    const [post] = postsTo('CDONE');
    expect(textOf(post!.args)).toContain('Le guichet de Lyon est prêt.');
    // A row comment names its measure.
    expect(textOf(post!.args)).toContain('sur la mesure « Guichet santé dans les consulats »');
    const buttons = post!.args.blocks.flatMap((block: any) => block.elements ?? []);
    const markDone = buttons.find((element: any) => element.action_id === 'tsq_measure_done');
    expect(JSON.parse(markDone.value)).toEqual({ d: world.plan.id, m: 'm-soon' });
    expect(buttons.map((element: any) => element.action_id)).toContain('tsq_comment_resolve');

    const peer = connectPeer(env.server.url, world.plan.id, world.lead.token);
    peers.push(peer);
    await peer.synced();
    expect(readMeasures(peer.doc).find((measure) => measure.id === 'm-soon')?.status).toBe('planned');
    const click = await env.slack.interaction(
      blockAction({ user: world.lead.slackId, channel: 'CDONE' }, { type: 'button', action_id: markDone.action_id, value: markDone.value }, env.api.responseUrl('click-done')),
    );
    expect(click.status).toBe(200);
    await eventually(() => expect(readMeasures(peer.doc).find((measure) => measure.id === 'm-soon')).toMatchObject({ status: 'done', progress: 100 }));
    await eventually(() => expect(textOf(env.api.responsesTo('click-done')[0]?.body)).toContain('Guichet santé dans les consulats'));
  });

  it('tells ten edits by three people within the burst window in one message', async () => {
    await subscribe(world.lead, 'Plan d’action santé des MRE edits', 'CBURST');
    await subscribe(world.lead, `${witness.id} comments`, 'CBURST');
    const editors = [world.lead, colleague, world.admin];
    for (let i = 0; i < 10; i++) {
      const response = await api(editors[i % 3]!).patch(`/api/documents/${world.plan.id}`, { title: `Plan d’action santé des MRE` });
      expect(response.status).toBe(200);
    }
    await eventually(() => expect(toldTo('CBURST')).toHaveLength(1));
    await barrier('CBURST');
    expect(toldTo('CBURST')).toHaveLength(1);
    const text = textOf(toldTo('CBURST')[0]!.args);
    expect(text).toContain('10 mise(s) à jour par lead, second, admin');
    expect(text).toContain('10 modification(s)');
  });

  it('tells mentioned people by direct message', async () => {
    const response = await api(world.lead).post(`/api/documents/${world.plan.id}/comments`, { body: `Pouvez-vous relire, @[${world.commenter.id}] ?` });
    expect(response.status).toBe(201);
    await eventually(() => expect(postsTo(world.commenter.slackId)).toHaveLength(1));
    const text = textOf(postsTo(world.commenter.slackId)[0]!.args);
    expect(text).toContain('lead vous a mentionné');
    // The mention reads as the person's name, never as the stored id.
    const name = (await env.server.database.db.selectFrom('users').select('name').where('id', '=', world.commenter.id).executeTakeFirstOrThrow()).name;
    expect(text).toContain(`@${name}`);
    expect(text).not.toContain(world.commenter.id);
    // The author is not told of their own mention (they may get other personal messages: measures their organisation leads).
    expect(postsTo(world.lead.slackId).filter((call) => textOf(call.args).includes('mentionné'))).toHaveLength(0);
  });

  it('never tells a channel about documents its subscriber may not see, nor after the subscriber lost access', async () => {
    await subscribe(world.commenter, 'Plan d’action santé des MRE status comments', 'CLOST');
    await subscribe(world.commenter, `${witness.id} comments`, 'CLOST');
    await subscribe(world.lead, 'sante', 'CORG');
    await api(world.outsider).post(`/api/documents/${world.secret.id}/comments`, { body: 'Secret' });
    const grants = await api(world.admin).get(`/api/documents/${world.plan.id}/access`);
    const emploiGrant = grants.body.grants.find((grant: any) => grant.organisationId === world.organisations.emploi);
    expect((await api(world.admin).delete(`/api/documents/${world.plan.id}/access/${emploiGrant.id}`)).status).toBe(204);
    await api(world.lead).post(`/api/documents/${world.plan.id}/comments`, { body: 'Après le retrait' });
    await eventually(() => expect(postsTo('CORG').length).toBeGreaterThan(0));
    await barrier('CLOST');
    expect(toldTo('CLOST')).toHaveLength(0);
    expect(env.api.calls.some((call) => textOf(call.args).includes('Secret'))).toBe(false);
    await api(world.admin).put(`/api/documents/${world.plan.id}/access`, { organisationId: world.organisations.emploi, level: 'comment' });
  });

  it('retries after Retry-After on 429 and posts once', async () => {
    await subscribe(world.lead, 'Plan d’action santé des MRE status', 'C429');
    await subscribe(world.lead, `${witness.id} comments`, 'C429');
    env.api.fail('chat.postMessage', { rateLimited: 1 }, { when: (args) => args.channel === 'C429' });
    expect((await api(world.lead).post(`/api/documents/${world.plan.id}/transitions`, { to: 'in_review' })).status).toBe(200);
    await eventually(() => expect(postsTo('C429').length).toBe(2), 10_000);
    const [limited, delivered] = postsTo('C429');
    expect(delivered!.at - limited!.at).toBeGreaterThanOrEqual(1_000);
    await barrier('C429');
    expect(toldTo('C429')).toHaveLength(2);
    expect(textOf(delivered!.args)).toContain('brouillon → en relecture');
  });

  it('paces messages to one channel', async () => {
    await subscribe(world.admin, 'Plan culturel confidentiel status', 'CPACE');
    await subscribe(world.admin, 'Plan d’action santé des MRE status', 'CPACE');
    await api(world.outsider).post(`/api/documents/${world.secret.id}/transitions`, { to: 'in_review' });
    await api(world.lead).post(`/api/documents/${world.plan.id}/transitions`, { to: 'draft' });
    await eventually(() => expect(postsTo('CPACE')).toHaveLength(2), 10_000);
    const [first, second] = postsTo('CPACE');
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(380);
  });

  it('tells a commission’s channel about its session: started, current item, decision, closed with the minutes', async () => {
    const db = env.server.database.db;
    const commission = await db
      .insertInto('commissions')
      .values({ kind: 'technical', name_fr: 'Commission technique', name_ar: 'اللجنة التقنية', name_en: 'Technical commission' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('commission_members')
      .values([{ commission_id: commission.id, organisation_id: world.organisations.sante }])
      .execute();
    await subscribe(world.lead, 'Commission technique', 'CSESSION');
    const created = await api(world.admin).post('/api/sessions', {
      commissionId: commission.id,
      title: 'Séance de décembre',
      scheduledAt: new Date().toISOString(),
      items: [{ documentId: world.plan.id, title: 'Plan santé' }],
    });
    expect(created.status).toBe(201);
    const sessionId = created.body.session.id;
    const itemId = created.body.session.items[0].id;
    expect((await api(world.admin).post(`/api/sessions/${sessionId}/start`)).status).toBe(200);
    expect((await api(world.admin).post(`/api/sessions/${sessionId}/current`, { itemId })).status).toBe(200);
    expect((await api(world.admin).post(`/api/sessions/${sessionId}/items/${itemId}/decision`, { decision: 'postponed' })).status).toBe(200);
    expect((await api(world.admin).post(`/api/sessions/${sessionId}/close`)).status).toBe(200);
    // The four may come in one message or several, however the burst was cut.
    await eventually(() => {
      const text = postsTo('CSESSION')
        .map((call) => textOf(call.args))
        .join('\n');
      expect(text).toContain('La séance « Séance de décembre » a commencé.');
      expect(text).toContain('Point en cours : Plan santé');
      expect(text).toContain('Décision sur « Plan santé » : reporté');
      expect(text).toMatch(/est close\. <https:\/\/tansiq\.example\.ma\/documents\/[0-9a-f-]+\|Procès-verbal>/);
    });
  });

  it('tells a channel following the organisation about overdue measures', async () => {
    await subscribe(world.outsider, 'culture : measures', 'COVERDUE');
    const { checkOverdueMeasures } = await import('../../server/jobs/overdue-check.ts');
    // The server's own check ran at start, before this channel subscribed: announce again.
    await env.server.database.db.deleteFrom('measure_overdue_notices').where('document_id', '=', world.secret.id).execute();
    await checkOverdueMeasures(env.server.database.db, env.server.events, systemClock);
    await eventually(() => expect(postsTo('COVERDUE')).toHaveLength(1));
    const post = postsTo('COVERDUE')[0]!;
    expect(textOf(post.args)).toContain('Mesure en retard : « Festival secret »');
    expect(JSON.stringify(post.args.blocks)).toContain('tsq_measure_done');
  });

  it('drops what Slack refuses for good, retries what may pass later, and the web app never notices', async () => {
    await subscribe(world.lead, 'Plan d’action santé des MRE comments', 'CGONE');
    await subscribe(world.lead, 'Plan d’action santé des MRE comments', 'CFLAKY');
    env.api.fail('chat.postMessage', { error: 'channel_not_found' }, { when: (args) => args.channel === 'CGONE' });
    // The comment is stored and answered whatever Slack says: Slack only ever reads the outbox later.
    const created = await api(world.lead).post(`/api/documents/${world.plan.id}/comments`, { body: 'Malgré les pannes' });
    expect(created.status).toBe(201);
    await eventually(() => expect(postsTo('CFLAKY')).toHaveLength(1), 10_000);
    // The refused row is dropped before its subscriber is told the channel is paused: once told, no retry can come.
    await eventually(() => expect(postsTo(world.lead.slackId).some((call) => textOf(call.args).includes('<#CGONE>') && textOf(call.args).includes('suspendus'))).toBe(true));
    expect(postsTo('CGONE')).toHaveLength(1);
    expect(await env.server.database.db.selectFrom('slack_outbox').selectAll().where('channel_id', '=', 'CGONE').execute()).toEqual([]);

    env.api.fail('chat.postMessage', { httpStatus: 500 }, { times: 3, when: (args) => args.channel === 'CFLAKY' });
    await api(world.lead).post(`/api/documents/${world.plan.id}/comments`, { body: 'Après la panne' });
    await eventually(() => expect(postsTo('CFLAKY').filter((call) => textOf(call.args).includes('Après la panne')).length).toBeGreaterThanOrEqual(4), 15_000);
    expect((await fetch(`${env.server.url}/healthz`)).status).toBe(200);
  });
});
