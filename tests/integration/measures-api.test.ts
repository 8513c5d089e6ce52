import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../server/clock.ts';
import * as fixtures from '../helpers/fixtures.ts';
import { ApiClient } from '../helpers/http.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { startServer, type RunningServer } from '../../server/server.ts';
import { loadConfig } from '../../server/config.ts';
import pino from 'pino';

describe('measures and dashboard API', () => {
  let server: RunningServer;
  const api = {} as { sante: ApiClient; oim: ApiClient };
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const database = await createTestDatabase();
    server = await startServer(loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', TANSIQ_DEMO: 'false', METRICS_PORT: 'off' }), {
      database,
      logger: pino({ level: 'silent' }),
      clock: fixedClock(new Date('2026-11-28T10:00:00Z')),
    });
    const db = database.db;
    const sante = await fixtures.organisation(db, 'sante');
    const emploi = await fixtures.organisation(db, 'emploi');
    const oim = await fixtures.organisation(db, 'oim', 'international_org');
    ids.sante = sante.id;
    ids.emploi = emploi.id;
    await fixtures.user(db, sante.id, 'a@sante.ma');
    await fixtures.user(db, oim.id, 'b@oim.int');
    const plan = await fixtures.document(db, sante.id, 'Plan santé');
    const hidden = await fixtures.document(db, emploi.id, 'Plan emploi');
    ids.plan = plan.id;
    const measure = (documentId: string, id: string, status: string, due: string | null, lead: string, partners: string[] = []) => ({
      document_id: documentId,
      id,
      position: 0,
      title: `Mesure ${id}`,
      lead_organisation_id: lead,
      partner_organisation_ids: partners,
      start_date: '2026-01-01',
      due_date: due,
      status: status as never,
      progress: 10,
      indicator: '',
      budget: 1500.5,
    });
    await db
      .insertInto('measures')
      .values([
        measure(plan.id, 'late', 'in_progress', '2026-10-01', sante.id, [oim.id]),
        measure(plan.id, 'done-late', 'done', '2026-10-01', sante.id),
        measure(plan.id, 'future', 'planned', '2027-03-01', sante.id),
        measure(hidden.id, 'secret', 'blocked', '2026-01-01', emploi.id),
      ])
      .execute();
    api.sante = new ApiClient(server.url);
    await api.sante.login('a@sante.ma', fixtures.PASSWORD);
    api.oim = new ApiClient(server.url);
    await api.oim.login('b@oim.int', fixtures.PASSWORD);
  });
  afterAll(() => server?.close());

  it('lists visible measures with overdue judged on the clock’s day', async () => {
    const response = await api.sante.get('/api/measures');
    expect(response.status).toBe(200);
    const byId = Object.fromEntries(response.body.measures.map((m: any) => [m.id, m]));
    expect(Object.keys(byId).sort()).toEqual(['done-late', 'future', 'late']);
    expect(byId.late).toMatchObject({ overdue: true, due: '2026-10-01', budget: 1500.5, documentTitle: 'Plan santé' });
    expect(byId['done-late'].overdue).toBe(false);
  });

  it('filters overdue measures by organisation code, lead or partner', async () => {
    expect((await api.sante.get('/api/measures?overdue=true&organisation=sante')).body.measures.map((m: any) => m.id)).toEqual(['late']);
    expect((await api.sante.get(`/api/measures?organisation=${ids.emploi}`)).body.measures).toEqual([]);
  });

  it('shows nothing of documents without a grant', async () => {
    expect((await api.oim.get('/api/measures')).body.measures).toEqual([]);
    expect((await api.oim.get('/api/dashboard')).body.organisations).toEqual([]);
  });

  it('sums measures per lead organisation for the dashboard', async () => {
    const response = await api.sante.get('/api/dashboard');
    expect(response.body.organisations).toEqual([
      { organisationId: ids.sante, measures: { planned: 1, in_progress: 1, done: 1, blocked: 0, cancelled: 0 }, overdue: 1, documents: 1 },
    ]);
  });

  it('refuses bad filters', async () => {
    expect((await api.sante.get('/api/measures?status=nope')).status).toBe(400);
    expect((await api.sante.get('/api/measures?limit=100000')).status).toBe(400);
  });
});
