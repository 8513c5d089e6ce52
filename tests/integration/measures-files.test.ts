import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import * as Y from 'yjs';
import { readMeasures } from '../../shared/doc-schema.ts';
import * as fixtures from '../helpers/fixtures.ts';
import { auditEntries, countRows, signIn } from '../helpers/actors.ts';
import { apiToken, connectPeer, eventually, type TestPeer } from '../helpers/collab.ts';
import { download, upload } from '../helpers/files.ts';
import type { ApiClient } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { zipOf } from '../helpers/zip.ts';
import { loadStoredDocument } from '../helpers/stored-document.ts';

const csv = (lines: string[]) => ({ name: 'mesures.csv', data: Buffer.from(lines.join('\n'), 'utf8') });

describe('measures as spreadsheets', () => {
  let server: TestServer;
  let api: ApiClient;
  let viewer: ApiClient;
  let documentId: string;
  let peer: TestPeer;

  beforeAll(async () => {
    server = await startTestServer();
    const db = server.database.db;
    const sante = await fixtures.organisation(server.database.db, 'sante');
    const oim = await fixtures.organisation(db, 'oim', 'international_org');
    const user = await fixtures.user(db, sante.id, 'a@sante.ma');
    await fixtures.user(db, oim.id, 'b@oim.int');
    api = await signIn(server.url, 'a@sante.ma');
    viewer = await signIn(server.url, 'b@oim.int');
    const created = await api.post('/api/documents', { kind: 'action_plan', title: 'Plan santé', partnerOrganisationIds: [] });
    documentId = created.body.document.id;
    await fixtures.grant(db, documentId, oim.id, 'view');
    peer = connectPeer(server.url, documentId, await apiToken(db, user.id));
    await peer.synced();
  });
  afterAll(async () => {
    peer?.destroy();
    await server?.close();
  });

  it('previews a CSV with French headers and shows each bad row’s problems, writing nothing', async () => {
    const before = await countRows(server.database.db, 'doc_updates');
    const file = csv([
      'Mesure;Responsable;Partenaires;Échéance;Statut;Avancement;Budget',
      'Guichet santé;sante;oim;31/12/2026;en cours;40 %;1 200 000',
      'Caravane médicale;Ministère inconnu;;2026-02-30;commencée;;abc',
    ]);
    const preview = await upload(api, `/api/documents/${documentId}/measures/import/preview`, file);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ total: 2, creates: 1, invalid: 1, unknownOrganisations: ['Ministère inconnu'] });
    expect(preview.body.mapping).toEqual(['title', 'lead', 'partners', 'due', 'status', 'progress', 'budget']);
    expect(preview.body.rows[0].measure).toMatchObject({ title: 'Guichet santé', due: '2026-12-31', status: 'in_progress', progress: 40, budget: 1_200_000 });
    expect(preview.body.rows[1]).toMatchObject({ line: 3, measure: null });
    expect(preview.body.rows[1].errors.map((error: any) => `${error.column}:${error.code}`).sort()).toEqual([
      'budget:bad_number',
      'due:bad_date',
      'lead:unknown_organisation',
      'status:bad_status',
    ]);

    const refused = await upload(api, `/api/documents/${documentId}/measures/import`, file);
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('invalid_rows');
    expect(await countRows(server.database.db, 'doc_updates')).toBe(before);
    expect(readMeasures(peer.doc)).toEqual([]);
  });

  it('applies confirmed rows as one change co-editors see live, with an organisation chosen for an unknown name', async () => {
    const file = csv(['Mesure;Responsable;Échéance;Statut', 'Guichet santé;sante;31/12/2026;en cours', 'Caravane médicale;Ministère inconnu;30/06/2027;prévue']);
    const oim = await server.database.db.selectFrom('organisations').select('id').where('code', '=', 'oim').executeTakeFirstOrThrow();
    const applied = await upload(api, `/api/documents/${documentId}/measures/import`, file, { organisationChoices: JSON.stringify({ 'Ministère inconnu': oim.id }) });
    expect(applied.status).toBe(200);
    expect(applied.body).toEqual({ created: 2, updated: 0, skipped: 0 });
    await eventually(() => expect(readMeasures(peer.doc).map((measure) => measure.title)).toEqual(['Guichet santé', 'Caravane médicale']));
    expect(readMeasures(peer.doc)[1]!.leadOrganisationId).toBe(oim.id);
    expect((await auditEntries(server.database.db, 'measures.imported')).at(-1)?.details).toMatchObject({ created: 2 });

    // The same file again updates by title (no id column): no duplicates.
    const again = await upload(api, `/api/documents/${documentId}/measures/import`, file, { organisationChoices: JSON.stringify({ 'Ministère inconnu': oim.id }) });
    expect(again.body).toEqual({ created: 0, updated: 2, skipped: 0 });
    await eventually(() => expect(readMeasures(peer.doc)).toHaveLength(2));
  });

  it('reads the indicator’s columns into the structured indicator, each bad value shown on its line, the history stamped by the server', async () => {
    const file = csv([
      'Mesure;Responsable;Échéance;Statut;Indicateur;Valeur de référence;Cible;Valeur actuelle;Unité',
      'Guichet santé;sante;31/12/2026;en cours;Dossiers traités;100;1 000;250;dossiers',
      'Caravane médicale;sante;30/06/2027;prévue;Consultations;beaucoup;5000;;personnes',
    ]);
    const path = `/api/documents/${documentId}/measures/import`;
    const preview = await upload(api, `${path}/preview`, file);
    expect(preview.body.mapping).toEqual(['title', 'lead', 'due', 'status', 'indicator', 'indicatorBaseline', 'indicatorTarget', 'indicatorCurrent', 'indicatorUnit']);
    expect(preview.body.rows[0].measure).toMatchObject({ indicatorBaseline: 100, indicatorTarget: 1000, indicatorCurrent: 250, indicatorUnit: 'dossiers' });
    expect(preview.body.rows[1]).toMatchObject({ line: 3, measure: null, errors: [{ column: 'indicatorBaseline', code: 'bad_number', value: 'beaucoup' }] });
    const refused = await upload(api, path, file);
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('invalid_rows');
    const applied = await upload(api, path, file, { skipInvalid: 'true' });
    expect(applied.body).toEqual({ created: 0, updated: 1, skipped: 1 });
    await eventually(() =>
      expect(readMeasures(peer.doc)[0]).toMatchObject({
        title: 'Guichet santé',
        indicator: 'Dossiers traités',
        indicatorBaseline: 100,
        indicatorTarget: 1000,
        indicatorCurrent: 250,
        indicatorUnit: 'dossiers',
      }),
    );
    // The row left out keeps what it had.
    expect(readMeasures(peer.doc)[1]).toMatchObject({ title: 'Caravane médicale', indicatorBaseline: null, indicatorUnit: '' });
    const importer = await server.database.db.selectFrom('users').select('id').where('email', '=', 'a@sante.ma').executeTakeFirstOrThrow();
    await eventually(async () => {
      const history = await server.database.db.selectFrom('measure_indicator_values').select(['value', 'recorded_by']).where('document_id', '=', documentId).execute();
      expect(history).toEqual([{ value: 250, recorded_by: importer.id }]);
    });
  });

  it('a re-import changes only the columns the file carries: the others keep their values', async () => {
    // A plan of its own: the tests around count this one's measures.
    const created = await api.post('/api/documents', { kind: 'action_plan', title: 'Plan bourses', partnerOrganisationIds: [] });
    const planId: string = created.body.document.id;
    const user = await server.database.db.selectFrom('users').select('id').where('email', '=', 'a@sante.ma').executeTakeFirstOrThrow();
    const watcher = connectPeer(server.url, planId, await apiToken(server.database.db, user.id));
    onTestFinished(() => watcher.destroy());
    await watcher.synced();
    const path = `/api/documents/${planId}/measures/import`;
    const full = csv([
      'Mesure;Responsable;Partenaires;Début;Échéance;Statut;Avancement;Indicateur;Cible;Valeur actuelle;Unité;Budget;Devise',
      'Bourses des étudiants MRE;sante;oim;01/02/2026;31/10/2026;en cours;30 %;Bourses versées;400;120;bourses;2 500 000;EUR',
    ]);
    expect((await upload(api, path, full)).body).toEqual({ created: 1, updated: 0, skipped: 0 });
    const find = () => readMeasures(watcher.doc).find((measure) => measure.title === 'Bourses des étudiants MRE');
    await eventually(() => expect(find()).toMatchObject({ progress: 30, budget: 2_500_000 }));
    const before = find()!;
    expect(before).toMatchObject({
      start: '2026-02-01',
      due: '2026-10-31',
      status: 'in_progress',
      indicator: 'Bourses versées',
      indicatorTarget: 400,
      indicatorCurrent: 120,
      indicatorUnit: 'bourses',
      currency: 'EUR',
    });
    expect(before.leadOrganisationId).not.toBeNull();
    expect(before.partnerOrganisationIds).toHaveLength(1);

    // Only the title (the key without an id column) and the progress: nothing else may change.
    const partial = csv(['Mesure;Avancement', 'Bourses des étudiants MRE;55 %']);
    const preview = await upload(api, `${path}/preview`, partial);
    expect(preview.body.rows[0].measure).toEqual({ id: before.id, title: 'Bourses des étudiants MRE', progress: 55 });
    expect((await upload(api, path, partial)).body).toEqual({ created: 0, updated: 1, skipped: 0 });
    await eventually(() => expect(find()?.progress).toBe(55));
    expect(find()).toEqual({ ...before, progress: 55 });

    // A column the file has but leaves empty does clear its value.
    expect((await upload(api, path, csv(['Mesure;Échéance;Budget', 'Bourses des étudiants MRE;;']))).body).toEqual({ created: 0, updated: 1, skipped: 0 });
    await eventually(() => expect(find()?.due).toBeNull());
    expect(find()).toEqual({ ...before, progress: 55, due: null, budget: null });
  });

  it('exports typed XLSX cells with a frozen header, and a re-import of it changes nothing and adds nothing', async () => {
    peer.doc.transact(() => {
      const first = peer.doc.getArray<Y.Map<unknown>>('measures').get(0);
      first.set('title', '=HYPERLINK("http://evil.example","x")');
      first.set('progress', 40);
      first.set('budget', 1_200_000.5);
      first.set('indicatorBaseline', 10);
      first.set('indicatorTarget', 80);
      first.set('indicatorCurrent', 35.5);
      first.set('indicatorUnit', new Y.Text('%'));
    });
    await eventually(async () => {
      const stored = await loadStoredDocument(server.database.db, documentId);
      expect(readMeasures(stored)[0]!.title).toMatch(/^=HYPERLINK/);
    });
    const response = await download(viewer, `/api/documents/${documentId}/measures/export?format=xlsx`);
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.data as never);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getRow(1).getCell(2).value).toBe('Mesure');
    const row = sheet.getRow(2);
    expect(row.getCell(2).type).toBe(ExcelJS.ValueType.String); // text, never a formula
    expect(row.getCell(3).value).toBe('Org sante');
    expect(row.getCell(6).value).toBeInstanceOf(Date);
    expect(row.getCell(8).value).toBe(0.4);
    expect(row.getCell(8).numFmt).toBe('0%');
    // The indicator's baseline, target, current value (numbers) and unit.
    expect(sheet.getRow(1).getCell(11).value).toBe('Cible');
    expect([10, 11, 12, 13].map((column) => row.getCell(column).value)).toEqual([10, 80, 35.5, '%']);
    expect(row.getCell(14).value).toBe(1_200_000.5);
    expect(row.getCell(14).numFmt).toContain('MAD');

    const before = readMeasures(peer.doc);
    const updates = await countRows(server.database.db, 'doc_updates');
    const again = await upload(api, `/api/documents/${documentId}/measures/import`, { name: 'export.xlsx', data: response.data });
    expect(again.body).toEqual({ created: 0, updated: 2, skipped: 0 });
    expect(readMeasures(peer.doc)).toEqual(before);
    // Nothing changed, so nothing was written.
    expect(await countRows(server.database.db, 'doc_updates')).toBe(updates);
  });

  it('neutralises formulas in CSV exports and reads them back as text', async () => {
    const response = await download(api, `/api/documents/${documentId}/measures/export?format=csv`);
    const text = response.data.toString('utf8');
    expect(text.startsWith('\uFEFFIdentifiant;Mesure;')).toBe(true);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(text.split('\r\n')[0]).toContain(';Indicateur;Valeur de référence;Cible;Valeur actuelle;Unité;Budget;');
    expect(text).toContain(';10;80;35.5;%;1200000.5;MAD');
    const before = readMeasures(peer.doc);
    const again = await upload(api, `/api/documents/${documentId}/measures/import`, { name: 'export.csv', data: response.data });
    expect(again.body).toEqual({ created: 0, updated: 2, skipped: 0 });
    expect(readMeasures(peer.doc)).toEqual(before);
  });

  it('takes a formula’s value, never the formula', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Feuille');
    sheet.addRow(['الإجراء', 'الجهة المكلفة', 'الميزانية']);
    sheet.addRow(['قافلة طبية', 'sante', { formula: 'B5*2', result: 84000 }]);
    const data = Buffer.from(await workbook.xlsx.writeBuffer());
    const preview = await upload(api, `/api/documents/${documentId}/measures/import/preview`, { name: 'ar.xlsx', data });
    expect(preview.body.mapping).toEqual(['title', 'lead', 'budget']);
    expect(preview.body.rows[0].measure).toMatchObject({ title: 'قافلة طبية', budget: 84000 });
  });

  it('pages the preview of a 10,000-row sheet and imports it in one transaction', async () => {
    const lines = ['Measure;Lead;Due;Status;Progress'];
    for (let index = 1; index <= 10_000; index++) lines.push(`Measure ${index};sante;2027-01-${String((index % 28) + 1).padStart(2, '0')};planned;${index % 100}`);
    const file = csv(lines);
    const preview = await upload(api, `/api/documents/${documentId}/measures/import/preview`, file, { page: '3', pageSize: '200' });
    expect(preview.body).toMatchObject({ total: 10_000, creates: 10_000, invalid: 0, pages: 50, page: 3 });
    expect(preview.body.rows).toHaveLength(200);
    expect(preview.body.rows[0].measure.title).toBe('Measure 401');
    const updates = await countRows(server.database.db, 'doc_updates');
    const applied = await upload(api, `/api/documents/${documentId}/measures/import`, file);
    expect(applied.body).toEqual({ created: 10_000, updated: 0, skipped: 0 });
    await eventually(async () => expect(await countRows(server.database.db, 'doc_updates')).toBe(updates + 1));
    await eventually(() => expect(readMeasures(peer.doc)).toHaveLength(10_002), 20_000);
  }, 90_000);

  it('refuses corrupt, truncated, bomb and oversized files with a clear error, writing nothing', async () => {
    const updates = await countRows(server.database.db, 'doc_updates');
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('x').addRow(['Mesure']);
    const good = Buffer.from(await workbook.xlsx.writeBuffer());
    const path = `/api/documents/${documentId}/measures/import`;
    const truncated = await upload(api, path, { name: 'a.xlsx', data: good.subarray(0, good.length - 200) });
    expect(truncated.status).toBe(422);
    expect(truncated.body.error.code).toBe('unreadable_file');
    const noise = await upload(api, path, { name: 'a.xlsx', data: Buffer.concat([Buffer.from([0x50, 0x4b, 3, 4]), Buffer.alloc(500, 7)]) });
    expect(noise.body.error.code).toBe('unreadable_file');
    // 60 MB of zeros deflate to ~60 KB: refused from the directory, before inflating.
    const bomb = await upload(api, path, { name: 'bomb.xlsx', data: zipOf('xl/workbook.xml', Buffer.alloc(60 * 1024 * 1024)) });
    expect(bomb.status).toBe(422);
    expect(bomb.body.error.message).toMatch(/ZIP bomb/);
    // The same, declaring a small size: inflating stops at the declared size.
    const liar = await upload(api, path, { name: 'liar.xlsx', data: zipOf('xl/workbook.xml', Buffer.alloc(8 * 1024 * 1024), 1000) });
    expect(liar.status).toBe(422);
    expect(liar.body.error.code).toBe('unreadable_file');
    const huge = await upload(api, path, { name: 'big.csv', data: Buffer.alloc(21 * 1024 * 1024, 0x41) });
    expect(huge.status).toBe(413);
    expect(await countRows(server.database.db, 'doc_updates')).toBe(updates);
    // A viewer may export but not import.
    expect((await upload(viewer, path, csv(['Mesure', 'x']))).status).toBe(403);
  }, 90_000);

  it('reads a legitimate XLSX made by JSZip with odd compression choices', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('x').addRow(['Action', 'Responsable', 'Délai']);
    const zip = await JSZip.loadAsync(await workbook.xlsx.writeBuffer());
    const stored = await zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
    const preview = await upload(api, `/api/documents/${documentId}/measures/import/preview`, { name: 'stored.xlsx', data: stored });
    expect(preview.status).toBe(200);
    expect(preview.body.mapping).toEqual(['title', 'lead', 'due']);
  });
});
