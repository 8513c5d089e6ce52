import type { Kysely } from 'kysely';
import * as Y from 'yjs';
import type { Database, Locale } from '../../db/schema.ts';
import { systemClock, type Clock } from '../../server/clock.ts';
import { projectDocument } from '../../server/collab/projection.ts';
import { writeProjection } from '../../server/collab/projection-writer.ts';
import { measuresOf, newMeasureMap, type MeasureFields } from '../../shared/doc-schema.ts';
import { templateUpdate } from '../../shared/templates.ts';
import { apiToken } from './collab.ts';
import * as fixtures from './fixtures.ts';
import { startTestServer, type TestServer } from './server.ts';
import { SlackApiStandIn } from './slack-api-stand-in.ts';
import { SlackSender } from './slack-requests.ts';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';
export const PUBLIC_URL = 'https://tansiq.example.ma';

export interface SlackTestServer {
  server: TestServer;
  api: SlackApiStandIn;
  slack: SlackSender;
  close(): Promise<void>;
}

/** A Tansiq server with the bot on (HTTP mode), its Web API pointed at a fresh stand-in. */
export async function startSlackServer(env: Record<string, string> = {}, options: { clock?: Clock } = {}): Promise<SlackTestServer> {
  const api = await new SlackApiStandIn().start();
  const server = await startTestServer(
    {
      PUBLIC_URL,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_API_URL: api.apiUrl,
      SLACK_FLUSH_INTERVAL_MS: '50',
      SLACK_COALESCE_QUIET_MS: '200',
      SLACK_COALESCE_MAX_MS: '2000',
      SLACK_CHANNEL_INTERVAL_MS: '0',
      COLLAB_UNLOAD_DELAY_MS: '0',
      COLLAB_PROJECTION_WAIT_MS: '20',
      ...env,
    },
    options,
  );
  return {
    server,
    api,
    slack: new SlackSender(server.url, SIGNING_SECRET),
    close: async () => {
      await server.close();
      await api.close();
    },
  };
}

/**
 * The environment of a Tansiq child process with the bot on (the crash tests spawn and kill one),
 * over `databaseEnv`, its Web API pointed at `api`: quick flushes and short coalescing windows.
 */
export function slackChildEnv(databaseEnv: Record<string, string>, api: SlackApiStandIn, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    ...databaseEnv,
    PUBLIC_URL,
    TANSIQ_DEMO: 'false',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_API_URL: api.apiUrl,
    SLACK_FLUSH_INTERVAL_MS: '50',
    SLACK_COALESCE_QUIET_MS: '100',
    SLACK_COALESCE_MAX_MS: '250',
    SLACK_CHANNEL_INTERVAL_MS: '0',
    SLACK_DELIVERY_LEASE_MS: '2000',
    ...overrides,
  };
}

export interface WorldUser {
  id: string;
  email: string;
  token: string;
  slackId: string;
}

export interface SlackWorld {
  organisations: { mre: string; sante: string; emploi: string; culture: string };
  admin: WorldUser;
  lead: WorldUser;
  commenter: WorldUser;
  outsider: WorldUser;
  /** led by sante, emploi may comment; measures m-late (overdue), m-soon (in progress), m-done */
  plan: { id: string; title: string };
  /** led by culture: sante, emploi and their Slack users must never learn of it */
  secret: { id: string; title: string };
}

/** Organisations, users (each with a Slack user id, not yet linked) and two action plans with measures. */
export async function createSlackWorld(db: Kysely<Database>, today: string): Promise<SlackWorld> {
  const mre = await fixtures.organisation(db, 'mre', 'ministry');
  const sante = await fixtures.organisation(db, 'sante');
  const emploi = await fixtures.organisation(db, 'emploi');
  const culture = await fixtures.organisation(db, 'culture');
  const person = async (organisationId: string, email: string, slackId: string, role: 'admin' | 'member' = 'member'): Promise<WorldUser> => {
    const row = await fixtures.user(db, organisationId, email, role);
    return { id: row.id, email, token: await apiToken(db, row.id), slackId };
  };
  const admin = await person(mre.id, 'admin@mre.gov.ma', 'UADMIN', 'admin');
  const lead = await person(sante.id, 'lead@sante.gov.ma', 'ULEAD');
  const commenter = await person(emploi.id, 'focal@emploi.gov.ma', 'UCOMMENT');
  const outsider = await person(culture.id, 'focal@culture.gov.ma', 'UOUT');
  const late = shiftDay(today, -10);
  const soon = shiftDay(today, 5);
  const plan = await actionPlan(db, sante.id, 'Plan d’action santé des MRE', [
    { id: 'm-late', title: 'Couverture médicale à l’étranger', status: 'in_progress', progress: 30, due: late, leadOrganisationId: sante.id },
    { id: 'm-soon', title: 'Guichet santé dans les consulats', status: 'planned', progress: 0, due: soon, leadOrganisationId: sante.id },
    { id: 'm-done', title: 'Étude des besoins', status: 'done', progress: 100, due: late, leadOrganisationId: sante.id },
  ]);
  await fixtures.grant(db, plan.id, emploi.id, 'comment');
  const secret = await actionPlan(db, culture.id, 'Plan culturel confidentiel', [
    { id: 'c-late', title: 'Festival secret', status: 'planned', progress: 0, due: late, leadOrganisationId: culture.id },
  ]);
  return {
    organisations: { mre: mre.id, sante: sante.id, emploi: emploi.id, culture: culture.id },
    admin,
    lead,
    commenter,
    outsider,
    plan,
    secret,
  };
}

/** An action plan with its template and measures stored as a Yjs update, and projected into SQL. */
export async function actionPlan(db: Kysely<Database>, leadOrganisationId: string, title: string, measures: Array<Partial<MeasureFields> & { id: string }>) {
  const row = await fixtures.document(db, leadOrganisationId, title);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, templateUpdate('action_plan'));
  measuresOf(doc).push(measures.map((measure) => newMeasureMap(measure)));
  await db
    .insertInto('doc_updates')
    .values({ document_id: row.id, data: Y.encodeStateAsUpdate(doc) })
    .execute();
  await writeProjection(db, { documentId: row.id, lastEditorId: null, lastEditedAt: null }, projectDocument(doc));
  doc.destroy();
  return { id: row.id, title };
}

/**
 * A Slack test server and its world, the lead, commenter and admin linked, and a technical
 * commission of santé (the set-up of the follow-up cycle tests).
 */
export async function startSlackWorldWithCommission(): Promise<{ env: SlackTestServer; world: SlackWorld; commissionId: string }> {
  const env = await startSlackServer();
  const db = env.server.database.db;
  const world = await createSlackWorld(db, systemClock.today());
  for (const user of [world.lead, world.commenter, world.admin]) await link(db, user);
  const commissionId = await fixtures.technicalCommission(db, [world.organisations.sante]);
  return { env, world, commissionId };
}

/** Links a Slack user directly (most tests are not about linking). */
export async function link(db: Kysely<Database>, user: WorldUser, team = 'T1'): Promise<void> {
  await db.insertInto('slack_links').values({ team_id: team, slack_user_id: user.slackId, user_id: user.id, method: 'code' }).execute();
}

export async function setLocale(db: Kysely<Database>, user: WorldUser, locale: Locale): Promise<void> {
  await db.updateTable('users').set({ locale }).where('id', '=', user.id).execute();
}

export function shiftDay(day: string, days: number): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Every piece of text in a Block Kit message, to assert on what a reader sees. */
export function textOf(message: { text?: string; blocks?: unknown[] } | undefined): string {
  if (!message) return '';
  const parts: string[] = [message.text ?? ''];
  const walk = (value: unknown) => {
    if (typeof value === 'string') parts.push(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(message.blocks ?? []);
  return parts.join('\n');
}
