import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMeasures } from '../../shared/doc-schema.ts';
import { rowCopies } from '../helpers/measure-typing.ts';
import { loadStoredDocument } from '../helpers/stored-document.ts';
import { launchBrowser, openPage, type WatchedPage } from './helpers/browser.ts';
import { cellValue, enterCell } from './helpers/grid.ts';
import { adminApi, signIn } from './helpers/session.ts';
import { ADMIN, startE2eServer, type E2eServer } from './helpers/tansiq.ts';

let server: E2eServer;
let browser: Browser;
let alice: WatchedPage;
let bob: WatchedPage;
let documentId: string;

const rows = (page: Page) => page.locator('.measures-table tbody tr');
/** A row's title as shown: the bound field while entered, its text otherwise. */
const titleOf = (page: Page, index: number) => cellValue(rows(page).nth(index), 'Mesure');
/** Enters a row's title cell (its editor is mounted on entry) and returns the bound field. */
const editTitle = (page: Page, index: number) => enterCell(rows(page).nth(index), 'Mesure');

async function stored() {
  await server.api.hub.store.flush();
  const doc = await loadStoredDocument(server.api.database.db, documentId);
  const result = { measures: readMeasures(doc), copies: [...rowCopies(doc).values()] };
  doc.destroy();
  return result;
}

beforeAll(async () => {
  server = await startE2eServer();
  browser = await launchBrowser();
  const viewport = { width: 1440, height: 900 };
  alice = await openPage(await browser.newContext({ viewport }));
  bob = await openPage(await browser.newContext({ viewport }));
  const api = await adminApi(server.api.url, ADMIN.email, ADMIN.password);
  const created = await api.post('/api/documents', { kind: 'action_plan', title: 'Plan de test des mesures' });
  documentId = created.body.document.id;
  for (const watched of [alice, bob]) {
    await signIn(watched.page, server.url, ADMIN.email, ADMIN.password);
    await watched.page.goto(`${server.url}/documents/${documentId}?view=measures`);
    await watched.page.getByTestId('connection').filter({ hasText: 'En ligne' }).waitFor({ timeout: 15_000 });
  }
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the measures table in two browsers', () => {
  it('two people typing into one cell at 25 ms a key: both strings whole, in both windows and in storage', async () => {
    await alice.page.getByTestId('add-measure').click();
    await alice.page.keyboard.type('Titre : ');
    await expect.poll(() => titleOf(bob.page, 0), { timeout: 10_000 }).toBe('Titre : ');
    // Before anyone enters it, the cell is text: no bound field in the row until then.
    expect(await rows(bob.page).nth(0).locator('textarea').count()).toBe(0);
    await (await editTitle(alice.page, 0)).click();
    await alice.page.keyboard.press('End');
    await (await editTitle(bob.page, 0)).click();
    await bob.page.keyboard.press('End');
    const first = 'Guichet unique pour les MRE';
    const second = 'شباك موحد لمغاربة العالم';
    await Promise.all([alice.page.keyboard.type(first, { delay: 25 }), bob.page.keyboard.type(second, { delay: 25 })]);
    for (const page of [alice.page, bob.page]) {
      await expect.poll(() => titleOf(page, 0), { timeout: 10_000 }).toContain(first);
      await expect.poll(() => titleOf(page, 0)).toContain(second);
    }
    const value = await titleOf(alice.page, 0);
    expect(value).toHaveLength('Titre : '.length + first.length + second.length);
    expect(await titleOf(bob.page, 0)).toBe(value);
    await expect.poll(async () => (await stored()).measures[0]?.title).toBe(value);
  });

  it('two people moving the same row at once: one row remains', async () => {
    for (const name of ['Deuxième mesure', 'Troisième mesure']) {
      await alice.page.getByTestId('add-measure').click();
      await alice.page.keyboard.type(name);
    }
    await expect.poll(() => rows(bob.page).count(), { timeout: 10_000 }).toBe(3);
    await expect.poll(() => titleOf(bob.page, 2)).toBe('Troisième mesure');
    const down = (page: Page) =>
      rows(page)
        .nth(0)
        .getByRole('button', { name: /^Descendre/ });
    await Promise.all([down(alice.page).click(), down(bob.page).click()]);
    for (const page of [alice.page, bob.page]) await expect.poll(() => rows(page).count()).toBe(3);
    await expect
      .poll(async () => {
        const [a, b] = await Promise.all([alice, bob].map(({ page }) => rows(page).evaluateAll((trs) => trs.map((tr) => tr.id))));
        return a!.join() === b!.join() && new Set(a).size === 3;
      })
      .toBe(true);
    const { measures, copies } = await stored();
    expect(measures).toHaveLength(3);
    expect(copies).toEqual([1, 1, 1]);
  });

  it('moves between cells with the keyboard as a spreadsheet does', async () => {
    const page = alice.page;
    await (await editTitle(page, 0)).click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-field'))).toBe('title');
    expect(await page.evaluate(() => document.activeElement?.closest('tr')?.rowIndex)).toBe(2);
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('TD');
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Chef de file');
    await page.keyboard.press('Alt+ArrowUp');
    expect(await page.evaluate(() => document.activeElement?.closest('tr')?.rowIndex)).toBe(1);
    // Leaving a cell unmounts its editor (the row is text again); Enter mounts it again.
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => [document.activeElement?.tagName, document.activeElement?.querySelectorAll('select').length])).toEqual(['TD', 0]);
    expect(await page.evaluate(() => document.activeElement?.querySelector('button.cell-value')?.getAttribute('aria-label'))).toMatch(/^Chef de file : /);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => [document.activeElement?.tagName, document.activeElement?.getAttribute('aria-label')])).toEqual(['SELECT', 'Chef de file']);
    expect(await page.locator('.measures-table textarea, .measures-table select, .measures-table input').count()).toBe(1);
  });

  it('turns a block pasted from a spreadsheet into rows, after a preview', async () => {
    await alice.page.getByTestId('paste-measures').click();
    const block = 'Mesure\tChef de file\n"Caravane médicale\nde l’été"\t\t\t01/06/2026\t30/09/2026\tEn cours\t25 %\tConsultations\t1 200 000 MAD\nPortail des MRE\t\t\t\t\tPrévue';
    await alice.page.getByLabel('Lignes à coller').fill(block);
    const preview = alice.page.getByTestId('paste-preview');
    await expect.poll(() => preview.locator('tbody tr').count()).toBe(2);
    expect(await preview.textContent()).toMatch(/1\s200\s000/);
    await alice.page.getByTestId('paste-add').click();
    await expect.poll(() => rows(bob.page).count(), { timeout: 10_000 }).toBe(5);
    const { measures } = await stored();
    expect(measures.slice(3).map((m) => [m.title, m.start, m.status, m.progress, m.budget])).toEqual([
      ['Caravane médicale\nde l’été', '2026-06-01', 'in_progress', 25, 1_200_000],
      ['Portail des MRE', null, 'planned', 0, null],
    ]);
  });

  it('raised no CSP violation or script error', () => {
    expect(alice.problems).toEqual([]);
    expect(bob.problems).toEqual([]);
  });
});
