import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../server/clock.ts';
import { freePort, spawnServer, type ChildServer } from '../helpers/child-server.ts';
import { eventually } from '../helpers/collab.ts';
import * as fixtures from '../helpers/fixtures.ts';
import { ApiClient } from '../helpers/http.ts';
import { createPersistentDatabase, withDatabase, type PersistentDatabase } from '../helpers/persistent-database.ts';
import { SlackApiStandIn, type RecordedCall } from '../helpers/slack-api-stand-in.ts';
import { createSlackWorld, link, slackChildEnv, type SlackWorld, type WorldUser } from '../helpers/slack-world.ts';

/** Rounds of open, remind, close (CYCLE_CRASH_ROUNDS for a longer run). */
const ROUNDS = Number(process.env.CYCLE_CRASH_ROUNDS ?? 3);
const SLOW = { timeout: 600_000 };
/** Channels following the cycles' commission (opening, reminders, close). */
const COMMISSION_CHANNELS = ['CCYC1', 'CCYC2', 'CCYC3', 'CCYC4'];
/** A channel following the plan the cycles report on (opening and close only). */
const PLAN_CHANNEL = 'CPLAN';

type Kind = 'opened' | 'reminder' | 'closed';
/**
 * Where the process dies: right after the change answered (its event committed, its notices not
 * yet out), or as the second of its notices reaches Slack, which keeps the message (the process
 * dies before it hears back) or never gets it (the connection breaks).
 */
type Kill = 'after commit' | 'in flight, kept' | 'in flight, lost';
const KILLS: Kill[] = ['after commit', 'in flight, kept', 'in flight, lost'];

/**
 * Follow-up cycle notices across SIGKILL: rounds of a cycle opened, reminded and closed, the
 * server process killed once per change at a different point of its notices' way to Slack, then
 * started again. Every notice (per conversation, period and kind) reaches the faithful stand-in
 * exactly once, each batch id once: none lost, none posted twice. Figures are printed.
 */
describe('follow-up cycle notices across SIGKILL', () => {
  let database: PersistentDatabase;
  let api: SlackApiStandIn;
  let world: SlackWorld;
  let focalPoints: WorldUser[];
  let commissionId: string;
  let env: Record<string, string>;
  let server: ChildServer | undefined;

  beforeAll(async () => {
    api = await new SlackApiStandIn().start();
    database = await createPersistentDatabase();
    ({ world, focalPoints, commissionId } = await withDatabase(database, async ({ db }) => {
      const created = await createSlackWorld(db, systemClock.today());
      // Three linked focal points of the organisation owing the reports, each reminded by direct message.
      const more: WorldUser[] = [];
      for (const n of [2, 3]) {
        const row = await fixtures.user(db, created.organisations.sante, `focal${n}@sante.gov.ma`);
        more.push({ id: row.id, email: row.email, token: '', slackId: `USANTE${n}` });
      }
      for (const user of [created.lead, ...more]) await link(db, user);
      const commission = await db
        .insertInto('commissions')
        .values({ kind: 'technical', name_fr: 'Commission technique', name_ar: 'اللجنة التقنية', name_en: 'Technical commission' })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db.insertInto('commission_members').values({ commission_id: commission.id, organisation_id: created.organisations.sante }).execute();
      await db
        .insertInto('slack_subscriptions')
        .values([
          ...COMMISSION_CHANNELS.map((channel) => ({
            team_id: 'T1',
            channel_id: channel,
            object_type: 'commission' as const,
            object_id: commission.id,
            events: ['sessions'],
            created_by: created.admin.id,
          })),
          { team_id: 'T1', channel_id: PLAN_CHANNEL, object_type: 'document' as const, object_id: created.plan.id, events: ['comments'], created_by: created.lead.id },
        ])
        .execute();
      return { world: created, focalPoints: [created.lead, ...more], commissionId: commission.id };
    }));
    env = slackChildEnv(database.env, api);
  }, 120_000);
  afterAll(async () => {
    await server?.kill9();
    await api?.close();
    await database?.dispose();
  });

  /** Who hears of a change: the channels, and for a reminder the focal points by direct message. */
  const audienceOf = (kind: Kind) => (kind === 'reminder' ? [...COMMISSION_CHANNELS, ...focalPoints.map((user) => user.slackId)] : [...COMMISSION_CHANNELS, PLAN_CHANNEL]);
  const kindOf = (text: string): Kind | null => (/ouvert :/.test(text) ? 'opened' : /clos :/.test(text) ? 'closed' : /Rappel :|encore attendus/.test(text) ? 'reminder' : null);
  const periodOf = (text: string) => /\*([^*]+)\*/.exec(text)?.[1] ?? '?';
  /** Posts Slack never got (the connection broke): made, but not told. */
  const lost = new Set<RecordedCall>();
  /** Every cycle notice Slack took. */
  const notices = () => api.callsOf('chat.postMessage').filter((call) => kindOf(String(call.args.text)) !== null && !lost.has(call));
  const batchOf = (call: RecordedCall) => String(call.args.metadata?.event_payload?.batch);
  const keyOf = (call: RecordedCall) => `${call.args.channel}|${periodOf(String(call.args.text))}|${kindOf(String(call.args.text))}`;
  const noticesOf = (period: string, kind: Kind) => notices().filter((call) => periodOf(String(call.args.text)) === period && kindOf(String(call.args.text)) === kind);

  const expected = new Set<string>();
  const figures: Array<{ period: string; kind: Kind; kill: Kill; beforeKill: number }> = [];

  /** Makes the change while the server runs, kills it as `kill` says, starts it again and waits for the change's notices. */
  async function changeAndKill(period: string, kind: Kind, kill: Kill, change: (admin: ApiClient) => Promise<number>): Promise<void> {
    const victim = server!;
    let killed: Promise<void> | undefined;
    let inFlight: RecordedCall | undefined;
    if (kill !== 'after commit') {
      // Slack is slow to answer: the process waits on the post when it dies.
      api.slow('chat.postMessage', 1_000);
      const ofChange = (args: Record<string, any>) => periodOf(String(args.text)) === period && kindOf(String(args.text)) === kind;
      // The change's second post (a call is recorded before it is answered, failed or not).
      const second = (args: Record<string, any>) => {
        if (!ofChange(args)) return false;
        const posts = api.callsOf('chat.postMessage').filter((call) => ofChange(call.args));
        return posts.length === 2 && posts[1]!.args === args;
      };
      if (kill === 'in flight, lost') api.fail('chat.postMessage', { httpStatus: 503 }, { when: second });
      api.onCall = (call) => {
        if (!killed && call.method === 'chat.postMessage' && second(call.args)) {
          inFlight = call;
          if (kill === 'in flight, lost') lost.add(call);
          killed = victim.kill9();
        }
      };
    }
    expect(await change(ApiClient.withToken(victim.url, world.admin.token))).toBeLessThan(300);
    for (const audience of audienceOf(kind)) expected.add(`${audience}|${period}|${kind}`);
    if (kill === 'after commit') killed = victim.kill9();
    await eventually(() => expect(killed).toBeDefined(), 30_000);
    await killed;
    api.onCall = undefined;
    api.slow('chat.postMessage', 0);
    figures.push({ period, kind, kill, beforeKill: noticesOf(period, kind).length });
    const restartedAt = Date.now();
    server = await spawnServer(await freePort(), env);
    await eventually(() => expect(new Set(noticesOf(period, kind).map(keyOf))).toEqual(new Set(audienceOf(kind).map((audience) => `${audience}|${period}|${kind}`))), 60_000);
    if (inFlight) {
      // The dead process's lease runs out (2 s) and the post it was making is looked up in Slack first.
      const target = String(inFlight.args.channel);
      const history = /^[UW]/.test(target) ? `D${target}` : target;
      await eventually(() => expect(api.callsOf('conversations.history').some((call) => call.args.channel === history && call.at >= restartedAt)).toBe(true), 30_000);
    }
  }

  it('each notice reaches Slack once, whatever the kill', SLOW, async () => {
    server = await spawnServer(await freePort(), env);
    for (let round = 0; round < ROUNDS; round++) {
      const period = `Crash ${round}`;
      let cycleId = '';
      const killFor = (event: number) => KILLS[(round + event) % KILLS.length]!;
      await changeAndKill(period, 'opened', killFor(0), async (admin) => {
        const opened = await admin.post('/api/cycles', { period, commissionId, opensOn: systemClock.today(), dueOn: '2099-01-31' });
        cycleId = opened.body.cycle?.id;
        return opened.status;
      });
      await changeAndKill(period, 'reminder', killFor(1), async (admin) => {
        const reminded = await admin.post(`/api/cycles/${cycleId}/remind`, {});
        expect(reminded.body.organisationIds).toEqual([world.organisations.sante]);
        return reminded.status;
      });
      await changeAndKill(period, 'closed', killFor(2), async (admin) => (await admin.post(`/api/cycles/${cycleId}/close`, {})).status);
    }
    // Barrier: the notifier delivers due rows oldest first, so once a later cycle's reminder has
    // reached every conversation, each row queued before it has been posted or found posted.
    const admin = ApiClient.withToken(server.url, world.admin.token);
    const opened = await admin.post('/api/cycles', { period: 'Barrier', commissionId, opensOn: systemClock.today(), dueOn: '2099-01-31' });
    expect(opened.status).toBe(201);
    expect((await admin.post(`/api/cycles/${opened.body.cycle.id}/remind`, {})).status).toBe(200);
    await eventually(() => expect(noticesOf('Barrier', 'reminder')).toHaveLength(audienceOf('reminder').length), 30_000);

    const told = notices().filter((call) => periodOf(String(call.args.text)) !== 'Barrier');
    const perKey = new Map<string, number>();
    for (const call of told) perKey.set(keyOf(call), (perKey.get(keyOf(call)) ?? 0) + 1);
    const perBatch = new Map<string, number>();
    for (const call of told) perBatch.set(batchOf(call), (perBatch.get(batchOf(call)) ?? 0) + 1);
    const twice = [...perKey.values()].filter((count) => count > 1).length;
    const missing = [...expected].filter((key) => !perKey.has(key));
    const database = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';
    for (const figure of figures)
      console.info(
        `[cycle SIGKILL, ${database}] ${figure.period} ${figure.kind}: killed ${figure.kill}, ${figure.beforeKill} of ${audienceOf(figure.kind).length} notices out before the kill`,
      );
    console.info(
      `[cycle SIGKILL, ${database}] runs (kills and restarts) ${figures.length}; notices expected ${expected.size}; posted ${perKey.size}; posted twice ${twice}; missing ${missing.length}; ` +
        `posts ${told.length}; batch ids ${perBatch.size}; Slack history lookups ${api.callsOf('conversations.history').length}`,
    );
    expect(missing).toEqual([]);
    expect([...perKey.keys()].filter((key) => !expected.has(key))).toEqual([]);
    expect(twice).toBe(0);
    expect([...perBatch.values()].every((count) => count === 1)).toBe(true);
    expect(told).toHaveLength(expected.size);
  });
});
