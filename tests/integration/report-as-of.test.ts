import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measuresOf, newMeasureMap } from '../../shared/doc-schema.ts';
import { completeMeasure } from '../../shared/measure-model.ts';
import { writeProjection } from '../../server/collab/projection-writer.ts';
import type { ProjectedMeasure } from '../../server/collab/projection.ts';
import { apiToken, connectPeer, eventually, type TestPeer } from '../helpers/collab.ts';
import { download } from '../helpers/files.ts';
import * as fixtures from '../helpers/fixtures.ts';
import { ApiClient } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const measure = (id: string, position: number, fields: Partial<ProjectedMeasure>): ProjectedMeasure => ({
  position,
  ...completeMeasure({ id, title: id, due: '2026-11-15' }),
  ...fields,
});

/** The annex sheet of the report as "title status progress" lines, and the plan's summary row. */
async function reportAsOf(api: ApiClient, asOf?: string): Promise<{ measures: string[]; planStatus: string; overdue: number }> {
  const file = await download(api, `/api/reports/follow-up?format=xlsx${asOf ? `&asOf=${asOf}` : ''}`);
  expect(file.status).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file.data as never);
  const [summary, annex] = workbook.worksheets as [ExcelJS.Worksheet, ExcelJS.Worksheet];
  const header = (annex.getRow(1).values as unknown[]).map(String);
  const column = (name: string) => header.indexOf(name);
  const measures: string[] = [];
  annex.eachRow((row, number) => {
    if (number === 1) return;
    const values = row.values as unknown[];
    measures.push(`${values[column('Mesure')]} ${values[column('Statut')]} ${Math.round(Number(values[column('Avancement')]) * 100)}`);
  });
  const summaryRow = summary.getRow(2).values as unknown[];
  const summaryHeader = (summary.getRow(1).values as unknown[]).map(String);
  return { measures, planStatus: String(summaryRow[2]), overdue: Number(summaryRow[summaryHeader.indexOf('Mesures en retard')]) };
}

describe('the follow-up report as of a past date', () => {
  let server: TestServer;
  let api: ApiClient;
  let peer: TestPeer;
  let documentId: string;

  beforeAll(async () => {
    server = await startTestServer({ COLLAB_PROJECTION_WAIT_MS: '20', COLLAB_PROJECTION_MAX_WAIT_MS: '100' });
    const db = server.database.db;
    const unit = await fixtures.organisation(db, 'mre');
    const token = await apiToken(db, (await fixtures.user(db, unit.id, 'unit@mre.ma', 'admin')).id);
    api = ApiClient.withToken(server.url, token);
    documentId = (await api.post('/api/documents', { kind: 'action_plan', title: 'Plan suivi' })).body.document.id;
    // The plan's past: written in October, progressed in November (projections as the hub writes them, at those times).
    await sql`UPDATE documents SET created_at = ${new Date('2026-10-01T09:00:00Z')} WHERE id = ${documentId}`.execute(db);
    const at = (iso: string) => ({ documentId, lastEditorId: null, lastEditedAt: new Date(iso) });
    await writeProjection(db, at('2026-10-15T10:00:00Z'), { bodyText: '', wordCount: 0, measures: [measure('Guichet', 0, { progress: 10 }), measure('Campagne', 1, {})] });
    await writeProjection(db, at('2026-11-20T10:00:00Z'), {
      bodyText: '',
      wordCount: 0,
      measures: [measure('Guichet', 0, { status: 'in_progress', progress: 50 }), measure('Campagne', 1, {})],
    });
    // Today, through the editor: Guichet is done, Campagne is gone, Portail is new, and the plan goes to review.
    peer = connectPeer(server.url, documentId, token);
    await peer.synced();
    peer.doc.transact(() => {
      measuresOf(peer.doc).push([
        newMeasureMap({ id: 'Guichet', title: 'Guichet', status: 'done', progress: 100, due: '2026-11-15' }),
        newMeasureMap({ id: 'Portail', title: 'Portail', status: 'planned', progress: 0 }),
      ]);
    });
    await eventually(async () => {
      const rows = await db.selectFrom('measures').select('id').where('document_id', '=', documentId).execute();
      expect(rows.map((row) => row.id).sort()).toEqual(['Guichet', 'Portail']);
    });
    expect((await api.post(`/api/documents/${documentId}/transitions`, { to: 'in_review' })).status).toBe(200);
  });
  afterAll(async () => {
    peer?.destroy();
    await server?.close();
  });

  it('shows each measure and the plan as they stood at the end of that day, not as they are today', async () => {
    expect(await reportAsOf(api, '2026-10-10')).toEqual({ measures: [], planStatus: 'brouillon', overdue: 0 });
    expect(await reportAsOf(api, '2026-11-01')).toEqual({ measures: ['Guichet prévue 10', 'Campagne prévue 0'], planStatus: 'brouillon', overdue: 0 });
    // By 30 November both are past due and unfinished.
    expect(await reportAsOf(api, '2026-11-30')).toEqual({ measures: ['Guichet en cours 50', 'Campagne prévue 0'], planStatus: 'brouillon', overdue: 2 });
    const now = await reportAsOf(api);
    expect(now.measures).toEqual(['Guichet réalisée 100', 'Portail prévue 0']);
    expect(now.planStatus).toBe('en relecture');
  });

  it('leaves out a plan created after the date', async () => {
    const file = await download(api, '/api/reports/follow-up?format=xlsx&asOf=2026-09-30');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.data as never);
    expect(workbook.worksheets[0]!.rowCount).toBe(1);
  });
});
