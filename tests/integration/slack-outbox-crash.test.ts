import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../server/clock.ts';
import { freePort, spawnServer, type ChildServer } from '../helpers/child-server.ts';
import { eventually } from '../helpers/collab.ts';
import { ApiClient } from '../helpers/http.ts';
import { createPersistentDatabase, withDatabase, type PersistentDatabase } from '../helpers/persistent-database.ts';
import { SlackApiStandIn, type RecordedCall } from '../helpers/slack-api-stand-in.ts';
import { createSlackWorld, link, slackChildEnv, textOf, type SlackWorld, type WorldUser } from '../helpers/slack-world.ts';

const BURST = 30;
const SLOW = { timeout: 180_000 };

/**
 * A server process stopped (SIGTERM) or killed (SIGKILL) during a burst of 30 comments, then
 * started again: every stored comment reaches its channel in exactly one message. Figures
 * (messages out, their pacing) are printed for the README.
 */
describe('Slack notifications across SIGTERM and SIGKILL', () => {
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
      for (const user of [created.lead, created.outsider]) await link(db, user);
      await db
        .insertInto('slack_subscriptions')
        .values([
          { team_id: 'T1', channel_id: 'CTERM', object_type: 'document', object_id: created.plan.id, events: ['comments'], created_by: created.lead.id },
          { team_id: 'T1', channel_id: 'CKILL', object_type: 'document', object_id: created.secret.id, events: ['comments'], created_by: created.outsider.id },
        ])
        .execute();
      return created;
    });
    env = slackChildEnv(database.env, api, { SLACK_CHANNEL_INTERVAL_MS: '500' });
  }, 120_000);
  afterAll(async () => {
    await server?.kill9();
    await api?.close();
    await database?.dispose();
  });

  const postsTo = (channel: string) => api.callsOf('chat.postMessage').filter((call) => call.args.channel === channel);
  const batchOf = (call: RecordedCall) => call.args.metadata?.event_payload as { batch: string; events: number };
  const comment = (user: WorldUser, documentId: string, body: string) =>
    ApiClient.withToken(server!.url, user.token)
      .post(`/api/documents/${documentId}/comments`, { body })
      .then((response) => response.status)
      .catch(() => 0);
  /**
   * One loop delivers a channel's rows in the order they fall due, and takes in new events only
   * between deliveries: once a comment written now reaches `channel`, every row queued or claimed
   * for it before has been posted or dropped. Returns the barrier's post; the caller leaves it out.
   */
  async function barrier(user: WorldUser, documentId: string, channel: string, body: string): Promise<RecordedCall> {
    expect(await comment(user, documentId, body)).toBe(201);
    await eventually(() => expect(postsTo(channel).some((call) => textOf(call.args).includes(body))).toBe(true), 15_000);
    const post = postsTo(channel).find((call) => textOf(call.args).includes(body))!;
    // Alone in its batch: nothing left over from before was waiting to be told with it.
    expect(batchOf(post).events).toBe(1);
    return post;
  }
  const storedComments = (documentId: string) =>
    withDatabase(database, async ({ db }) => (await db.selectFrom('comments').select('id').where('document_id', '=', documentId).execute()).length);

  function report(name: string, channel: string, stored: number, barrierPost: RecordedCall) {
    const posts = postsTo(channel).filter((call) => call !== barrierPost);
    const gaps = posts.slice(1).map((post, index) => post.at - posts[index]!.at);
    const batches = posts.map(batchOf);
    console.info(
      `[${name}] stored comments ${stored}; messages out ${posts.length}; batches ${new Set(batches.map((batch) => batch.batch)).size}; events told ${batches.reduce((sum, batch) => sum + batch.events, 0)}; ` +
        `gaps between posts (ms) min ${Math.min(...gaps)} max ${Math.max(...gaps)}`,
    );
  }

  it('SIGTERM during the burst: every stored comment told once', SLOW, async () => {
    server = await spawnServer(await freePort(), env);
    const statuses: Array<Promise<number>> = [];
    for (let i = 0; i < BURST; i++) {
      statuses.push(comment(world.lead, world.plan.id, `term-${String(i).padStart(2, '0')}`));
      if (i === BURST / 2) {
        // Half the burst acknowledged, the rest in flight: a clean stop now.
        await Promise.all(statuses.slice(0, BURST / 2));
        void server.stop();
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const answered = await Promise.all(statuses);
    await server.stop();
    const stored = await storedComments(world.plan.id);
    expect(stored).toBeGreaterThanOrEqual(answered.filter((status) => status === 201).length);
    server = await spawnServer(await freePort(), env);
    await eventually(
      () =>
        expect(
          postsTo('CTERM')
            .map(batchOf)
            .reduce((sum, batch) => sum + batch.events, 0),
        ).toBe(stored),
      30_000,
    );
    // A clean stop finishes the delivery under way: no row stays claimed, so the new process's order holds for all of them.
    const last = await barrier(world.lead, world.plan.id, 'CTERM', 'term-barrier');
    const batches = postsTo('CTERM')
      .filter((call) => call !== last)
      .map(batchOf);
    expect(new Set(batches.map((batch) => batch.batch)).size).toBe(batches.length);
    expect(batches.reduce((sum, batch) => sum + batch.events, 0)).toBe(stored);
    report('SIGTERM', 'CTERM', stored, last);
    await server.stop();
    server = undefined;
  });

  it('SIGKILL while a message is on its way to Slack: told once, not twice after the restart', SLOW, async () => {
    server = await spawnServer(await freePort(), env);
    const victim = server;
    let killed: Promise<void> | undefined;
    // Slack takes the message, then the process dies before it hears back.
    api.slow('chat.postMessage', 1_500);
    let acknowledged = 0;
    // Past the middle of the burst, the next message to the channel is the one in flight at the kill.
    api.onCall = (call) => {
      if (call.method === 'chat.postMessage' && call.args.channel === 'CKILL' && acknowledged >= BURST / 2 && !killed) killed = victim.kill9();
    };
    // The burst goes on until the process is gone: requests after that fail, stored comments count.
    const statuses: number[] = [];
    for (let i = 0; i < BURST; i++) {
      const status = await comment(world.outsider, world.secret.id, `kill-${String(i).padStart(2, '0')}`);
      if (status === 201) acknowledged++;
      statuses.push(status);
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    await eventually(() => expect(killed).toBeDefined(), 20_000);
    await killed;
    api.onCall = undefined;
    api.slow('chat.postMessage', 0);
    const inFlight = postsTo('CKILL').at(-1)!;
    const postsBeforeRestart = postsTo('CKILL').length;
    const stored = await storedComments(world.secret.id);
    expect(stored).toBeGreaterThanOrEqual(statuses.filter((status) => status === 201).length);
    server = await spawnServer(await freePort(), env);
    await eventually(
      () =>
        expect(
          postsTo('CKILL')
            .map(batchOf)
            .reduce((sum, batch) => sum + batch.events, 0),
        ).toBe(stored),
      30_000,
    );
    // The killed process's lease runs out (2 s) and its batch is looked up, not posted again.
    await eventually(() => expect(api.callsOf('conversations.history').some((call) => call.args.channel === 'CKILL')).toBe(true), 15_000);
    // Its fate (posted again or not) is decided in the delivery that asked: the barrier's comment is taken in after it.
    const last = await barrier(world.outsider, world.secret.id, 'CKILL', 'kill-barrier');
    const batches = postsTo('CKILL')
      .filter((call) => call !== last)
      .map(batchOf);
    expect(new Set(batches.map((batch) => batch.batch)).size).toBe(batches.length);
    expect(batches.reduce((sum, batch) => sum + batch.events, 0)).toBe(stored);
    // The batch in flight at the kill is not among those posted after the restart.
    expect(
      postsTo('CKILL')
        .slice(postsBeforeRestart)
        .map(batchOf)
        .map((batch) => batch.batch),
    ).not.toContain(batchOf(inFlight).batch);
    report('SIGKILL', 'CKILL', stored, last);
  });
});
