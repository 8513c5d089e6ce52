import { randomBytes } from 'node:crypto';
import { AlignmentType, Document, ExternalHyperlink, HeadingLevel, ImageRun, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBody, readMeasures } from '../../shared/doc-schema.ts';
import { inlinePlain } from '../../shared/rich-text.ts';
import * as fixtures from '../helpers/fixtures.ts';
import { countRows, signIn } from '../helpers/actors.ts';
import { upload } from '../helpers/files.ts';
import type { ApiClient } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { zipOf } from '../helpers/zip.ts';
import { loadStoredDocument } from '../helpers/stored-document.ts';
import { eventually } from '../helpers/collab.ts';

/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

const cell = (text: string, rtl = false) => new TableCell({ children: [new Paragraph({ bidirectional: rtl, children: [new TextRun({ text, rightToLeft: rtl })] })] });
const row = (cells: string[], rtl = false) => new TableRow({ children: cells.map((text) => cell(text, rtl)) });

function wordFile(children: (Paragraph | Table)[]): Promise<Buffer> {
  return Packer.toBuffer(
    new Document({
      numbering: { config: [{ reference: 'puces', levels: [{ level: 0, format: LevelFormat.BULLET, text: '•', alignment: AlignmentType.START }] }] },
      sections: [{ children }],
    }),
  );
}

const frenchPlan = () =>
  wordFile([
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun('Plan d’action emploi 2027')] }),
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Contexte')] }),
    new Paragraph({
      children: [
        new TextRun('Les jeunes MRE '),
        new TextRun({ text: 'qualifiés', bold: true }),
        new TextRun({ text: ' reviennent', italics: true }),
        new TextRun(' — voir '),
        new ExternalHyperlink({ link: 'https://www.example.ma/emploi', children: [new TextRun('le portail')] }),
      ],
    }),
    new Paragraph({ numbering: { reference: 'puces', level: 0 }, children: [new TextRun('Accueil des compétences')] }),
    new Paragraph({ numbering: { reference: 'puces', level: 0 }, children: [new TextRun('Reconnaissance des diplômes')] }),
    new Paragraph({
      children: [new ImageRun({ type: 'png', data: PNG, transformation: { width: 10, height: 10 }, altText: { name: 'carte', title: 'Carte', description: 'Carte des régions' } })],
    }),
    // Over the 1 MB bound: dropped, with a note.
    new Paragraph({ children: [new ImageRun({ type: 'png', data: Buffer.concat([PNG, randomBytes(1024 * 1024)]), transformation: { width: 10, height: 10 } })] }),
    new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun('Mesures')] }),
    new Table({
      rows: [
        row(['Mesure', 'Responsable', 'Partenaires', 'Échéance', 'Indicateur', 'Budget (MAD)']),
        row(['Guichet emploi MRE', 'emploi', 'oim', '30/06/2027', 'Nombre de dossiers', '2 500 000']),
        row(['Salon des compétences', 'Org emploi', '', '2027-10-15', 'Participants', '']),
      ],
    }),
    new Table({ rows: [row(['Pays', 'Effectif']), row(['France', '1 200 000'])] }),
  ]);

const arabicPlan = () =>
  wordFile([
    new Paragraph({ heading: HeadingLevel.HEADING_1, bidirectional: true, children: [new TextRun({ text: 'خطة عمل التشغيل', rightToLeft: true })] }),
    new Paragraph({ bidirectional: true, children: [new TextRun({ text: 'تهدف هذه الخطة إلى مواكبة الكفاءات المغربية بالخارج.', rightToLeft: true })] }),
    new Table({
      rows: [
        row(['الإجراء', 'الجهة المكلفة', 'الشركاء', 'الأجل', 'المؤشر', 'الميزانية'], true),
        row(['منصة رقمية للكفاءات', 'منظمة emploi', 'oim', '31/12/2027', 'عدد المسجلين', '800000'], true),
        row(['قافلة التشغيل', 'جهة مجهولة', '', '31/02/2027', '', ''], true),
      ],
    }),
  ]);

describe('importing Word files', () => {
  let server: TestServer;
  let api: ApiClient;
  const orgs: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestServer();
    const db = server.database.db;
    const emploi = await fixtures.organisation(db, 'emploi');
    const oim = await fixtures.organisation(db, 'oim', 'international_org');
    orgs.emploi = emploi.id;
    orgs.oim = oim.id;
    await fixtures.user(db, emploi.id, 'a@emploi.ma');
    api = await signIn(server.url, 'a@emploi.ma');
  });
  afterAll(() => server?.close());

  it('turns a French plan into headings, lists, marks, links, a plain table and measures', async () => {
    const response = await upload(api, '/api/documents/import', { name: 'plan-emploi.docx', data: await frenchPlan() });
    expect(response.status).toBe(201);
    expect(response.body.document).toMatchObject({ title: 'Plan d’action emploi 2027', kind: 'action_plan', leadOrganisationId: orgs.emploi, measureCount: 2 });
    expect(response.body.import).toEqual({ measures: 2, rejectedRows: [], notes: ['images_dropped:1'], pendingMeasures: 0 });

    const doc = await loadStoredDocument(server.database.db, response.body.document.id);
    const blocks = readBody(doc);
    expect(blocks.map((block) => block.type)).toEqual(['heading', 'paragraph', 'list', 'image', 'heading', 'table']);
    expect(blocks[3]).toEqual({ type: 'image', src: `data:image/png;base64,${PNG.toString('base64')}`, alt: 'Carte des régions', width: 10, height: 10 });
    expect(blocks[0]).toMatchObject({ type: 'heading', level: 1, content: [{ text: 'Contexte' }] });
    const paragraph = blocks[1]!;
    expect(paragraph.type === 'paragraph' && paragraph.content).toEqual([
      { text: 'Les jeunes MRE ' },
      { text: 'qualifiés', bold: true },
      { text: ' reviennent', italic: true },
      { text: ' — voir ' },
      { text: 'le portail', href: 'https://www.example.ma/emploi' },
    ]);
    const list = blocks[2]!;
    expect(list.type === 'list' && list.items.map((item) => inlinePlain((item[0] as unknown as { content: [] }).content))).toEqual([
      'Accueil des compétences',
      'Reconnaissance des diplômes',
    ]);
    expect(
      readMeasures(doc).map(({ title, leadOrganisationId, partnerOrganisationIds, due, indicator, budget }) => ({
        title,
        leadOrganisationId,
        partnerOrganisationIds,
        due,
        indicator,
        budget,
      })),
    ).toEqual([
      { title: 'Guichet emploi MRE', leadOrganisationId: orgs.emploi, partnerOrganisationIds: [orgs.oim], due: '2027-06-30', indicator: 'Nombre de dossiers', budget: 2_500_000 },
      { title: 'Salon des compétences', leadOrganisationId: orgs.emploi, partnerOrganisationIds: [], due: '2027-10-15', indicator: 'Participants', budget: null },
    ]);
  });

  it('keeps Arabic paragraphs right to left and reports the measures rows it could not take', async () => {
    const response = await upload(api, '/api/documents/import', { name: 'خطة.docx', data: await arabicPlan() }, { kind: 'action_plan' });
    expect(response.status).toBe(201);
    expect(response.body.document.title).toBe('خطة عمل التشغيل');
    const doc = await loadStoredDocument(server.database.db, response.body.document.id);
    expect(readBody(doc)).toEqual([
      { type: 'heading', level: 1, dir: 'rtl', content: [{ text: 'خطة عمل التشغيل' }] },
      { type: 'paragraph', dir: 'rtl', content: [{ text: 'تهدف هذه الخطة إلى مواكبة الكفاءات المغربية بالخارج.' }] },
    ]);
    expect(readMeasures(doc)).toHaveLength(1);
    expect(readMeasures(doc)[0]).toMatchObject({
      title: 'منصة رقمية للكفاءات',
      leadOrganisationId: orgs.emploi,
      partnerOrganisationIds: [orgs.oim],
      due: '2027-12-31',
      budget: 800_000,
    });
    expect(response.body.import.rejectedRows).toEqual([
      {
        line: 3,
        measure: null,
        errors: [
          { column: 'lead', code: 'unknown_organisation', value: 'جهة مجهولة' },
          { column: 'due', code: 'bad_date', value: '31/02/2027' },
        ],
      },
    ]);
  });

  it('leaves a Word plan’s measures to the measures import preview when asked, which reads them like a sheet', async () => {
    const file = { name: 'خطة.docx', data: await arabicPlan() };
    const response = await upload(api, '/api/documents/import', file, { measures: 'preview' });
    expect(response.status).toBe(201);
    expect(response.body.document).toMatchObject({ kind: 'action_plan', measureCount: 0 });
    expect(response.body.import).toMatchObject({ measures: 0, rejectedRows: [], pendingMeasures: 2 });
    const id = response.body.document.id;
    expect(readMeasures(await loadStoredDocument(server.database.db, id))).toEqual([]);
    // The same file through the spreadsheet preview: Arabic headers mapped, the bad row shown on its line.
    const preview = await upload(api, `/api/documents/${id}/measures/import/preview`, file);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      header: ['الإجراء', 'الجهة المكلفة', 'الشركاء', 'الأجل', 'المؤشر', 'الميزانية'],
      mapping: ['title', 'lead', 'partners', 'due', 'indicator', 'budget'],
      total: 2,
      creates: 1,
      invalid: 1,
      unknownOrganisations: ['جهة مجهولة'],
    });
    expect(preview.body.rows[1]).toMatchObject({
      line: 3,
      errors: [
        { column: 'lead', code: 'unknown_organisation' },
        { column: 'due', code: 'bad_date' },
      ],
    });
    expect(readMeasures(await loadStoredDocument(server.database.db, id))).toEqual([]);
    const refused = await upload(api, `/api/documents/${id}/measures/import`, file);
    expect(refused.status).toBe(422);
    const applied = await upload(api, `/api/documents/${id}/measures/import`, file, { skipInvalid: 'true' });
    expect(applied.body).toEqual({ created: 1, updated: 0, skipped: 1 });
    await eventually(async () => expect(readMeasures(await loadStoredDocument(server.database.db, id)).map((measure) => measure.title)).toEqual(['منصة رقمية للكفاءات']));
    // A Word file without a measures table cannot feed the preview.
    const plain = await upload(api, `/api/documents/${id}/measures/import/preview`, { name: 'note.docx', data: await wordFile([new Paragraph('Note')]) });
    expect(plain.status).toBe(422);
    expect(plain.body.error.code).toBe('no_measures_table');
  });

  it('ignores macros in a .docm and says so', async () => {
    const zip = await JSZip.loadAsync(await frenchPlan());
    zip.file('word/vbaProject.bin', Buffer.from('Attribute VB_Name = "Evil"'));
    const response = await upload(api, '/api/documents/import', { name: 'plan.docm', data: await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }) });
    expect(response.status).toBe(201);
    expect(response.body.import.notes).toContain('macros_ignored');
  });

  it('refuses corrupt, truncated, foreign, bomb and oversized files with a clear error, writing nothing', async () => {
    const documents = await countRows(server.database.db, 'documents');
    const good = await frenchPlan();
    const truncated = await upload(api, '/api/documents/import', { name: 'cut.docx', data: good.subarray(0, Math.floor(good.length / 2)) });
    expect(truncated.status).toBe(422);
    expect(truncated.body.error).toMatchObject({ code: 'unreadable_file' });
    const text = await upload(api, '/api/documents/import', { name: 'notes.docx', data: Buffer.from('just some text, not a Word file') });
    expect(text.body.error.code).toBe('unreadable_file');
    const spreadsheet = new JSZip();
    spreadsheet.file('xl/workbook.xml', '<workbook/>');
    const foreign = await upload(api, '/api/documents/import', { name: 'book.docx', data: await spreadsheet.generateAsync({ type: 'nodebuffer' }) });
    expect(foreign.body.error.message).toMatch(/word\/document\.xml/);
    const broken = new JSZip();
    broken.file('word/document.xml', '<w:document><w:body><w:p>');
    const malformed = await upload(api, '/api/documents/import', { name: 'broken.docx', data: await broken.generateAsync({ type: 'nodebuffer' }) });
    expect(malformed.body.error.code).toBe('unreadable_file');
    const bombed = await upload(api, '/api/documents/import', { name: 'bomb.docx', data: zipOf('word/document.xml', Buffer.alloc(60 * 1024 * 1024, 0x20)) });
    expect(bombed.status).toBe(422);
    expect(bombed.body.error.message).toMatch(/ZIP bomb/);
    const huge = await upload(api, '/api/documents/import', { name: 'big.docx', data: Buffer.alloc(20 * 1024 * 1024 + 1) });
    expect(huge.status).toBe(413);
    const badKind = await upload(api, '/api/documents/import', { name: 'plan.docx', data: good }, { kind: 'poem' });
    expect(badKind.status).toBe(400);
    expect(await countRows(server.database.db, 'documents')).toBe(documents);
  }, 90_000);
});
