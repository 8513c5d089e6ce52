import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../server/clock.ts';
import { freePort, spawnServer, type ChildServer } from '../helpers/child-server.ts';
import { eventually } from '../helpers/collab.ts';
import { ApiClient } from '../helpers/http.ts';
import { createPersistentDatabase, withDatabase, type PersistentDatabase } from '../helpers/persistent-database.ts';
import { SlackApiStandIn, type RecordedCall } from '../helpers/slack-api-stand-in.ts';
import { blockAction, SlackSender } from '../helpers/slack-requests.ts';
import { createSlackWorld, link, SIGNING_SECRET, slackChildEnv, textOf, type SlackWorld, type WorldUser } from '../helpers/slack-world.ts';

const SLOW = { timeout: 300_000 };

/**
 * The bot's posts that are retried after a crash, with the process killed (SIGKILL) while Slack
 * takes the post and before the process hears back: after the restart each is looked up in Slack
 * (message metadata) and not posted again. A Tansiq reply in the Slack thread of a comment card
 * (conversations.replies), and the weekly digest (conversations.history of the direct messages).
 */
describe('Slack posts in flight at a SIGKILL: thread replies and the weekly digest', () => {
  let database: PersistentDatabase;
  let api: SlackApiStandIn;
  let world: SlackWorld;
  let env: Record<string, string>;
  let server: ChildServer | undefined;

  beforeAll(async () => {
    api = await new SlackApiStandIn().start();
    database = await createPersistentDatabase();
    world = await withDatabase(database, async ({ db }) => {
      const created = await createSlackWorld(db, systemClock.today());
      for (const user of [created.lead, created.commenter, created.admin]) await link(db, user);
      return created;
    });
    env = slackChildEnv(database.env, api);
  }, 120_000);
  afterAll(async () => {
    await server?.kill9();
    await api?.close();
    await database?.dispose();
  });

  const comment = async (user: WorldUser, body: string, threadId?: string) => {
    const created = await ApiClient.withToken(server!.url, user.token).post(`/api/documents/${world.plan.id}/comments`, { body, ...(threadId ? { threadId } : {}) });
    expect(created.status).toBe(201);
    return created.body.comment.id as string;
  };
  const threadPosts = (cardTs: string, text: string) =>
    api.callsOf('chat.postMessage').filter((call) => call.args.channel === 'CTHREAD' && call.args.thread_ts === cardTs && textOf(call.args).includes(text));

  /** The process is killed as the first call of `method` that `when` picks reaches Slack (which keeps what it was sent). */
  function killOn(victim: ChildServer, when: (call: RecordedCall) => boolean): () => Promise<void> | undefined {
    let killed: Promise<void> | undefined;
    api.slow('chat.postMessage', 1_500);
    api.onCall = (call) => {
      if (call.method === 'chat.postMessage' && !killed && when(call)) killed = victim.kill9();
    };
    return () => killed;
  }
  async function afterKill(killed: () => Promise<void> | undefined): Promise<void> {
    await eventually(() => expect(killed()).toBeDefined(), 30_000);
    await killed();
    api.onCall = undefined;
    api.slow('chat.postMessage', 0);
  }
  const digestsTo = (user: WorldUser) =>
    api.callsOf('chat.postMessage').filter((call) => call.args.channel === user.slackId && call.args.metadata?.event_type === 'tansiq_weekly_digest');

  it('the weekly digest in flight at the kill is sent once, not again after the restart', SLOW, async () => {
    server = await spawnServer(await freePort(), env);
    const killed = killOn(server, (call) => call.args.metadata?.event_type === 'tansiq_weekly_digest');
    // The focal point asks for the digest in App Home: it goes out at once (this week's).
    const slack = new SlackSender(server.url, SIGNING_SECRET);
    await slack.interaction({
      ...blockAction({ user: world.commenter.slackId }, { type: 'button', action_id: 'tsq_settings_digest', value: JSON.stringify({ digest: '1' }) }, ''),
      container: { type: 'view', view_id: 'VHOME' },
      view: { id: 'VHOME', type: 'home' },
      response_url: undefined,
      channel: undefined,
    });
    await afterKill(killed);
    expect(digestsTo(world.commenter)).toHaveLength(1);

    server = await spawnServer(await freePort(), env);
    // The claim's attempt is older than the lease (2 s): the direct messages are read, the digest found.
    await eventually(() => expect(api.callsOf('conversations.history').some((call) => call.args.channel === `D${world.commenter.slackId}`)).toBe(true), 30_000);
    // Barrier: a later direct message to the same person arrives after the recovered digest was dealt with.
    await comment(world.lead, `Le résumé est-il arrivé ? @[${world.commenter.id}]`);
    await eventually(
      () =>
        expect(api.callsOf('chat.postMessage').some((call) => call.args.channel === world.commenter.slackId && textOf(call.args).includes('Le résumé est-il arrivé'))).toBe(true),
      30_000,
    );
    expect(digestsTo(world.commenter)).toHaveLength(1);
  });

  it('a reply in the thread in flight at the kill is posted once, not again after the restart', SLOW, async () => {
    server ??= await spawnServer(await freePort(), env);
    const subscribed = await new SlackSender(server.url, SIGNING_SECRET).command('subscribe Plan d’action santé des MRE comments', {
      user: world.lead.slackId,
      channel: 'CTHREAD',
      responseUrl: api.responseUrl('subscribe'),
    });
    expect(textOf(subscribed.json)).toMatch(/suit désormais/);
    const root = await comment(world.commenter, 'Le calendrier tient-il ?');
    await eventually(
      () => expect(api.callsOf('chat.postMessage').some((call) => call.args.channel === 'CTHREAD' && textOf(call.args).includes('Le calendrier tient-il'))).toBe(true),
      30_000,
    );
    // The card is remembered (with its thread) in the loop tick that posted it, before any later event is taken in.
    // (the channel's first message since it subscribed)
    const cardTs = api.history.get('CTHREAD')!.at(-1)!.ts;

    // Slack takes the reply, then the process dies before it hears back.
    const killed = killOn(server, (call) => call.args.thread_ts === cardTs);
    await comment(world.admin, 'Calendrier confirmé par la coordination.', root);
    await afterKill(killed);
    expect(threadPosts(cardTs, 'Calendrier confirmé')).toHaveLength(1);
    const inFlight = threadPosts(cardTs, 'Calendrier confirmé')[0]!.args.metadata.event_payload.post;

    server = await spawnServer(await freePort(), env);
    // The dead process's lease runs out (2 s); the reply is looked up in the thread, found, not posted again.
    await eventually(() => expect(api.callsOf('conversations.replies').some((call) => call.args.channel === 'CTHREAD' && call.args.ts === cardTs)).toBe(true), 30_000);
    // Barrier: a later reply reaches the thread, after the recovered one was dealt with.
    await comment(world.lead, 'Merci, noté.', root);
    await eventually(() => expect(threadPosts(cardTs, 'Merci, noté')).toHaveLength(1), 30_000);
    expect(threadPosts(cardTs, 'Calendrier confirmé')).toHaveLength(1);
    expect(threadPosts(cardTs, 'Merci, noté')[0]!.args.metadata.event_payload.post).not.toBe(inFlight);
    console.info(
      `[thread SIGKILL] replies posted in the thread: ${api.callsOf('chat.postMessage').filter((call) => call.args.thread_ts === cardTs).length} for 2 replies; lookups ${api.callsOf('conversations.replies').length}`,
    );
  });
});
