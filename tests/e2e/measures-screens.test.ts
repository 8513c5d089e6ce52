import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/demo/load.ts';
import { launchBrowser, openPage, screenshot, type WatchedPage } from './helpers/browser.ts';
import { signIn } from './helpers/session.ts';
import { startE2eServer, type E2eServer } from './helpers/tansiq.ts';

/**
 * The measures grid of the demo's education plan as people see it, in the three languages, on a
 * wide screen and on a phone, and for someone who may only read. Screenshots go to test-artifacts/.
 */
let server: E2eServer;
let browser: Browser;
let planUrl: string;
const LANGUAGES = ['fr', 'ar', 'en'] as const;

beforeAll(async () => {
  server = await startE2eServer({ TANSIQ_DEMO: 'true' });
  browser = await launchBrowser();
  const plan = await server.api.database.db
    .selectFrom('documents')
    .select('id')
    .where('title', 'like', 'Plan d’action sectoriel 2026-2027 : enseignement%')
    .executeTakeFirstOrThrow();
  planUrl = `${server.url}/documents/${plan.id}?view=measures`;
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(width: number, email: string): Promise<WatchedPage> {
  // A French browser, as the ministry's are: the native date picker follows the browser's language.
  const watched = await openPage(await browser.newContext({ locale: 'fr-FR', viewport: { width, height: width > 600 ? 900 : 844 } }));
  await signIn(watched.page, server.url, email, DEMO_PASSWORD);
  await watched.page.goto(planUrl);
  await watched.page.locator('.measures-table tbody tr').first().waitFor({ timeout: 15_000 });
  return watched;
}

async function inEachLanguage(page: Page, name: string, check: (language: string) => Promise<void>) {
  for (const language of LANGUAGES) {
    await page.getByTestId('language').selectOption(language);
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
    await check(language);
    await screenshot(page, `${name}-${language}`);
  }
  await page.getByTestId('language').selectOption('fr');
}

describe('the measures grid as people see it', () => {
  it('wide screen: full width, sticky header and first column, amounts and dates in the reader’s language', async () => {
    const { page, problems } = await open(1440, 'admin@demo.tansiq.ma');
    expect(await page.locator('#side-panel').count(), 'the side panel starts folded').toBe(0);
    await inEachLanguage(page, 'grid-1440', async (language) => {
      const header = page.locator('.measures-table thead th').nth(2);
      expect(await header.evaluate((element) => getComputedStyle(element).position)).toBe('sticky');
      const budget = await page.locator('.measures-table tbody tr').first().locator('td[data-column="budget"] .cell-value').textContent();
      expect(budget).not.toContain('3200000');
      expect(budget).toMatch(language === 'en' ? /MAD\s?3,200,000/ : /3\D200\D000/);
      // The columns beyond the first screen: the grid scrolled to its end, the first column still there.
      await page.locator('.grid-scroll').evaluate((grid) => grid.scrollTo({ left: document.documentElement.dir === 'rtl' ? -99_999 : 99_999 }));
      await page.locator('.grid-scroll').screenshot({ path: `test-artifacts/grid-1440-end-${language}.png` });
      await page.locator('.grid-scroll').evaluate((grid) => grid.scrollTo({ left: 0 }));
    });
    expect(problems).toEqual([]);
  });

  it('phone: one card per measure, nothing wider than the screen', async () => {
    const { page, problems } = await open(390, 'admin@demo.tansiq.ma');
    await inEachLanguage(page, 'grid-390', async () => {
      expect(
        await page
          .locator('.measures-table tbody tr')
          .first()
          .evaluate((row) => getComputedStyle(row).display),
      ).toBe('grid');
      // (The application's header is another matter: at 390 px its account buttons overflow.)
      const overflowing = await page
        .locator('.measures *')
        .evaluateAll((elements) => elements.filter((e) => e.getBoundingClientRect().right > 391 || e.getBoundingClientRect().left < -1).length);
      expect(overflowing).toBe(0);
      // What the phone shows once scrolled to the first cards.
      await page.locator('.grid-toolbar').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `test-artifacts/grid-390-cards-${await page.evaluate(() => document.documentElement.lang)}.png` });
    });
    expect(problems).toEqual([]);
  });

  it('phone: the cards leave out the columns the person hid, as their grid does anywhere', async () => {
    const { page, problems } = await open(390, 'education@demo.tansiq.ma');
    const card = page.locator('.measures-table tbody tr').first();
    const labels = () => card.locator('td[data-label]').evaluateAll((cells) => cells.map((cell) => (cell as HTMLElement).dataset.column));
    expect(await labels()).toEqual(expect.arrayContaining(['partners', 'notes', 'budget']));
    await page.getByTestId('columns-menu').locator('summary').click();
    await page.getByTestId('columns-menu').getByLabel('Partenaires').uncheck();
    await page.getByTestId('columns-menu').getByLabel('Budget').uncheck();
    await expect.poll(labels).not.toContain('partners');
    expect(await labels()).not.toContain('budget');
    expect(await labels()).toContain('notes');
    await page.screenshot({ path: 'test-artifacts/grid-390-cards-hidden-columns.png' });
    await page.getByTestId('columns-menu').locator('summary').click();
    // The same choice on a wide screen, in another browser: it is the person's, not the device's.
    const wide = await open(1440, 'education@demo.tansiq.ma');
    const headers = () => wide.page.locator('.measures-table thead th').evaluateAll((ths) => ths.map((th) => (th as HTMLElement).dataset.column));
    await expect.poll(headers, { timeout: 10_000 }).not.toContain('partners');
    expect(await headers()).not.toContain('budget');
    // A card's field is text until tapped; tapping mounts its editor.
    expect(await card.locator('textarea, select, input').count()).toBe(0);
    await card.locator('td[data-column="title"] .cell-value').click();
    await expect.poll(() => card.locator('textarea[data-field="title"]').count()).toBe(1);
    await page.getByTestId('columns-menu').locator('summary').click();
    await page.getByTestId('columns-menu').getByLabel('Partenaires').check();
    await page.getByTestId('columns-menu').getByLabel('Budget').check();
    await expect.poll(labels).toContain('partners');
    expect(problems).toEqual([]);
    expect(wide.problems).toEqual([]);
  });

  it('view-only: a readable table, no disabled inputs', async () => {
    const { page, problems } = await open(1440, 'nl@demo.tansiq.ma');
    await expect.poll(() => page.getByTestId('read-only').count()).toBe(1);
    expect(await page.locator('.measures-table textarea, .measures-table input, .measures-table select').count()).toBe(0);
    expect(await page.locator('.measures-table tbody tr').first().textContent()).toContain('Référentiel de compétences');
    await screenshot(page, 'grid-1440-view-only');
    expect(problems).toEqual([]);
  });
});
