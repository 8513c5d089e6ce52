import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { startServer } from '../../server/server.ts';
import { fixedClock } from '../../server/clock.ts';
import { purgeOldAuditEntries } from '../../server/jobs/audit-retention.ts';
import { createAccessWorld, type AccessWorld } from '../helpers/access-world.ts';
import { apiToken, eventually } from '../helpers/collab.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { document } from '../helpers/fixtures.ts';
import { ApiClient } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

/**
 * Five entries in January 2020, long before anything the world's sign-ins write, so every filter
 * below runs inside that month (WINDOW) and its result is known exactly.
 */
const WINDOW = 'from=2020-01-01&to=2020-01-31';

describe('GET /api/audit', () => {
  let server: TestServer;
  let world: AccessWorld;
  const ids: Record<'e1' | 'e2' | 'e3' | 'e4' | 'e5', string> = {} as never;
  let d1: string;
  let d2: string;

  beforeAll(async () => {
    server = await startTestServer();
    const db = server.database.db;
    world = await createAccessWorld(db, server.url);
    // user-typed text a spreadsheet would run as a formula
    await db.updateTable('users').set({ name: '=HYPERLINK("http://evil","x")' }).where('id', '=', world.userIds.editor).execute();
    d1 = (await document(db, world.organisationIds.lead, '+SUM(1,2)')).id;
    d2 = (await document(db, world.organisationIds.lead, 'Plan, "quoted"')).id;
    const rows = [
      { key: 'e1', at: '2020-01-01T10:00:00Z', actor_user_id: world.userIds.lead, action: 'document.status_changed', object_type: 'document', object_id: d1, details: {} },
      {
        key: 'e2',
        at: '2020-01-02T10:00:00Z',
        actor_user_id: world.userIds.editor,
        action: 'comment.deleted',
        object_type: 'comment',
        object_id: 'c-1',
        details: { documentId: d1 },
      },
      {
        key: 'e3',
        at: '2020-01-03T10:00:00Z',
        actor_user_id: world.userIds.admin,
        action: 'organisation.updated',
        object_type: 'organisation',
        object_id: world.organisationIds.lead,
        details: {},
      },
      { key: 'e4', at: '2020-01-04T10:00:00Z', actor_user_id: null, action: 'auth.login_failed', object_type: null, object_id: null, details: { email: '@evil' } },
      { key: 'e5', at: '2020-01-05T10:00:00Z', actor_user_id: world.userIds.editor, action: 'document.updated', object_type: 'document', object_id: d2, details: {} },
    ] as const;
    for (const { key, at, details, ...row } of rows) {
      const inserted = await db
        .insertInto('audit_log')
        .values({ ...row, at: new Date(at), details: JSON.stringify(details), ip: key === 'e4' ? '-1' : '127.0.0.1' })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids[key] = String(inserted.id);
    }
  });
  afterAll(() => server?.close());

  async function listed(query: string) {
    const response = await world.clients.admin.get(`/api/audit?${query}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return (response.body.entries as { id: string }[]).map((entry) => entry.id);
  }

  it('lists the window newest first, with the actor, their organisation and the document resolved', async () => {
    expect(await listed(WINDOW)).toEqual([ids.e5, ids.e4, ids.e3, ids.e2, ids.e1]);
    const { body } = await world.clients.admin.get(`/api/audit?${WINDOW}&action=document.status_changed`);
    expect(body.entries[0]).toEqual({
      id: ids.e1,
      at: '2020-01-01T10:00:00.000Z',
      action: 'document.status_changed',
      actor: { id: world.userIds.lead, name: 'lead', email: 'lead@tansiq.test' },
      organisation: { id: world.organisationIds.lead, code: 'sante', names: { fr: 'Org sante', ar: 'منظمة sante', en: 'Org sante' } },
      object: { type: 'document', id: d1, title: '+SUM(1,2)' },
      details: {},
      ip: '127.0.0.1',
    });
    expect(body.nextCursor).toBeNull();
  });

  it('filters by actor, organisation (member of, or about), document (about, or naming it), action', async () => {
    expect(await listed(`${WINDOW}&actor=${world.userIds.editor}`)).toEqual([ids.e5, ids.e2]);
    expect(await listed(`${WINDOW}&organisation=${world.organisationIds.lead}`)).toEqual([ids.e3, ids.e1]);
    expect(await listed(`${WINDOW}&document=${d1}`)).toEqual([ids.e2, ids.e1]);
    expect(await listed(`${WINDOW}&action=auth.login_failed`)).toEqual([ids.e4]);
    expect(await listed(`${WINDOW}&actor=${world.userIds.editor}&document=${d1}`)).toEqual([ids.e2]);
  });

  it('filters by dates: `to` includes its whole day, instants are exact', async () => {
    expect(await listed('from=2020-01-02&to=2020-01-04')).toEqual([ids.e4, ids.e3, ids.e2]);
    expect(await listed('from=2020-01-03&to=2020-01-03')).toEqual([ids.e3]);
    expect(await listed('from=2020-01-02T10:00:00Z&to=2020-01-03T09:59:59Z')).toEqual([ids.e2]);
    expect(await listed(`from=${encodeURIComponent('2020-01-05T11:00:00+01:00')}&to=2020-01-06`)).toEqual([ids.e5]);
  });

  it('pages with a cursor, without gaps or repeats, ending with a null cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response = await world.clients.admin.get(`/api/audit?${WINDOW}&limit=2${cursor ? `&before=${cursor}` : ''}`);
      expect(response.status).toBe(200);
      seen.push(...response.body.entries.map((entry: { id: string }) => entry.id));
      cursor = response.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([ids.e5, ids.e4, ids.e3, ids.e2, ids.e1]);
    // a page that holds exactly the rest is the last one
    const exact = await world.clients.admin.get(`/api/audit?${WINDOW}&limit=5`);
    expect(exact.body.entries).toHaveLength(5);
    expect(exact.body.nextCursor).toBeNull();
  });

  it('refuses malformed filters with 400', async () => {
    for (const query of [
      'actor=nope',
      'organisation=1',
      'document=x',
      'action=drop.table',
      'from=2020-13-01',
      'from=yesterday',
      'limit=0',
      'limit=201',
      'before=-1',
      'from=2020-01-05&to=2020-01-01',
      'format=xml',
      'extra=1',
    ]) {
      const response = await world.clients.admin.get(`/api/audit?${query}`);
      expect(response.status, query).toBe(400);
      expect(response.body.error.code, query).toBe('validation_failed');
    }
  });

  it('exports the same filtered set as CSV, formulas neutralised, quotes escaped', async () => {
    for (const path of [`/api/audit?format=csv&${WINDOW}`, `/api/audit.csv?${WINDOW}`]) {
      const response = await world.clients.admin.get(path);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="audit-\d{4}-\d{2}-\d{2}\.csv"$/);
      const lines = (response.body as string)
        .replace(/^\uFEFF/, '')
        .trimEnd()
        .split('\r\n');
      expect(lines[0]).toBe('id,at,action,actor_id,actor_name,actor_email,organisation_code,object_type,object_id,object_title,ip,details');
      expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual([ids.e5, ids.e4, ids.e3, ids.e2, ids.e1]);
      expect(lines[1]).toBe(
        `${ids.e5},2020-01-05T10:00:00.000Z,document.updated,${world.userIds.editor},"'=HYPERLINK(""http://evil"",""x"")",editor@tansiq.test,education,document,${d2},"Plan, ""quoted""",127.0.0.1,{}`,
      );
      expect(lines[2]).toBe(`${ids.e4},2020-01-04T10:00:00.000Z,auth.login_failed,,,,,,,,'-1,"{""email"":""@evil""}"`);
      expect(lines[5]).toContain(`,document,${d1},"'+SUM(1,2)",`);
    }
    const filtered = await world.clients.admin.get(`/api/audit.csv?${WINDOW}&actor=${world.userIds.editor}`);
    expect(
      (filtered.body as string)
        .trimEnd()
        .split('\r\n')
        .slice(1)
        .map((line) => line.split(',')[0]),
    ).toEqual([ids.e5, ids.e2]);
  });

  it("does not exist (404) for a member, an anonymous visitor, or a member's API token, whatever the query", async () => {
    const memberToken = ApiClient.withToken(server.url, await apiToken(server.database.db, world.userIds.lead));
    const refused = [world.clients.lead, world.clients.outsider, new ApiClient(server.url), memberToken];
    for (const client of refused) {
      for (const path of ['/api/audit', `/api/audit?${WINDOW}`, '/api/audit?actor=nope', '/api/audit.csv', '/api/audit?format=csv']) {
        const response = await client.get(path);
        expect(response.status, path).toBe(404);
        expect(response.body).toEqual({ error: { code: 'not_found', message: 'Resource not found.' } });
      }
    }
    const adminToken = ApiClient.withToken(server.url, await apiToken(server.database.db, world.userIds.admin));
    expect((await adminToken.get(`/api/audit?${WINDOW}`)).status).toBe(200);
  });

  it('the retention job deletes entries older than the retention, as of its clock', async () => {
    const clock = fixedClock(new Date('2020-01-04T12:00:00Z'));
    // cutoff 2020-01-02T12:00Z: e1 and e2 go; everything newer, including today's sign-ins, stays
    expect(await purgeOldAuditEntries(server.database.db, clock, 2)).toBe(2);
    expect(await listed(WINDOW)).toEqual([ids.e5, ids.e4, ids.e3]);
    expect(await purgeOldAuditEntries(server.database.db, clock, 2)).toBe(0);
    clock.set(new Date('2020-01-06T10:00:00Z'));
    expect(await purgeOldAuditEntries(server.database.db, clock, 1)).toBe(2);
    expect(await listed(WINDOW)).toEqual([ids.e5]);
    expect((await listed('')).length).toBeGreaterThan(1);
  });
});

describe('AUDIT_RETENTION_DAYS on a running server', () => {
  it('the server runs the retention job with its own clock', async () => {
    const clock = fixedClock(new Date('2030-06-01T00:00:00Z'));
    const database = await createTestDatabase();
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', TANSIQ_DEMO: 'false', METRICS_PORT: 'off', AUDIT_RETENTION_DAYS: '30' });
    const running = await startServer(config, { database, logger: pino({ level: 'silent' }), clock });
    try {
      const at = (day: string) => ({ at: new Date(day), action: 'auth.logout', details: '{}' });
      await database.db
        .insertInto('audit_log')
        .values([at('2030-04-01T00:00:00Z'), at('2030-05-15T00:00:00Z')])
        .execute();
      // the first run comes a few seconds after start; then only the entry within 30 days is left
      await eventually(
        async () => {
          const left = await database.db.selectFrom('audit_log').select('at').where('action', '=', 'auth.logout').execute();
          expect(left.map((row) => row.at.toISOString())).toEqual(['2030-05-15T00:00:00.000Z']);
        },
        20_000,
        200,
      );
    } finally {
      await running.close(); // closes (and on PostgreSQL drops) the database too
    }
  });
});
