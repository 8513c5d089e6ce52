import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { DOMParser } from '@xmldom/xmldom';
import { DEMO_PASSWORD, loadDemoWorkspace } from '../../server/demo/load.ts';
import { readBody, readMeasures } from '../../shared/doc-schema.ts';
import { inlinePlain, type RichBlock } from '../../shared/rich-text.ts';
import { auditEntries, signIn } from '../helpers/actors.ts';
import { download, upload } from '../helpers/files.ts';
import type { ApiClient } from '../helpers/http.ts';
import { pdfPages } from '../helpers/pdf-text.ts';
import { logoPng } from '../helpers/png.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { loadStoredDocument } from '../helpers/stored-document.ts';

/** Text blocks (headings and paragraphs, lists flattened) as "type:text" lines, to compare content. */
function outline(blocks: readonly RichBlock[]): string[] {
  return blocks.flatMap((block): string[] => {
    if (block.type === 'heading') return [`h${block.level}:${inlinePlain(block.content)}`];
    if (block.type === 'paragraph') return inlinePlain(block.content).trim() ? [`p:${inlinePlain(block.content)}`] : [];
    if (block.type === 'list') return block.items.flatMap((item) => outline(item));
    return [];
  });
}

describe('document export and Word import', () => {
  let server: TestServer;
  let sante: ApiClient;
  let oim: ApiClient;
  const ids = {} as { plan: string; study: string };

  beforeAll(async () => {
    server = await startTestServer();
    await loadDemoWorkspace(server.database.db, pino({ level: 'silent' }));
    const rows = await server.database.db.selectFrom('documents').select(['id', 'title']).execute();
    ids.plan = rows.find((row) => row.title.startsWith('Plan d’action santé'))!.id;
    ids.study = rows.find((row) => row.title.startsWith('دراسة حول الحماية الاجتماعية'))!.id;
    sante = await signIn(server.url, 'sante@demo.tansiq.ma', DEMO_PASSWORD);
    oim = await signIn(server.url, 'oim@demo.tansiq.ma', DEMO_PASSWORD);
  });
  afterAll(() => server?.close());

  it('exports every format with a safe file name, and audits who exported what in which format', async () => {
    const types = { docx: 'wordprocessingml', pdf: 'application/pdf', odt: 'opendocument.text', html: 'text/html' };
    for (const [format, type] of Object.entries(types)) {
      const response = await download(sante, `/api/documents/${ids.plan}/export?format=${format}`);
      expect(response.status, format).toBe(200);
      expect(response.headers.get('content-type')).toContain(type);
      const disposition = response.headers.get('content-disposition')!;
      expect(disposition).toMatch(new RegExp(`^attachment; filename="[A-Za-z0-9-]+\\.${format}"; filename\\*=UTF-8''`));
      expect(response.data.length).toBeGreaterThan(1000);
    }
    const audited = (await auditEntries(server.database.db, 'document.exported')).filter((entry) => entry.object_id === ids.plan);
    expect(audited.map((entry) => entry.details.format)).toEqual(['docx', 'pdf', 'odt', 'html']);
    const user = await server.database.db.selectFrom('users').select('id').where('email', '=', 'sante@demo.tansiq.ma').executeTakeFirstOrThrow();
    expect(audited.every((entry) => entry.actor_user_id === user.id)).toBe(true);
  });

  it('exports with view access only, hides documents one cannot see, and refuses unknown formats', async () => {
    // The Arabic study is shared with the health department as "view".
    expect((await download(sante, `/api/documents/${ids.study}/export?format=pdf`)).status).toBe(200);
    expect((await download(oim, `/api/documents/${ids.study}/export?format=pdf`)).status).toBe(404);
    const bad = await download(sante, `/api/documents/${ids.plan}/export?format=exe`);
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('validation_failed');
  });

  it('writes the Arabic study’s PDF so that its Arabic and French words copy out in reading order', async () => {
    const response = await download(sante, `/api/documents/${ids.study}/export?format=pdf`);
    const text = (await pdfPages(response.data)).join('\n');
    expect(text).toContain('يواجه عدد متزايد من المتقاعدين المغاربة المقيمين بالخارج');
    expect(text).toContain('الاتفاقيات الثنائية للضمان الاجتماعي');
    expect(text).toContain('في طور الإنجاز.');
    expect(text).toContain('Version de travail : les résultats de l’enquête seront intégrés en février 2027.');
    expect(text).toContain('Projet / مشروع / Draft');
    expect(text).toContain('الوزارة المكلفة بالمغاربة المقيمين بالخارج');
  });

  it('marks Arabic paragraphs right to left in the DOCX (w:bidi on the paragraph, w:rtl on its runs)', async () => {
    const response = await download(sante, `/api/documents/${ids.study}/export?format=docx`);
    const xml = await (await JSZip.loadAsync(response.data)).file('word/document.xml')!.async('string');
    const paragraph = /<w:p>(?:(?!<\/w:p>).)*يواجه عدد متزايد(?:(?!<\/w:p>).)*<\/w:p>/s.exec(xml)?.[0] ?? '';
    expect(paragraph).toMatch(/<w:bidi\/>/);
    expect(paragraph).toMatch(/<w:rtl\/>/);
    const french = /<w:p>(?:(?!<\/w:p>).)*Version de travail(?:(?!<\/w:p>).)*<\/w:p>/s.exec(xml)?.[0] ?? '';
    expect(french).not.toMatch(/<w:bidi\/>|<w:rtl\/>/);
  });

  it('writes an ODT package: mimetype first and stored, manifest, well-formed content and styles', async () => {
    const response = await download(sante, `/api/documents/${ids.plan}/export?format=odt`);
    expect(response.data.subarray(30, 38).toString('latin1')).toBe('mimetype');
    expect(response.data.readUInt16LE(8)).toBe(0); // stored, not deflated
    const zip = await JSZip.loadAsync(response.data);
    expect(await zip.file('mimetype')!.async('string')).toBe('application/vnd.oasis.opendocument.text');
    for (const part of ['content.xml', 'styles.xml', 'meta.xml', 'META-INF/manifest.xml']) {
      const errors: string[] = [];
      new DOMParser({ errorHandler: { error: (message: string) => errors.push(message), fatalError: (message: string) => errors.push(message) } }).parseFromString(
        await zip.file(part)!.async('string'),
        'application/xml',
      );
      expect(errors, part).toEqual([]);
    }
    const content = await zip.file('content.xml')!.async('string');
    expect(content).toContain('<text:h text:style-name="Heading_20_2" text:outline-level="2">Contexte</text:h>');
    expect(content).toContain('Plan d’action santé');
  });

  it('lets an administrator set the logo official exports carry, within bounds', async () => {
    const admin = await signIn(server.url, 'admin@demo.tansiq.ma', DEMO_PASSWORD);
    const logo = logoPng();
    expect((await upload(sante, '/api/settings/logo', { name: 'logo.png', data: logo }, {}, 'PUT')).status).toBe(403);
    expect((await sante.delete('/api/settings/logo')).status).toBe(403);
    // The refusals go through the settings policy, which audits them.
    expect((await auditEntries(server.database.db, 'access.denied')).filter((entry) => entry.object_type === 'workspace_settings')).toHaveLength(2);
    // SVG is refused, not sanitised: it can carry script, and the PDF cannot draw it.
    const svg = await upload(
      admin,
      '/api/settings/logo',
      { name: 'logo.svg', data: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>') },
      {},
      'PUT',
    );
    expect(svg.status).toBe(400);
    const tooBig = await upload(admin, '/api/settings/logo', { name: 'logo.png', data: Buffer.concat([logo, Buffer.alloc(600 * 1024)]) }, {}, 'PUT');
    expect(tooBig.status).toBe(413);
    const set = await upload(admin, '/api/settings/logo', { name: 'logo.png', data: logo }, {}, 'PUT');
    expect(set.status).toBe(200);
    expect(set.body.logo).toEqual({ type: 'png', width: 96, height: 96 });
    expect((await download(sante, '/api/settings/logo')).data.equals(logo)).toBe(true);
    const pdf = await download(sante, `/api/documents/${ids.plan}/export?format=pdf`);
    expect(pdf.data.toString('latin1')).toMatch(/\/Subtype \/Image/);
    const odt = await JSZip.loadAsync((await download(sante, `/api/documents/${ids.plan}/export?format=odt`)).data);
    expect(odt.file('Pictures/logo.png')).not.toBeNull();
    expect((await download(sante, `/api/documents/${ids.plan}/export?format=html`)).data.toString('utf8')).toContain('src="data:image/png;base64,');
    expect((await admin.delete('/api/settings/logo')).status).toBe(204);
    expect((await download(sante, '/api/settings/logo')).status).toBe(404);
  });

  it('writes the consolidated follow-up report of all action plans, or a commission’s, as PDF, DOCX and XLSX', async () => {
    const admin = await signIn(server.url, 'admin@demo.tansiq.ma', DEMO_PASSWORD);
    // As of yesterday, relative to the run: a fixed date turns false once the plans made for the test postdate it.
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const pdf = await download(admin, `/api/reports/follow-up?format=pdf&asOf=${yesterday}`);
    expect(pdf.status).toBe(200);
    const text = (await pdfPages(pdf.data)).join('\n');
    expect(text).toContain('Rapport de suivi consolidé — tous les plans d’action');
    expect(text).toContain('Plan d’action santé en faveur des MRE et des migrants 2026-2027');
    expect(text).toContain('Mesures en retard');
    expect(text).toContain('Avancement par organisation chef de file');
    expect(text).toContain('Annexe : toutes les mesures');
    const docx = await download(admin, '/api/reports/follow-up?format=docx');
    expect(docx.status).toBe(200);
    // As of today: the live measures (a past date reads their history; see report-as-of.test.ts).
    const xlsx = await download(admin, '/api/reports/follow-up?format=xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.data as never);
    const plans = await server.database.db.selectFrom('documents').select('id').where('kind', '=', 'action_plan').where('archived_at', 'is', null).execute();
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Rapport de suivi consolidé', 'Mesures']);
    expect(workbook.worksheets[0]!.rowCount).toBe(plans.length + 1);
    const measures = await server.database.db
      .selectFrom('measures')
      .innerJoin('documents', 'documents.id', 'measures.document_id')
      .select('measures.id')
      .where('documents.kind', '=', 'action_plan')
      .where('documents.archived_at', 'is', null)
      .execute();
    expect(workbook.worksheets[1]!.rowCount).toBe(measures.length + 1);
    // A commission's report covers the plans its member organisations lead.
    const db = server.database.db;
    const commission = await db
      .insertInto('commissions')
      .values({ kind: 'bilateral', name_fr: 'Comité santé', name_ar: 'لجنة الصحة', name_en: 'Health committee' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const health = await db.selectFrom('organisations').select('id').where('code', '=', 'sante').executeTakeFirstOrThrow();
    await db.insertInto('commission_members').values({ commission_id: commission.id, organisation_id: health.id }).execute();
    const scoped = (await pdfPages((await download(admin, `/api/reports/follow-up?format=pdf&commission=${commission.id}`)).data)).join('\n');
    expect(scoped).toContain('Rapport de suivi consolidé — Comité santé');
    expect(scoped).toContain('Plan d’action santé');
    expect(scoped).not.toContain('Plan d’action emploi et compétences');
    expect((await auditEntries(server.database.db, 'report.exported')).length).toBe(4);
  });

  it('keeps every heading, paragraph and measure through a DOCX export and import', async () => {
    const exported = await download(sante, `/api/documents/${ids.plan}/export?format=docx`);
    const imported = await upload(sante, '/api/documents/import', { name: 'plan.docx', data: exported.data });
    expect(imported.status).toBe(201);
    expect(imported.body.document).toMatchObject({ kind: 'action_plan', status: 'draft' });
    expect(imported.body.import.rejectedRows).toEqual([]);

    const original = await loadStoredDocument(server.database.db, ids.plan);
    const copy = await loadStoredDocument(server.database.db, imported.body.document.id);
    expect(outline(readBody(copy))).toEqual(outline(readBody(original)));
    const fields = (doc: typeof original) =>
      readMeasures(doc).map(({ title, leadOrganisationId, partnerOrganisationIds, start, due, status, progress, indicator, budget }) => ({
        title,
        leadOrganisationId,
        partnerOrganisationIds,
        start,
        due,
        status,
        progress,
        indicator,
        budget,
      }));
    expect(fields(copy)).toEqual(fields(original));
    expect(readMeasures(copy).length).toBeGreaterThan(3);
    // Projected at once: the new plan's measures are in SQL for dashboards.
    const projected = await server.database.db.selectFrom('measures').select('id').where('document_id', '=', imported.body.document.id).execute();
    expect(projected).toHaveLength(readMeasures(copy).length);
    expect((await auditEntries(server.database.db, 'document.imported')).at(-1)?.object_id).toBe(imported.body.document.id);
  });
});
