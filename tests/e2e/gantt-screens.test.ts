import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/demo/load.ts';
import { launchBrowser, openPage, screenshot, type WatchedPage } from './helpers/browser.ts';
import { fillCell } from './helpers/grid.ts';
import { signIn } from './helpers/session.ts';
import { startE2eServer, type E2eServer } from './helpers/tansiq.ts';

/**
 * The Gantt view of the demo's investment plan (four lead organisations) as people see it, in
 * the three languages, on a wide screen and on a phone. Screenshots go to test-artifacts/.
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
    .where('title', 'like', 'Plan d’action pour la mobilisation de l’investissement%')
    .executeTakeFirstOrThrow();
  planUrl = `${server.url}/documents/${plan.id}`;
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(width: number): Promise<WatchedPage> {
  const watched = await openPage(await browser.newContext({ locale: 'fr-FR', viewport: { width, height: width > 600 ? 900 : 844 } }));
  await signIn(watched.page, server.url, 'admin@demo.tansiq.ma', DEMO_PASSWORD);
  await watched.page.goto(`${planUrl}?view=timeline`);
  await watched.page.locator('.gantt-bar').first().waitFor({ timeout: 15_000 });
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

/** Boxes of the bar labels, to check that none overlaps another or runs over a bar. */
const overlaps = (page: Page) =>
  page.evaluate(() => {
    const boxes = [...document.querySelectorAll('.gantt-bar-label, .gantt-bar, .gantt-milestone')].map((e) => ({
      label: e.classList.contains('gantt-bar-label') && !e.classList.contains('inside'),
      box: e.getBoundingClientRect(),
    }));
    const hit = (a: DOMRect, b: DOMRect) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
    let count = 0;
    for (const [i, a] of boxes.entries()) for (const b of boxes.slice(i + 1)) if ((a.label || b.label) && hit(a.box, b.box)) count++;
    return count;
  });

describe('the Gantt view as people see it', () => {
  it('wide screen: groups by lead in the reader’s language, a milestone, today, labels that never overlap', async () => {
    const { page, problems } = await open(1440);
    // A measure with a due date and no start becomes a milestone (cleared in the table, as people do).
    await page.goto(`${planUrl}?view=measures`);
    const row = page.locator('.measures-table tbody tr').nth(5);
    await fillCell(row, 'Début', '');
    await page.goto(`${planUrl}?view=timeline`);
    await page.locator('.gantt-milestone').first().waitFor();
    expect(await page.locator('#side-panel').count(), 'the side panel starts folded').toBe(0);
    await inEachLanguage(page, 'gantt-1440', async (language) => {
      const groups = await page.locator('.gantt-group-name').allTextContents();
      expect(groups.length).toBeGreaterThanOrEqual(3);
      expect(groups.every((name) => name !== '—')).toBe(true);
      if (language === 'ar') expect(groups.join(' ')).toMatch(/[\u0600-\u06FF]/);
      expect(await page.locator('.gantt-today').count()).toBe(1);
      expect(await overlaps(page)).toBe(0);
      // In Arabic the first day is on the right: a later bar is further left.
      const scale = await page.locator('.gantt-tier.lower .gantt-span').evaluateAll((spans) => spans.slice(0, 2).map((s) => s.getBoundingClientRect().left));
      expect(language === 'ar' ? scale[0]! > scale[1]! : scale[0]! < scale[1]!).toBe(true);
    });
    for (const zoom of ['month', 'year'] as const) {
      await page.locator(`.gantt-zoom [data-zoom=${zoom}]`).click();
      expect(await overlaps(page)).toBe(0);
      await screenshot(page, `gantt-1440-${zoom}-fr`);
    }
    expect(problems).toEqual([]);
  });

  it('phone: the chart scrolls sideways inside its box, the measure names stay in view', async () => {
    const { page, problems } = await open(390);
    await inEachLanguage(page, 'gantt-390', async () => {
      const overflowing = await page
        .locator('.gantt > *')
        .evaluateAll((elements) => elements.filter((e) => e.getBoundingClientRect().right > 391 || e.getBoundingClientRect().left < -1).length);
      expect(overflowing).toBe(0);
      const scroller = page.getByTestId('gantt');
      const label = page.locator('.gantt-label').first();
      const before = (await label.boundingBox())!;
      await scroller.evaluate((box) => box.scrollTo({ left: document.documentElement.dir === 'rtl' ? -400 : 400 }));
      expect(await scroller.evaluate((box) => Math.abs(box.scrollLeft))).toBeGreaterThan(300);
      expect((await label.boundingBox())!.x).toBeCloseTo(before.x, 0);
      await scroller.screenshot({ path: `test-artifacts/gantt-390-scrolled-${await page.evaluate(() => document.documentElement.lang)}.png` });
      await scroller.evaluate((box) => box.scrollTo({ left: 0 }));
      await page.locator('.gantt').scrollIntoViewIfNeeded();
    });
    expect(problems).toEqual([]);
  });
});
