import { mkdir } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, type WatchedPage } from './helpers/browser.ts';
import { cellValue } from './helpers/grid.ts';
import { adminApi, signIn } from './helpers/session.ts';
import { ADMIN, startE2eServer, type E2eServer } from './helpers/tansiq.ts';

/**
 * Structured indicators and row comments in two browsers: a current value set in one window
 * reaches the other's chart, and is recorded with who set it; a row gets a comment thread.
 * Screenshots (fr, ar, en at 1440 and 390 px) go to SCREENSHOTS_DIR, default /tmp/tansiq-indicators.
 */
let server: E2eServer;
let browser: Browser;
let alice: WatchedPage;
let bob: WatchedPage;
let documentId: string;
const SHOTS = process.env.SCREENSHOTS_DIR ?? '/tmp/tansiq-indicators';

const firstRow = (page: Page) => page.locator('.measures-table tbody tr').first();

beforeAll(async () => {
  server = await startE2eServer();
  browser = await launchBrowser();
  const viewport = { width: 1440, height: 900 };
  alice = await openPage(await browser.newContext({ viewport }));
  bob = await openPage(await browser.newContext({ viewport }));
  const api = await adminApi(server.api.url, ADMIN.email, ADMIN.password);
  const created = await api.post('/api/documents', { kind: 'action_plan', title: 'Plan de suivi des indicateurs' });
  documentId = created.body.document.id;
  for (const watched of [alice, bob]) {
    await signIn(watched.page, server.url, ADMIN.email, ADMIN.password);
    await watched.page.goto(`${server.url}/documents/${documentId}?view=measures`);
    await watched.page.getByTestId('connection').filter({ hasText: 'En ligne' }).waitFor({ timeout: 15_000 });
  }
  await mkdir(SHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function setIndicator(page: Page, field: string, value: string) {
  const input = page.getByTestId('measure-detail').locator(`input[data-field=${field}]`);
  await input.fill(value);
  await input.press('Enter');
  await input.blur();
}

describe('indicators and row comments in two browsers', () => {
  it('a current value set in window A updates the chart in window B, and the history names who set it', async () => {
    await alice.page.getByTestId('add-measure').click();
    await alice.page.keyboard.type('Taux de scolarisation des enfants MRE');
    await expect.poll(() => cellValue(firstRow(bob.page), 'Mesure'), { timeout: 10_000 }).toContain('Taux de scolarisation');

    await firstRow(alice.page).getByTestId('indicator-summary').locator('button').click();
    await alice.page.getByTestId('measure-detail').waitFor();
    await alice.page.getByTestId('measure-detail').locator('textarea[data-field=indicator]').fill('Enfants inscrits');
    await alice.page.getByTestId('measure-detail').locator('textarea[data-field=indicatorUnit]').fill('%');
    await setIndicator(alice.page, 'indicatorBaseline', '40');
    await setIndicator(alice.page, 'indicatorTarget', '90');
    await setIndicator(alice.page, 'indicatorCurrent', '52,5');

    const bobChart = firstRow(bob.page).locator('svg.sparkline');
    await expect.poll(() => firstRow(bob.page).getByTestId('indicator-values').textContent(), { timeout: 10_000 }).toMatch(/52,5 \/ 90 %/);
    await expect.poll(() => bobChart.getAttribute('data-points'), { timeout: 10_000 }).toBe('1');

    await setIndicator(alice.page, 'indicatorCurrent', '61');
    await expect.poll(() => bobChart.getAttribute('data-points'), { timeout: 10_000 }).toBe('2');
    await expect.poll(() => firstRow(bob.page).locator('.indicator-progress').textContent(), { timeout: 10_000 }).toMatch(/42/);

    // Bob's detail lists the server's record: both values, by the one who set them.
    await firstRow(bob.page).getByTestId('indicator-summary').locator('button').click();
    const history = bob.page.getByTestId('indicator-history').locator('li');
    await expect.poll(() => history.count(), { timeout: 10_000 }).toBe(2);
    expect(await history.first().textContent()).toMatch(/^61 % — .+/);
    expect(await history.last().textContent()).toMatch(/^52,5 % — .+/);
    expect(await history.first().textContent()).not.toContain('non vérifié');
    await bob.page.keyboard.press('Escape');
    await alice.page.keyboard.press('Escape');
    expect(alice.problems).toEqual([]);
    expect(bob.problems).toEqual([]);
  });

  it('a row gets a comment thread about its measure; the other window sees the count', async () => {
    await firstRow(alice.page).getByTestId('measure-comments').click();
    const panel = alice.page.locator('#side-panel');
    await panel
      .getByText(/Mesure : Taux de scolarisation/)
      .first()
      .waitFor();
    await panel.locator('textarea').first().fill('Chiffres du rectorat à confirmer');
    await panel
      .getByRole('button', { name: /Envoyer/ })
      .first()
      .click();
    await panel.getByTestId('thread').filter({ hasText: 'Chiffres du rectorat' }).waitFor();
    expect(await panel.getByTestId('thread').first().textContent()).toContain('Taux de scolarisation');
    await expect.poll(() => firstRow(bob.page).getByTestId('measure-comments').textContent(), { timeout: 10_000 }).toMatch(/1/);
  });

  it('screenshots of the row, the detail and the comment in fr, ar and en at 1440 and 390 px', async () => {
    for (const width of [1440, 390]) {
      await alice.page.setViewportSize({ width, height: width > 600 ? 900 : 844 });
      for (const language of ['fr', 'ar', 'en']) {
        await alice.page.getByTestId('language').selectOption(language);
        await expect.poll(() => alice.page.evaluate(() => document.documentElement.lang)).toBe(language);
        await firstRow(alice.page).scrollIntoViewIfNeeded();
        await alice.page.screenshot({ path: `${SHOTS}/row-${width}-${language}.png` });
        await firstRow(alice.page).getByTestId('indicator-summary').locator('button').click();
        await alice.page.getByTestId('measure-detail').waitFor();
        await alice.page.screenshot({ path: `${SHOTS}/detail-${width}-${language}.png` });
        await alice.page.getByTestId('measure-detail').getByTestId('detail-comments').click();
        await alice.page.locator('#side-panel').getByTestId('thread').first().waitFor();
        await alice.page.locator('#side-panel').scrollIntoViewIfNeeded();
        await alice.page.screenshot({ path: `${SHOTS}/comment-${width}-${language}.png` });
      }
    }
    await alice.page.getByTestId('language').selectOption('fr');
    expect(alice.problems).toEqual([]);
  });

  it('once the measure is deleted in one window, its thread in the other says so', async () => {
    await alice.page.setViewportSize({ width: 1440, height: 900 });
    await firstRow(alice.page).getByTestId('measure-comments').click();
    await alice.page.locator('#side-panel').getByTestId('thread').first().waitFor();
    bob.page.once('dialog', (dialog) => void dialog.accept());
    await firstRow(bob.page)
      .getByRole('button', { name: /Supprimer/ })
      .click();
    await alice.page.locator('#side-panel').getByTestId('measure-deleted').first().waitFor({ timeout: 10_000 });
    expect(await alice.page.locator('#side-panel').getByTestId('thread').first().textContent()).toContain('Mesure supprimée');
    await alice.page.screenshot({ path: `${SHOTS}/comment-deleted-1440-fr.png` });
    expect(alice.problems).toEqual([]);
    expect(bob.problems).toEqual([]);
  });
});
