import { mkdirSync, readFileSync } from 'node:fs';
import { Document, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBody, readMeasures } from '../../shared/doc-schema.ts';
import { download, upload } from '../helpers/files.ts';
import type { ApiClient } from '../helpers/http.ts';
import { pdfPages } from '../helpers/pdf-text.ts';
import { logoPng } from '../helpers/png.ts';
import { loadStoredDocument } from '../helpers/stored-document.ts';
import { auditEntries } from '../helpers/actors.ts';
import { launchBrowser, openPage, type WatchedPage } from './helpers/browser.ts';
import { adminApi, signIn } from './helpers/session.ts';
import { ADMIN, startE2eServer, type E2eServer } from './helpers/tansiq.ts';

/**
 * The import screens and the printed document in Chromium: a Word file from the dashboard becomes
 * a document whose measures go through the preview; a spreadsheet's bad row shows on its line, the
 * confirmed rows reach a co-editor live, a re-import updates by id; the logo page; Ctrl+P's frame.
 * Screenshots for people to look at go to /tmp/h15-shots (outside the repository).
 */
const SHOTS = '/tmp/h15-shots';
let server: E2eServer;
let browser: Browser;
let api: ApiClient;
let documentId: string;

const cell = (text: string) => new TableCell({ children: [new Paragraph(text)] });
const row = (cells: string[]) => new TableRow({ children: cells.map(cell) });

const wordPlan = () =>
  Packer.toBuffer(
    new Document({
      sections: [
        {
          children: [
            new Paragraph({ heading: 'Title', children: [new TextRun('Plan importé depuis Word')] }),
            new Paragraph('Ce plan vient d’un fichier Word.'),
            new Paragraph({
              children: [
                new ImageRun({ type: 'png', data: logoPng(60), transformation: { width: 60, height: 60 }, altText: { name: 'logo', title: 'Logo', description: 'Logo du plan' } }),
              ],
            }),
            new Table({
              rows: [
                row(['Mesure', 'Responsable', 'Échéance', 'Statut']),
                row(['Guichet unique', 'mre', '30/06/2027', 'Prévue']),
                row(['Caravane', 'mre', '31/02/2027', 'Prévue']),
              ],
            }),
          ],
        },
      ],
    }),
  );

async function newPage(width = 1440): Promise<WatchedPage> {
  const watched = await openPage(await browser.newContext({ locale: 'fr-FR', viewport: { width, height: width > 600 ? 900 : 844 }, acceptDownloads: true }));
  await signIn(watched.page, server.url, ADMIN.email, ADMIN.password);
  return watched;
}

async function shootInEachLanguage(page: Page, name: string, before?: () => Promise<void>) {
  mkdirSync(SHOTS, { recursive: true });
  for (const language of ['fr', 'ar', 'en']) {
    await page.getByTestId('language').selectOption(language);
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
    await before?.();
    // The wide screen, then a phone.
    for (const width of [1440, 390]) {
      await page.setViewportSize({ width, height: width > 600 ? 900 : 844 });
      await page.screenshot({ path: `${SHOTS}/${name}-${width}-${language}.png`, fullPage: true });
    }
    await page.setViewportSize({ width: 1440, height: 900 });
  }
  await page.getByTestId('language').selectOption('fr');
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('fr');
}

beforeAll(async () => {
  server = await startE2eServer();
  browser = await launchBrowser();
  api = await adminApi(server.url, ADMIN.email, ADMIN.password);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('import screens', () => {
  it('makes a document from a Word file on the dashboard, and takes its measures through the preview', async () => {
    const { page, problems } = await newPage();
    await page.getByRole('button', { name: 'Importer un fichier Word' }).click();
    await page.locator('.word-import').waitFor();
    await shootInEachLanguage(page, 'word-import-form');
    await page
      .locator('.word-import input[type=file]')
      .setInputFiles({ name: 'plan.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: await wordPlan() });
    await page.locator('.word-import').getByRole('button', { name: 'Importer' }).click();
    await page.waitForURL(/\/documents\/[0-9a-f-]{36}$/);
    documentId = page.url().split('/').pop()!;
    // The picture is in the text; the measures wait in the preview, nothing written yet.
    await expect.poll(() => page.locator('[data-testid=editor] img.doc-image').count(), { timeout: 15_000 }).toBe(1);
    const preview = page.locator('.measures-import');
    await expect.poll(() => preview.locator('h2').textContent()).toBe('Mesures du fichier Word');
    await expect.poll(() => preview.locator('tbody tr').count()).toBe(2);
    const bad = preview.locator('tbody tr.invalid');
    expect(await bad.count()).toBe(1);
    expect(await bad.locator('td').first().textContent()).toBe('3');
    expect(await bad.textContent()).toContain('31/02/2027');
    expect(readMeasures(await loadStoredDocument(server.api.database.db, documentId))).toEqual([]);
    await shootInEachLanguage(page, 'word-measures-preview');
    await preview.getByLabel('Ignorer les lignes en erreur').check();
    await preview.getByRole('button', { name: 'Importer', exact: true }).click();
    await expect.poll(() => preview.locator('.notice').textContent()).toContain('1 créée(s), 0 mise(s) à jour, 1 ignorée(s)');
    await expect
      .poll(async () => readMeasures(await loadStoredDocument(server.api.database.db, documentId)).map((measure) => measure.title), { timeout: 10_000 })
      .toEqual(['Guichet unique']);
    expect(readBody(await loadStoredDocument(server.api.database.db, documentId)).some((block) => block.type === 'image')).toBe(true);
    expect(problems).toEqual([]);
  });

  it('previews a spreadsheet with its bad row on its line, applies it live for a co-editor, and updates by id on a re-import', async () => {
    const editor = await newPage();
    const coEditor = await newPage();
    await coEditor.page.goto(`${server.url}/documents/${documentId}?view=measures`);
    await coEditor.page.locator('.measures-table tbody tr').first().waitFor({ timeout: 15_000 });
    await editor.page.goto(`${server.url}/documents/${documentId}`);
    const csv = 'Mesure;Responsable;Échéance;Statut;Avancement\nCampagne d’information;mre;15/09/2027;En cours;20\nPortail;mre;01/01/2027;Peut-être;10\n';
    const importCsv = async (content: string) => {
      // The menu stays open after a choice; open it only when it is closed.
      if (!(await editor.page.locator('details.files-menu').evaluate((menu) => (menu as HTMLDetailsElement).open)))
        await editor.page.getByText('Exporter', { exact: true }).click();
      await editor.page.getByRole('menuitem', { name: 'Importer des mesures…' }).click();
      await editor.page.locator('.measures-import input[type=file]').setInputFiles({ name: 'mesures.csv', mimeType: 'text/csv', buffer: Buffer.from(content) });
    };
    await importCsv(csv);
    const preview = editor.page.locator('.measures-import');
    await expect.poll(() => preview.locator('tbody tr').count(), { timeout: 10_000 }).toBe(2);
    const bad = preview.locator('tbody tr.invalid');
    expect(await bad.locator('td').first().textContent()).toBe('3');
    expect(await bad.textContent()).toContain('Peut-être');
    await shootInEachLanguage(editor.page, 'sheet-preview');
    // Nothing is written before "Import".
    expect(await coEditor.page.locator('.measures-table tbody tr').count()).toBe(1);
    await preview.getByLabel('Ignorer les lignes en erreur').check();
    await preview.getByRole('button', { name: 'Importer', exact: true }).click();
    // Titles sit in the grid's title cells (text until someone enters one).
    const titles = () =>
      coEditor.page
        .locator('.measures-table tbody')
        .evaluate((body) => [...body.querySelectorAll('td[data-column="title"] .cell-text')].map((cell) => cell.textContent).join(' | '));
    await expect.poll(titles, { timeout: 10_000 }).toContain('Campagne d’information');
    expect(await coEditor.page.locator('.measures-table tbody tr').count()).toBe(2);

    // The exported sheet carries the ids; changed and imported again, it updates the same rows.
    const exported = (await download(api, `/api/documents/${documentId}/measures/export?format=csv`)).data.toString('utf8');
    const changed = exported.replace(/;20 ?%?;/, (match) => match.replace('20', '75'));
    expect(changed).not.toBe(exported);
    await editor.page.getByRole('button', { name: 'Fermer' }).last().click();
    await importCsv(changed);
    await expect.poll(() => preview.locator('[aria-live=polite]').textContent(), { timeout: 10_000 }).toContain('0 nouvelle(s) mesure(s), 2 mise(s) à jour');
    await preview.getByRole('button', { name: 'Importer', exact: true }).click();
    await expect
      .poll(async () => readMeasures(await loadStoredDocument(server.api.database.db, documentId)).map((measure) => `${measure.title} ${measure.progress}`), { timeout: 10_000 })
      .toEqual(['Guichet unique 0', 'Campagne d’information 75']);
    expect(editor.problems).toEqual([]);
    expect(coEditor.problems).toEqual([]);
  });

  it('lets an administrator set, preview and remove the exports’ logo', async () => {
    const { page, problems } = await newPage();
    await page.goto(`${server.url}/admin/logo`);
    await expect.poll(() => page.locator('.logo-page').textContent()).toContain('Aucun logo');
    await page
      .locator('.logo-page input[type=file]')
      .setInputFiles({ name: 'logo.svg', mimeType: 'image/svg+xml', buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') });
    expect(await page.getByRole('alert').textContent()).toBe('Choisissez une image PNG ou JPEG.');
    await page.locator('.logo-page input[type=file]').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: logoPng(96) });
    await page.locator('figure.logo-figure img').waitFor();
    await shootInEachLanguage(page, 'logo-preview');
    await page.getByRole('button', { name: 'Enregistrer le logo' }).click();
    await expect.poll(() => page.locator('.logo-page .notice').textContent()).toContain('96 × 96');
    await expect.poll(() => page.locator('section img.logo-preview').evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(96);
    await shootInEachLanguage(page, 'logo-set');
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Retirer le logo' }).click();
    await expect.poll(() => page.locator('.logo-page').textContent()).toContain('Aucun logo');
    expect((await auditEntries(server.api.database.db, 'settings.logo_changed')).length).toBe(2);
    expect(problems).toEqual([]);
  });
});

describe('printing', () => {
  it('prints the ministry on every page, page numbers, and the draft watermark until adoption', async () => {
    // Enough measures for several pages.
    const rows = Array.from({ length: 70 }, (_, index) => `Mesure imprimée ${index + 1};mre;30/06/2027;Prévue;0`).join('\n');
    expect(
      (await upload(api, `/api/documents/${documentId}/measures/import`, { name: 'long.csv', data: Buffer.from(`Mesure;Responsable;Échéance;Statut;Avancement\n${rows}\n`) }))
        .status,
    ).toBe(200);
    expect((await upload(api, '/api/settings/logo', { name: 'logo.png', data: logoPng(96) }, {}, 'PUT')).status).toBe(200);
    const { page } = await newPage();
    await page.goto(`${server.url}/documents/${documentId}`);
    await expect.poll(() => page.locator('.print-measures tbody tr').count(), { timeout: 15_000 }).toBe(72);
    const printed = async () => {
      const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
      return { pdf, pages: await pdfPages(pdf) };
    };
    const draft = await printed();
    mkdirSync(SHOTS, { recursive: true });
    await import('node:fs').then((fs) => fs.writeFileSync(`${SHOTS}/print-draft.pdf`, draft.pdf));
    expect(draft.pages.length).toBeGreaterThanOrEqual(3);
    // Spaces as pdf.js extracts them vary (ligatures, cell wraps): compare without them.
    const squeezed = draft.pages.map((text) => text.replace(/\s+/g, ''));
    squeezed.forEach((text, index) => {
      // The running header ("French name · Arabic name"), unlike the measures' lead column, has the dot.
      expect(text, `page ${index + 1}`).toContain('delamigration·');
      expect(text, `page ${index + 1}`).toContain(`Page${index + 1}/${draft.pages.length}`);
      expect(text, `page ${index + 1}`).toContain('Projet/');
    });
    expect(squeezed[0]).toContain('Planimportédepuis');
    expect(squeezed.at(-1)).toContain('Mesureimprimée70');
    for (const to of ['in_review', 'submitted', 'adopted']) expect((await api.post(`/api/documents/${documentId}/transitions`, { to })).status).toBe(200);
    await page.reload();
    await expect.poll(() => page.locator('.print-measures tbody tr').count(), { timeout: 15_000 }).toBe(72);
    const adopted = await printed();
    await import('node:fs').then((fs) => fs.writeFileSync(`${SHOTS}/print-adopted.pdf`, adopted.pdf));
    for (const text of adopted.pages) expect(text.replace(/\s+/g, '')).not.toContain('Projet/');
    expect(adopted.pages[0]!.replace(/\s+/g, '')).toContain('Page1/');
    expect(readFileSync(`${SHOTS}/print-adopted.pdf`).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});
