import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import * as Y from 'yjs';
import { appendMeasures } from '../../shared/measure-model.ts';
import { templateUpdate } from '../../shared/templates.ts';
import { signIn } from '../helpers/actors.ts';
import * as fixtures from '../helpers/fixtures.ts';
import type { ApiClient, ApiResponse } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const REPORTS = 10;

/**
 * A cycle closed while focal points are still submitting: each submission either goes in before
 * the close, and is in the consolidated report, or is refused with 409 cycle_closed. None lands
 * in a closed cycle behind the consolidated report's back.
 */
describe('cycles opened and closed while people act on them', () => {
  let server: TestServer;
  let admin: ApiClient;
  let focal: ApiClient;
  let santeId: string;

  beforeAll(async () => {
    server = await startTestServer();
    const db = server.database.db;
    const ministry = await fixtures.organisation(db, 'ministere', 'ministry');
    const sante = await fixtures.organisation(db, 'sante');
    await fixtures.user(db, ministry.id, 'admin@gov.ma', 'admin');
    await fixtures.user(db, sante.id, 'focal@sante.ma');
    admin = await signIn(server.url, 'admin@gov.ma');
    focal = await signIn(server.url, 'focal@sante.ma');
    santeId = sante.id;
  });
  afterAll(() => server?.close());

  /** A plan with its measures, in its Y.Doc and in their projection (which the cycle reads). */
  const plan = async (title: string) => {
    const db = server.database.db;
    const documentId = (await fixtures.document(db, santeId, title)).id;
    const measures = Array.from({ length: REPORTS }, (_, index) => ({ id: `m${index}`, title: `Mesure ${index}`, leadOrganisationId: santeId, status: 'planned' as const }));
    const doc = new Y.Doc();
    Y.applyUpdate(doc, templateUpdate('action_plan', []));
    appendMeasures(doc, measures);
    await db
      .insertInto('doc_updates')
      .values({ document_id: documentId, data: Y.encodeStateAsUpdate(doc) })
      .execute();
    await db
      .insertInto('measures')
      .values(
        measures.map((measure, index) => ({
          document_id: documentId,
          id: measure.id,
          position: index,
          title: measure.title,
          lead_organisation_id: santeId,
          partner_organisation_ids: [],
          start_date: null,
          due_date: null,
          status: 'planned' as const,
          progress: 0,
          indicator: '',
          budget: null,
        })),
      )
      .execute();
    return documentId;
  };

  const openCycle = async (title: string) => {
    const documentId = await plan(title);
    const opened = await admin.post('/api/cycles', { period: 'T4 2026', opensOn: '2026-10-01', dueOn: '2026-10-15', documentIds: [documentId] });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const cycleId: string = opened.body.cycle.id;
    const reports = (await focal.get(`/api/cycles/${cycleId}/reports`)).body.reports as Array<{ id: string; version: number }>;
    expect(reports).toHaveLength(REPORTS);
    const versions = new Map<string, number>();
    for (const report of reports) {
      const saved = await focal.put(`/api/cycles/${cycleId}/reports/${report.id}`, { version: report.version, values: { status: 'in_progress', progress: 40 } });
      expect(saved.status, JSON.stringify(saved.body)).toBe(200);
      versions.set(report.id, saved.body.report.version);
    }
    return { cycleId, versions };
  };

  const consolidatedCount = async (cycleId: string) => {
    const dashboard = (await admin.get(`/api/cycles/${cycleId}`)).body;
    const row = await server.database.db.selectFrom('documents').select('body_text').where('id', '=', dashboard.consolidatedDocuments[0].id).executeTakeFirstOrThrow();
    return Number(/(\d+) rapports? remis sur/.exec(row.body_text)?.[1]);
  };

  const refusedAsClosed = (response: ApiResponse) => response.status === 409 && response.body.error.code === 'cycle_closed';

  it('submits each report before the close or refuses it, and the consolidated report counts what went in', async () => {
    const { cycleId, versions } = await openCycle('Plan santé');
    const submits = [...versions].map(([reportId, version]) => focal.post(`/api/cycles/${cycleId}/reports/${reportId}/submit`, { version }));
    const [closed, ...answers] = await Promise.all([admin.post(`/api/cycles/${cycleId}/close`, { language: 'fr' }), ...submits]);
    expect(closed.status).toBe(200);
    for (const answer of answers) expect(answer.status === 200 || refusedAsClosed(answer), JSON.stringify(answer.body)).toBe(true);
    const submitted = await server.database.db.selectFrom('cycle_reports').select('id').where('cycle_id', '=', cycleId).where('state', '=', 'submitted').execute();
    expect(submitted).toHaveLength(answers.filter((answer) => answer.status === 200).length);
    expect(await consolidatedCount(cycleId)).toBe(submitted.length);
  });

  it('saves each draft before the close or refuses it', async () => {
    const { cycleId, versions } = await openCycle('Plan santé bis');
    const saves = [...versions].map(([reportId, version]) => focal.put(`/api/cycles/${cycleId}/reports/${reportId}`, { version, values: { narrative: 'Après la clôture ?' } }));
    const [closed, ...answers] = await Promise.all([admin.post(`/api/cycles/${cycleId}/close`, { language: 'fr' }), ...saves]);
    expect(closed.status).toBe(200);
    for (const answer of answers) expect(answer.status === 200 || refusedAsClosed(answer), JSON.stringify(answer.body)).toBe(true);
    // Audit entries are numbered as they are written: a save the close did not wait for comes after it.
    const entries = await server.database.db
      .selectFrom('audit_log')
      .select(['id', 'action'])
      .where('action', 'in', ['cycle.closed', 'cycle_report.saved'])
      .where(sql<string>`coalesce(details->>'cycleId', object_id::text)`, '=', cycleId)
      .orderBy('id')
      .execute();
    expect(entries.map((entry) => entry.action).at(-1)).toBe('cycle.closed');
    expect(entries.filter((entry) => entry.action === 'cycle_report.saved')).toHaveLength(REPORTS + answers.filter((answer) => answer.status === 200).length);
  });

  it('opens a cycle once when the same request is sent several times at once', async () => {
    const documentId = await plan('Plan santé ter');
    const body = { period: 'T1 2027', opensOn: '2027-01-01', dueOn: '2027-01-15', documentIds: [documentId] };
    const answers = await Promise.all(Array.from({ length: 4 }, () => admin.post('/api/cycles', body)));
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409, 409, 409]);
    for (const answer of answers.filter((a) => a.status === 409)) expect(answer.body.error.code).toBe('conflict');
    const cycles = await server.database.db.selectFrom('reporting_cycles').select('id').where('period', '=', 'T1 2027').execute();
    expect(cycles).toHaveLength(1);
    // Another scope for the same period is another cycle.
    const other = await admin.post('/api/cycles', { ...body, documentIds: [await plan('Plan santé quater')] });
    expect(other.status).toBe(201);
  });

  it('sends a reminder before the close or refuses it', async () => {
    const { cycleId } = await openCycle('Plan santé rappel');
    const [closed, ...answers] = await Promise.all([
      admin.post(`/api/cycles/${cycleId}/close`, { language: 'fr' }),
      ...Array.from({ length: 6 }, () => admin.post(`/api/cycles/${cycleId}/remind`, {})),
    ]);
    expect(closed.status).toBe(200);
    for (const answer of answers) expect(answer.status === 200 || refusedAsClosed(answer), JSON.stringify(answer.body)).toBe(true);
    const entries = await server.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('object_id', '=', cycleId)
      .where('action', 'in', ['cycle.closed', 'cycle.reminded'])
      .orderBy('id')
      .execute();
    // Audit entries are numbered as they are written: no reminder comes after the close.
    expect(entries.map((entry) => entry.action).at(-1)).toBe('cycle.closed');
    expect(entries.filter((entry) => entry.action === 'cycle.reminded')).toHaveLength(answers.filter((answer) => answer.status === 200).length);
  });
});
