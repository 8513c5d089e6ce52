import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../server/clock.ts';
import { checkCycleReminders } from '../../server/jobs/cycle-reminders.ts';
import { loadConfig } from '../../server/config.ts';
import { startServer, type RunningServer } from '../../server/server.ts';
import { appendMeasures, readMeasures } from '../../shared/measure-model.ts';
import { auditEntries, signIn } from '../helpers/actors.ts';
import { apiToken, connectPeer, eventually, type TestPeer } from '../helpers/collab.ts';
import { connectRealtime } from '../helpers/realtime.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import * as fixtures from '../helpers/fixtures.ts';
import type { ApiClient } from '../helpers/http.ts';

/**
 * Follow-up cycles (issue 19) end to end over HTTP, with the plans' Y.Docs watched by the stock
 * y-websocket client: the life of a cycle, who may do what, bad input and concurrent drafts.
 */
describe('follow-up cycles', () => {
  let server: RunningServer;
  let database: TestDatabase;
  const clock = fixedClock(new Date('2026-10-10T10:00:00Z'));
  const api = {} as Record<'admin' | 'sante' | 'sante2' | 'eau' | 'oim' | 'emploi', ApiClient>;
  const org = {} as Record<'ministry' | 'sante' | 'eau' | 'oim' | 'emploi', { id: string }>;
  const peers: TestPeer[] = [];
  let watcher: TestPeer;
  let commissionId: string;
  let cycleId: string;
  const reportOf: Record<string, string> = {};
  let planA: string;
  let planC: string;
  let userIds: Record<'admin' | 'sante' | 'eau' | 'emploi', string>;
  const reminders: Array<{ offsetDays: number; organisationIds: string[] }> = [];
  let stopListening = () => {};

  beforeAll(async () => {
    database = await createTestDatabase();
    server = await startServer(loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', TANSIQ_DEMO: 'false', METRICS_PORT: 'off' }), {
      database,
      logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
      clock,
    });
    stopListening = server.events.on('cycle.reminder_due', (event) => reminders.push({ offsetDays: event.offsetDays, organisationIds: event.organisationIds }));
    const db = database.db;
    org.ministry = await fixtures.organisation(db, 'ministere', 'ministry');
    org.sante = await fixtures.organisation(db, 'sante');
    org.eau = await fixtures.organisation(db, 'eau');
    org.emploi = await fixtures.organisation(db, 'emploi');
    org.oim = await fixtures.organisation(db, 'oim', 'international_org');
    const admin = await fixtures.user(db, org.ministry.id, 'admin@gov.ma', 'admin');
    const sante = await fixtures.user(db, org.sante.id, 'a@sante.ma');
    await fixtures.user(db, org.sante.id, 'b@sante.ma');
    const eau = await fixtures.user(db, org.eau.id, 'a@eau.ma');
    const emploi = await fixtures.user(db, org.emploi.id, 'a@emploi.ma');
    await fixtures.user(db, org.oim.id, 'a@oim.int');
    userIds = { admin: admin.id, sante: sante.id, eau: eau.id, emploi: emploi.id };
    for (const [key, email] of [
      ['admin', 'admin@gov.ma'],
      ['sante', 'a@sante.ma'],
      ['sante2', 'b@sante.ma'],
      ['eau', 'a@eau.ma'],
      ['oim', 'a@oim.int'],
      ['emploi', 'a@emploi.ma'],
    ] as const)
      api[key] = await signIn(server.url, email);
    const commission = await db
      .insertInto('commissions')
      .values({ kind: 'technical', name_fr: 'Commission technique', name_ar: 'اللجنة التقنية', name_en: 'Technical commission' })
      .returning('id')
      .executeTakeFirstOrThrow();
    commissionId = commission.id;
    await db
      .insertInto('commission_members')
      .values([
        { commission_id: commissionId, organisation_id: org.sante.id },
        { commission_id: commissionId, organisation_id: org.eau.id },
      ])
      .execute();

    // Three plans, their measures typed by their own people through the stock client.
    planA = (await api.sante.post('/api/documents', { kind: 'action_plan', title: 'Plan santé', partnerOrganisationIds: [] })).body.document.id;
    const planB = (await api.eau.post('/api/documents', { kind: 'action_plan', title: 'Plan eau', partnerOrganisationIds: [] })).body.document.id;
    planC = (await api.emploi.post('/api/documents', { kind: 'action_plan', title: 'Plan emploi', partnerOrganisationIds: [] })).body.document.id;
    const write = async (documentId: string, userId: string, rows: Parameters<typeof appendMeasures>[1]) => {
      const peer = connectPeer(server.url, documentId, await apiToken(db, userId));
      peers.push(peer);
      await peer.synced();
      appendMeasures(peer.doc, rows);
    };
    await write(planA, sante.id, [
      {
        id: 'm1',
        title: 'Guichet santé',
        leadOrganisationId: org.sante.id,
        partnerOrganisationIds: [org.oim.id],
        status: 'planned',
        progress: 0,
        indicatorBaseline: 10,
        indicatorTarget: 50,
        indicatorUnit: '%',
      },
      { id: 'm2', title: 'Forages', leadOrganisationId: org.eau.id, status: 'planned' },
      { id: 'm3', title: 'Sans responsable', leadOrganisationId: null },
    ]);
    await write(planB, eau.id, [{ id: 'm4', title: 'Stations', leadOrganisationId: org.eau.id, status: 'in_progress', progress: 20 }]);
    await write(planC, emploi.id, [{ id: 'm5', title: 'Emploi des jeunes', leadOrganisationId: org.emploi.id }]);
    await eventually(async () =>
      expect(
        Number(
          (
            await db
              .selectFrom('measures')
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        ),
      ).toBe(5),
    );
    // A co-editor of plan A who never touches a report: the coordination unit's live view.
    watcher = connectPeer(server.url, planA, await apiToken(db, admin.id));
    peers.push(watcher);
    await watcher.synced();
  });

  afterAll(async () => {
    for (const peer of peers) peer.destroy();
    await server?.close();
  });

  const open = (client: ApiClient, body: Record<string, unknown>) => client.post('/api/cycles', { period: 'T4 2026', opensOn: '2026-10-01', dueOn: '2026-10-15', ...body });

  it('lets only the coordination unit open a cycle, with a valid scope', async () => {
    const refused = await open(api.sante, { commissionId });
    expect(refused.status).toBe(403);
    expect((await auditEntries(database.db, 'access.denied')).some((entry) => entry.object_type === 'reporting_cycle')).toBe(true);
    const backwards = await open(api.admin, { commissionId, dueOn: '2026-09-01' });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.details.map((issue: any) => issue.path)).toContain('dueOn');
    expect((await open(api.admin, { commissionId: '00000000-0000-4000-8000-000000000000' })).status).toBe(400);
    expect((await open(api.admin, { documentKinds: ['note'] })).body.error.code).toBe('empty_scope');
    expect((await open(api.admin, { period: '' })).status).toBe(400);
    const empty = await api.admin.get('/api/cycles');
    expect(empty.body).toEqual({ cycles: [] });

    const opened = await open(api.admin, { commissionId, reminderDays: [2, -3] });
    expect(opened.status).toBe(201);
    // m1, m2 (plan santé) and m4 (plan eau); m3 has no lead, m5's plan is outside the commission.
    expect(opened.body).toMatchObject({ reports: 3, withoutLead: 1, cycle: { period: 'T4 2026', status: 'open', reminderDays: [-3, 2] } });
    cycleId = opened.body.cycle.id;
    const all = (await api.admin.get(`/api/cycles/${cycleId}/reports`)).body.reports;
    for (const report of all) reportOf[report.measureId] = report.id;
    expect(Object.keys(reportOf).sort()).toEqual(['m1', 'm2', 'm4']);
    expect(all.find((report: any) => report.measureId === 'm1')).toMatchObject({
      state: 'not_started',
      version: 0,
      indicator: { baseline: 10, target: 50, unit: '%' },
      leadOrganisationId: org.sante.id,
    });
    expect((await auditEntries(database.db, 'cycle.opened')).at(-1)?.details).toMatchObject({ reports: 3 });
  });

  it('shows each actor the reports they may read, and nothing to others', async () => {
    const measuresFor = async (client: ApiClient, query = '') =>
      ((await client.get(`/api/cycles/${cycleId}/reports${query}`)).body.reports ?? []).map((report: any) => report.measureId).sort();
    expect(await measuresFor(api.sante)).toEqual(['m1']);
    expect(await measuresFor(api.eau)).toEqual(['m2', 'm4']);
    expect(await measuresFor(api.oim)).toEqual(['m1']);
    expect(await measuresFor(api.admin, `?organisation=${org.eau.id}`)).toEqual(['m2', 'm4']);
    expect((await api.emploi.get(`/api/cycles/${cycleId}/reports`)).status).toBe(404);
    expect((await api.emploi.get(`/api/cycles/${cycleId}`)).status).toBe(404);
    expect((await api.emploi.get('/api/cycles')).body.cycles).toEqual([]);
    expect((await api.sante.get('/api/cycles')).body.cycles.map((cycle: any) => [cycle.period, cycle.reports])).toEqual([['T4 2026', 1]]);
    expect((await api.oim.get(`/api/cycles/${cycleId}/reports/${reportOf.m1}`)).status).toBe(200);
    expect((await api.emploi.get(`/api/cycles/${cycleId}/reports/${reportOf.m1}`)).status).toBe(404);
    expect((await api.sante.get(`/api/cycles/${cycleId}/reports/${reportOf.m2}`)).status).toBe(404);
    expect((await api.admin.get(`/api/cycles/${cycleId}/reports?organisation=nope`)).status).toBe(400);
  });

  it('lets only the lead organisation’s focal points write: 404 for other organisations, 403 for the unit', async () => {
    const draft = { version: 0, values: { narrative: 'x' } };
    expect((await api.oim.put(`/api/cycles/${cycleId}/reports/${reportOf.m1}`, draft)).status).toBe(404);
    expect((await api.eau.put(`/api/cycles/${cycleId}/reports/${reportOf.m1}`, draft)).status).toBe(404);
    expect((await api.sante.put(`/api/cycles/${cycleId}/reports/${reportOf.m2}`, draft)).status).toBe(404);
    expect((await api.emploi.post(`/api/cycles/${cycleId}/reports/${reportOf.m1}/submit`, { version: 0 })).status).toBe(404);
    expect((await api.admin.put(`/api/cycles/${cycleId}/reports/${reportOf.m1}`, draft)).status).toBe(403);
    expect((await api.sante.post(`/api/cycles/${cycleId}/reports/${reportOf.m1}/accept`, { version: 0 })).status).toBe(403);
    expect((await api.sante.post(`/api/cycles/${cycleId}/close`)).status).toBe(403);
    expect((await api.admin.get(`/api/cycles/${cycleId}/reports/${reportOf.m1}`)).body.report).toMatchObject({ version: 0, values: { narrative: '' } });
  });

  it('refuses bad values on their field and keeps the report as it was', async () => {
    const bad = await api.sante.put(`/api/cycles/${cycleId}/reports/${reportOf.m1}`, {
      version: 0,
      values: { progress: 150, indicatorCurrent: 'beaucoup', narrative: 'x'.repeat(4001), status: 'finished' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    expect(bad.body.error.details.map((issue: any) => issue.path).sort()).toEqual(['values.indicatorCurrent', 'values.narrative', 'values.progress', 'values.status']);
    expect((await api.sante.put(`/api/cycles/${cycleId}/reports/${reportOf.m1}`, { values: { progress: 10 } })).status).toBe(400);
    expect((await api.sante.put(`/api/cycles/${cycleId}/reports/${reportOf.m1}`, '{"version":')).status).toBe(400);
    expect((await api.sante.get(`/api/cycles/${cycleId}/reports/${reportOf.m1}`)).body.report).toMatchObject({ state: 'not_started', version: 0 });
  });

  it('lets one of two concurrent drafts win and answers the other 409 with the current values', async () => {
    const [first, second] = await Promise.all([
      api.sante.put(`/api/cycles/${cycleId}/reports/${reportOf.m1}`, { version: 0, values: { narrative: 'Version A', progress: 30 } }),
      api.sante2.put(`/api/cycles/${cycleId}/reports/${reportOf.m1}`, { version: 0, values: { narrative: 'Version B', progress: 35 } }),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const [winner, loser] = first.status === 200 ? [first, second] : [second, first];
    expect(loser.body.error.code).toBe('stale_report');
    expect(loser.body.error.details.report).toEqual(winner.body.report);
    const stored = (await api.sante.get(`/api/cycles/${cycleId}/reports/${reportOf.m1}`)).body.report;
    expect(stored).toMatchObject({ state: 'draft', version: 1, values: { narrative: winner.body.report.values.narrative } });
  });

  it('runs a report’s life: drafted, submitted into the plan live, returned, resubmitted, accepted', async () => {
    const url = `/api/cycles/${cycleId}/reports/${reportOf.m1}`;
    const incomplete = await api.sante.post(`${url}/submit`, { version: 1 });
    expect(incomplete.status).toBe(422);
    expect(incomplete.body.error.code).toBe('incomplete_report');

    const saved = await api.sante.put(url, {
      version: 1,
      values: { status: 'in_progress', progress: 45, indicatorCurrent: '27,5', blockers: 'Recrutement', supportRequested: 'Deux médecins' },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.report).toMatchObject({ state: 'draft', version: 2, values: { status: 'in_progress', progress: 45, indicatorCurrent: 27.5, blockers: 'Recrutement' } });
    expect((await api.sante.post(`${url}/submit`, { version: 1 })).body.error.code).toBe('stale_report');

    const submitted = await api.sante.post(`${url}/submit`, { version: 2 });
    expect(submitted.status).toBe(200);
    expect(submitted.body.report).toMatchObject({ state: 'submitted', version: 3, measureApplied: true });
    const measureIn = (peer: TestPeer) => readMeasures(peer.doc).find((measure) => measure.id === 'm1');
    await eventually(() => expect(measureIn(watcher)).toMatchObject({ status: 'in_progress', progress: 45, indicatorCurrent: 27.5 }));
    // The other measures of the plan are untouched.
    expect(readMeasures(watcher.doc).find((measure) => measure.id === 'm2')).toMatchObject({ status: 'planned' });
    expect((await api.sante.put(url, { version: 3, values: { progress: 50 } })).body.error.code).toBe('invalid_transition');

    expect((await api.admin.post(`${url}/return`, { version: 3 })).status).toBe(400);
    const returned = await api.admin.post(`${url}/return`, { version: 3, comment: 'Précisez les blocages.' });
    expect(returned.body.report).toMatchObject({ state: 'returned', reviewComment: 'Précisez les blocages.', version: 4 });

    const redrafted = await api.sante2.put(url, { version: 4, values: { progress: 50, blockers: 'Recrutement de deux médecins en attente' } });
    expect(redrafted.body.report).toMatchObject({ state: 'draft', version: 5 });
    expect((await api.sante2.post(`${url}/submit`, { version: 5 })).body.report).toMatchObject({ state: 'submitted', version: 6 });
    await eventually(() => expect(measureIn(watcher)).toMatchObject({ progress: 50, indicatorCurrent: 27.5 }));

    // The plan moves on; the report keeps its values as of the period.
    const accepted = await api.admin.post(`${url}/accept`, { version: 6 });
    expect(accepted.body.report).toMatchObject({ state: 'accepted', values: { status: 'in_progress', progress: 50, indicatorCurrent: 27.5 } });
    const actions = (
      await database.db.selectFrom('audit_log').select('action').where('object_id', '=', reportOf.m1!).where('action', 'like', 'cycle_report.%').orderBy('id').execute()
    ).map((row) => row.action);
    expect(actions).toEqual([
      'cycle_report.saved',
      'cycle_report.saved',
      'cycle_report.submitted',
      'cycle_report.returned',
      'cycle_report.saved',
      'cycle_report.submitted',
      'cycle_report.accepted',
    ]);
  });

  it('shows completeness per organisation and, after the due date, the late ones', async () => {
    await api.eau.put(`/api/cycles/${cycleId}/reports/${reportOf.m4}`, { version: 0, values: { narrative: 'En cours' } });
    const onTime = (await api.admin.get(`/api/cycles/${cycleId}`)).body;
    const line = (body: any, id: string) => body.completeness.find((entry: any) => entry.organisationId === id);
    expect(line(onTime, org.sante.id)).toMatchObject({ standing: 'submitted', total: 1, accepted: 1, late: false });
    expect(line(onTime, org.eau.id)).toMatchObject({ standing: 'draft', total: 2, draft: 1, notStarted: 1, late: false });
    expect(onTime.lateOrganisations).toEqual([]);
    clock.set(new Date('2026-10-16T10:00:00Z'));
    const late = (await api.admin.get(`/api/cycles/${cycleId}`)).body;
    expect(late.lateOrganisations).toEqual([{ organisationId: org.eau.id, organisationCode: 'eau' }]);
    // A focal point sees their own organisation's line only.
    expect((await api.sante.get(`/api/cycles/${cycleId}`)).body.completeness.map((entry: any) => entry.organisationId)).toEqual([org.sante.id]);
    expect((await api.eau.get(`/api/cycles/${cycleId}/reports/${reportOf.m4}`)).body.report.late).toBe(true);
  });

  it('sends each reminder once on its day, on the injected clock, to the organisations still owing reports', async () => {
    try {
      // The server's own hourly check may run first (it starts 2 s after start-up, and on a busy machine
      // that is after the clock moved): the listener, attached at start-up, sees its reminders too.
      // Today is 2026-10-16: the reminder three days before the due date (10-12) is late, the one two days after (10-17) not yet.
      await checkCycleReminders(database.db, server.events, clock);
      await checkCycleReminders(database.db, server.events, clock);
      expect(reminders).toEqual([{ offsetDays: -3, organisationIds: [org.eau.id] }]);
      clock.set(new Date('2026-10-17T08:00:00Z'));
      await checkCycleReminders(database.db, server.events, clock);
      expect(reminders.map((reminder) => reminder.offsetDays)).toEqual([-3, 2]);
      // Delivered in the app to the focal points of the organisation still owing reports, not to the others.
      const notified = async (userId: string) =>
        Number(
          (
            await database.db
              .selectFrom('notifications')
              .select((eb) => eb.fn.countAll().as('n'))
              .where('user_id', '=', userId)
              .where('kind', '=', 'cycle_reminder')
              .executeTakeFirstOrThrow()
          ).n,
        );
      await eventually(async () => expect(await notified(userIds.eau)).toBe(2));
      expect(await notified(userIds.sante)).toBe(0);
      expect(await notified(userIds.admin)).toBe(0);
    } finally {
      stopListening();
    }
  });

  it('lets only the coordination unit send reminders by hand, to the organisations still owing reports', async () => {
    expect((await api.sante.post(`/api/cycles/${cycleId}/remind`, {})).status).toBe(403);
    expect((await api.emploi.post(`/api/cycles/${cycleId}/remind`, {})).status).toBe(403);
    expect((await api.admin.post(`/api/cycles/${cycleId}/remind`, { organisationIds: ['x'] })).status).toBe(400);
    const sent = await api.admin.post(`/api/cycles/${cycleId}/remind`, {});
    expect(sent.status).toBe(200);
    expect(sent.body).toEqual({ organisationIds: [org.eau.id] });
    // Naming an organisation that owes nothing reminds nobody.
    expect((await api.admin.post(`/api/cycles/${cycleId}/remind`, { organisationIds: [org.sante.id] })).body).toEqual({ organisationIds: [] });
    await eventually(async () =>
      expect(
        Number(
          (
            await database.db
              .selectFrom('notifications')
              .select((eb) => eb.fn.countAll().as('n'))
              .where('user_id', '=', userIds.eau)
              .where('kind', '=', 'cycle_reminder')
              .executeTakeFirstOrThrow()
          ).n,
        ),
      ).toBe(3),
    );
    expect((await auditEntries(database.db, 'cycle.reminded')).length).toBe(2);
  });

  it('tells the readers of a report live that it moved, and nobody else', async () => {
    const adminSocket = await connectRealtime(server.url, await apiToken(database.db, userIds.admin));
    const emploiSocket = await connectRealtime(server.url, await apiToken(database.db, userIds.emploi));
    try {
      const saved = await api.eau.put(`/api/cycles/${cycleId}/reports/${reportOf.m4}`, { version: 1, values: { blockers: 'Pompes en panne' } });
      expect(saved.status).toBe(200);
      await eventually(() =>
        expect(adminSocket.received).toContainEqual(['cycle:changed', expect.objectContaining({ cycleId, reportId: reportOf.m4, state: 'draft', version: 2 })]),
      );
      // Barrier: a cycle over emploi's plan reaches emploi after anything sent with the save above.
      const other = await open(api.admin, { period: 'T1 2027', documentIds: [planC], opensOn: '2027-01-02', dueOn: '2027-01-20' });
      expect(other.status).toBe(201);
      await eventually(() => expect(emploiSocket.received).toContainEqual(['cycle:changed', expect.objectContaining({ cycleId: other.body.cycle.id, reportId: null })]));
      expect(emploiSocket.received.filter(([, payload]) => payload?.cycleId === cycleId)).toEqual([]);
    } finally {
      adminSocket.disconnect();
      emploiSocket.disconnect();
    }
  });

  it('closes the cycle, after which nothing changes its reports', async () => {
    // The consolidated reports' language is checked before anything closes.
    const unknownLanguage = await api.admin.post(`/api/cycles/${cycleId}/close`, { language: 'de' });
    expect(unknownLanguage.status).toBe(400);
    expect((await api.admin.get(`/api/cycles/${cycleId}`)).body.cycle.status).toBe('open');
    const closed = await api.admin.post(`/api/cycles/${cycleId}/close`, { language: 'fr' });
    expect(closed.status).toBe(200);
    expect(closed.body.cycle.status).toBe('closed');
    const refused = await api.eau.put(`/api/cycles/${cycleId}/reports/${reportOf.m4}`, { version: 1, values: { progress: 60 } });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('cycle_closed');
    expect((await api.admin.post(`/api/cycles/${cycleId}/close`)).body.error.code).toBe('cycle_closed');
    expect((await api.eau.get(`/api/cycles/${cycleId}/reports/${reportOf.m4}`)).body.report).toMatchObject({ state: 'draft', values: { narrative: 'En cours', progress: null } });
    expect((await auditEntries(database.db, 'cycle.closed')).length).toBe(1);
  });

  it('writes one consolidated document for the commission at close, readable by its members', async () => {
    const dashboard = (await api.admin.get(`/api/cycles/${cycleId}`)).body;
    expect(dashboard.consolidatedDocuments).toHaveLength(1);
    const documentId = dashboard.consolidatedDocuments[0].id;
    expect(dashboard.consolidatedDocuments[0]).toMatchObject({ commissionId, title: 'Rapport consolidé de suivi — T4 2026 — Commission technique' });
    const row = await database.db.selectFrom('documents').selectAll().where('id', '=', documentId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ kind: 'note', status: 'draft', language: 'fr', lead_organisation_id: org.ministry.id });
    const text = row.body_text;
    // Completeness: m1 accepted; m2 not started and m4 in draft (eau).
    expect(text).toContain('1 rapport remis sur 3 attendus');
    expect(text).toContain('Org eau : ░░░░░░░░░░ 0 % (0 remis, 1 en brouillon, 1 non commencés, sur 2)');
    expect(text).toContain('Org sante : ▓▓▓▓▓▓▓▓▓▓ 100 % (1 remis, 0 en brouillon, 0 non commencés, sur 1)');
    // Per plan: progress, blocked measures and requested support.
    expect(text).toContain('Plan santé : ▓▓▓▓▓░░░░░ 50 %');
    expect(text).toContain('Plan eau : aucun avancement déclaré');
    expect(text).toContain('Guichet santé — Org sante : En cours, ▓▓▓▓▓░░░░░ 50 % ; indicateur 27.5 / 50 %');
    expect(text).toContain('Guichet santé (Org sante) : Recrutement de deux médecins en attente');
    expect(text).toContain('Guichet santé (Org sante) : Deux médecins');
    expect(text).toContain('Forages — Org eau : sans statut, avancement non déclaré (rapport non remis)');
    // A draft is not the organisation's word yet: its blockers stay out.
    expect(text).not.toContain('Pompes en panne');
    // A Tansiq document the secretariat edits together; the commission's members read it, others do not.
    expect((await api.admin.get(`/api/documents/${documentId}`)).status).toBe(200);
    expect((await api.sante.get(`/api/documents/${documentId}`)).status).toBe(200);
    expect((await api.emploi.get(`/api/documents/${documentId}`)).status).toBe(404);
  });

  it('shows a measure period by period to its readers only', async () => {
    const history = (client: ApiClient, measureId = 'm1') => client.get(`/api/cycles/history?documentId=${planA}&measureId=${measureId}`);
    const mine = await history(api.sante);
    expect(mine.status).toBe(200);
    expect(mine.body.periods).toEqual([
      expect.objectContaining({
        period: 'T4 2026',
        cycleStatus: 'closed',
        reported: true,
        values: expect.objectContaining({ progress: 50, indicatorCurrent: 27.5, status: 'in_progress' }),
      }),
    ]);
    expect((await history(api.oim)).body.periods).toHaveLength(1);
    expect((await history(api.admin)).body.periods).toHaveLength(1);
    expect((await history(api.emploi)).body.periods).toEqual([]);
    expect((await history(api.eau)).body.periods).toEqual([]);
    expect((await history(api.eau, 'm2')).body.periods).toEqual([expect.objectContaining({ reported: false })]);
    expect((await api.sante.get('/api/cycles/history?documentId=nope&measureId=m1')).status).toBe(400);
  });
});
