import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendMeasures } from '../../shared/doc-schema.ts';
import { launchBrowser, openPage, type WatchedPage } from './helpers/browser.ts';
import { adminApi, signIn } from './helpers/session.ts';
import { ADMIN, startE2eServer, type E2eServer } from './helpers/tansiq.ts';

let server: E2eServer;
let browser: Browser;
let context: BrowserContext;
let alice: WatchedPage;
let documentId: string;
let url: string;

const headerWidth = (page: Page, column: string) =>
  page.locator(`.measures-table thead th[data-column="${column}"]`).evaluate((th) => Math.round(th.getBoundingClientRect().width));
const shownColumns = (page: Page) => page.locator('.measures-table thead th').evaluateAll((ths) => ths.map((th) => (th as HTMLElement).dataset.column));
const storedPreference = async () => {
  const api = await adminApi(server.api.url, ADMIN.email, ADMIN.password);
  return (await api.get('/api/users/me/preferences/measures.grid')).body.preference.value;
};

beforeAll(async () => {
  server = await startE2eServer();
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1440, height: 900 }, permissions: ['clipboard-read', 'clipboard-write'] });
  alice = await openPage(context);
  const api = await adminApi(server.api.url, ADMIN.email, ADMIN.password);
  const created = await api.post('/api/documents', { kind: 'action_plan', title: 'Plan des colonnes' });
  documentId = created.body.document.id;
  const admin = await server.api.database.db.selectFrom('users').select('id').where('email', '=', ADMIN.email).executeTakeFirstOrThrow();
  await server.api.hub.applyServerChange(
    documentId,
    (doc) =>
      appendMeasures(doc, [
        { id: 'a', title: 'Guichet unique', status: 'in_progress', progress: 25, start: '2026-06-01', due: '2026-09-30', budget: 1_200_000, indicator: 'Dossiers\ntraités' },
        { id: 'b', title: 'Portail des MRE', status: 'planned', progress: 0, start: null, due: '2026-12-31', budget: 2500.5 },
        { id: 'c', title: 'Caravane médicale', status: 'done', progress: 100, start: '2026-07-01', due: null, budget: null },
      ]),
    admin.id,
  );
  url = `${server.url}/documents/${documentId}?view=measures`;
  await signIn(alice.page, server.url, ADMIN.email, ADMIN.password);
  await alice.page.goto(url);
  await alice.page.locator('#measure-a').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the measures grid’s columns, per person', () => {
  it('resizes a column by dragging its edge and from the keyboard, and remembers it on the server', async () => {
    const page = alice.page;
    const before = await headerWidth(page, 'lead');
    const handle = page.getByTestId('resize-lead');
    const box = (await handle.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    await expect.poll(() => headerWidth(page, 'lead')).toBe(before + 60);
    await handle.focus();
    await page.keyboard.press('Shift+ArrowRight');
    await expect.poll(() => headerWidth(page, 'lead')).toBe(before + 124);
    expect(await handle.getAttribute('aria-valuenow')).toBe(String(before + 124));
    await expect.poll(storedPreference, { timeout: 5000 }).toEqual({ columns: { lead: { width: before + 124 } } });
  });

  it('hides and shows columns from the Columns menu, and keeps both choices across a reload and another browser', async () => {
    const page = alice.page;
    await page.getByTestId('columns-menu').locator('summary').click();
    await page.getByTestId('columns-menu').getByLabel('Partenaires').uncheck();
    await page.getByTestId('columns-menu').getByLabel('Notes').uncheck();
    await expect.poll(() => shownColumns(page)).not.toContain('partners');
    expect(await page.locator('#measure-a td[data-column="partners"]').count()).toBe(0);
    await expect.poll(storedPreference, { timeout: 5000 }).toMatchObject({ columns: { partners: { hidden: true }, notes: { hidden: true } } });
    const leadWidth = await headerWidth(page, 'lead');
    await page.reload();
    await page.locator('#measure-a').waitFor();
    await expect.poll(() => shownColumns(page)).not.toContain('notes');
    expect(await shownColumns(page)).not.toContain('partners');
    expect(await headerWidth(page, 'lead')).toBe(leadWidth);
    // Another browser, the same person: the same columns.
    const elsewhere = await openPage(await browser.newContext({ viewport: { width: 1440, height: 900 } }));
    await signIn(elsewhere.page, server.url, ADMIN.email, ADMIN.password);
    await elsewhere.page.goto(url);
    await elsewhere.page.locator('#measure-a').waitFor();
    await expect.poll(() => shownColumns(elsewhere.page)).not.toContain('partners');
    expect(await headerWidth(elsewhere.page, 'lead')).toBe(leadWidth);
    await page.getByTestId('columns-menu').locator('summary').click();
    await page.getByTestId('columns-menu').getByLabel('Notes').check();
    await expect.poll(() => shownColumns(page)).toContain('notes');
  });
});

describe('copying a block of cells out of the grid', () => {
  it('copies a block chosen with Shift+click as tab-separated values a spreadsheet reads', async () => {
    const page = alice.page;
    await page.locator('#measure-a td[data-column="start"] .cell-value').click();
    await page.locator('#measure-b td[data-column="budget"]').click({ modifiers: ['Shift'] });
    expect(await page.locator('.measures-table td.selected').count()).toBe(2 * 6);
    await page.keyboard.press('Control+C');
    const text = await page.evaluate(() => navigator.clipboard.readText());
    expect(text).toBe('2026-06-01\t2026-09-30\tEn cours\t25%\t"Dossiers\ntraités"\t1200000\r\n\t2026-12-31\tPrévue\t0%\t\t2500,5\r\n');
    await expect.poll(() => page.getByTestId('grid-copied').textContent()).toMatch(/12\s?cellule/);
  });

  it('stretches the block with Shift+arrows from a cell, and copies one cell from it too', async () => {
    const page = alice.page;
    await page.locator('#measure-b td[data-column="title"] .cell-value').click();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowRight');
    expect(await page.locator('.measures-table td.selected').count()).toBe(4);
    await page.keyboard.press('Control+C');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/^Portail des MRE\t[^\r\n]*\r\nCaravane médicale\t[^\r\n]*\r\n$/);
    await page.keyboard.press('Escape');
    expect(await page.locator('.measures-table td.selected').count()).toBe(0);
    await page.keyboard.press('Control+C');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('Portail des MRE\r\n');
  });

  it('raised no CSP violation or script error', () => {
    expect(alice.problems).toEqual([]);
  });
});
