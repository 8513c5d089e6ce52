import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendMeasures, MEASURE_STATUSES, readMeasures } from '../../shared/doc-schema.ts';
import { loadStoredDocument } from '../helpers/stored-document.ts';
import { launchBrowser, openPage, screenshot, type WatchedPage } from './helpers/browser.ts';
import { enterCell } from './helpers/grid.ts';
import { adminApi, signIn } from './helpers/session.ts';
import { ADMIN, startE2eServer, type E2eServer } from './helpers/tansiq.ts';

/**
 * A plan of 2,000 measures: the grid (and the cards on a phone) render only what is in view, in
 * a bounded number of row elements, and still reach the last measure. Scrolling reuses the row
 * elements for other measures, so a cell entered after a scroll must edit its own measure.
 */
const COUNT = 2000;
/** what a window of rows may hold at most, on any screen (a few screens' worth) */
const MAX_ROWS = 60;
const LANGUAGES = ['fr', 'ar', 'en'] as const;

let server: E2eServer;
let browser: Browser;
let planUrl: string;
let documentId: string;

beforeAll(async () => {
  server = await startE2eServer();
  browser = await launchBrowser();
  const api = await adminApi(server.api.url, ADMIN.email, ADMIN.password);
  const organisations: string[] = [];
  for (let i = 0; i < 5; i++) {
    const created = await api.post('/api/organisations', {
      code: `long${i}`,
      kind: 'ministry',
      nameFr: `Ministère numéro ${i}`,
      nameAr: `الوزارة رقم ${i}`,
      nameEn: `Ministry number ${i}`,
    });
    organisations.push(created.body.organisation.id);
  }
  const created = await api.post('/api/documents', { kind: 'action_plan', title: 'Plan de 2 000 mesures' });
  documentId = created.body.document.id;
  const admin = await server.api.database.db.selectFrom('users').select('id').where('email', '=', ADMIN.email).executeTakeFirstOrThrow();
  await server.api.hub.applyServerChange(
    documentId,
    (doc) =>
      appendMeasures(
        doc,
        Array.from({ length: COUNT }, (_, i) => ({
          id: `m${i}`,
          title: `Mesure ${i + 1} : accueil des Marocains résidant à l’étranger`,
          indicator: `Indicateur ${i + 1}`,
          notes: i % 3 === 0 ? `Note ${i + 1}` : '',
          leadOrganisationId: organisations[i % organisations.length]!,
          partnerOrganisationIds: [organisations[(i + 1) % organisations.length]!],
          status: MEASURE_STATUSES[i % MEASURE_STATUSES.length]!,
          progress: (i * 7) % 101,
          start: '2026-01-01',
          due: `2026-${String((i % 12) + 1).padStart(2, '0')}-28`,
          budget: 100_000 + i * 1_000,
        })),
      ),
    admin.id,
  );
  await server.api.hub.store.flush();
  planUrl = `${server.url}/documents/${documentId}?view=measures`;
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(width: number): Promise<WatchedPage> {
  const watched = await openPage(await browser.newContext({ locale: 'fr-FR', viewport: { width, height: width > 600 ? 900 : 844 } }));
  await signIn(watched.page, server.url, ADMIN.email, ADMIN.password);
  await watched.page.goto(planUrl);
  await watched.page.locator('#measure-m0').waitFor({ timeout: 30_000 });
  return watched;
}

const rowCount = (page: Page) => page.locator('.measures-table tbody tr:not(.spacer)').count();
/** whether the last measure's row is rendered and in the grid's frame (a card: on the screen) */
const lastInView = (page: Page) =>
  page.evaluate(
    (id) => {
      const box = document.getElementById(id)?.getBoundingClientRect();
      const frame = document.querySelector('.grid-scroll')!;
      const shown = getComputedStyle(frame).overflowY === 'visible' ? { top: 0, bottom: window.innerHeight } : frame.getBoundingClientRect();
      return box !== undefined && box.bottom > shown.top && box.top < shown.bottom;
    },
    `measure-m${COUNT - 1}`,
  );

async function storedTitle(id: string): Promise<string | undefined> {
  await server.api.hub.store.flush();
  const doc = await loadStoredDocument(server.api.database.db, documentId);
  const title = readMeasures(doc).find((measure) => measure.id === id)?.title;
  doc.destroy();
  return title;
}

describe('a plan of 2,000 measures', () => {
  it('wide screen: a bounded number of rows, the last measure at the end, cells that edit their own measure after a scroll', async () => {
    const { page, problems } = await open(1440);
    expect(await rowCount(page)).toBeLessThanOrEqual(MAX_ROWS);
    // A cell entered, then the grid scrolled far away: its row shows other measures now, so its
    // editor is closed and the focus is on the grid (arrows and Page keys still scroll it).
    await enterCell(page.locator('#measure-m0'), 'Mesure');
    await page.locator('.grid-scroll').evaluate((grid) => grid.scrollTo({ top: grid.scrollHeight }));
    await expect.poll(() => lastInView(page)).toBe(true);
    expect(await rowCount(page)).toBeLessThanOrEqual(MAX_ROWS);
    expect(await page.locator('#measure-m0').count()).toBe(0);
    expect(await page.locator('.measures-table textarea').count()).toBe(0);
    // Only a window is rendered: the table tells assistive technologies the whole count and each row's place.
    expect(await page.locator('.measures-table').getAttribute('aria-rowcount')).toBe(String(COUNT + 1));
    expect(await page.locator(`#measure-m${COUNT - 1}`).getAttribute('aria-rowindex')).toBe(String(COUNT + 1));
    expect(await page.evaluate(() => document.activeElement?.classList.contains('grid-scroll'))).toBe(true);
    // The last measure's cell, typed into: it is the last measure that changes.
    const last = page.locator(`#measure-m${COUNT - 1}`);
    const field = await enterCell(last, 'Mesure');
    await field.press('End');
    await field.pressSequentially(' (fin)');
    await expect.poll(() => storedTitle(`m${COUNT - 1}`), { timeout: 10_000 }).toBe(`Mesure ${COUNT} : accueil des Marocains résidant à l’étranger (fin)`);
    expect(await storedTitle('m0')).toBe('Mesure 1 : accueil des Marocains résidant à l’étranger');
    // Back to the top: the first measure's row, as it was.
    await page.locator('.grid-scroll').evaluate((grid) => grid.scrollTo({ top: 0 }));
    await expect.poll(() => page.locator('#measure-m0 button.cell-value[aria-label^="Mesure : "]').textContent()).toBe('Mesure 1 : accueil des Marocains résidant à l’étranger');
    expect(await rowCount(page)).toBeLessThanOrEqual(MAX_ROWS);
    for (const language of LANGUAGES) {
      await page.getByTestId('language').selectOption(language);
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
      await page.locator('.grid-scroll').evaluate((grid) => grid.scrollTo({ top: 76 * 1000 }));
      await expect.poll(() => page.locator('#measure-m1003').count()).toBe(1);
      await screenshot(page, `long-plan-1440-${language}`);
    }
    await page.getByTestId('language').selectOption('fr');
    expect(problems).toEqual([]);
  });

  it('phone: cards for the measures in view only, down to the last one', async () => {
    const { page, problems } = await open(390);
    expect(await page.locator('#measure-m0').evaluate((row) => getComputedStyle(row).display)).toBe('grid');
    expect(await rowCount(page)).toBeLessThanOrEqual(MAX_ROWS);
    // Cards are measured as they show up: scroll to the end until the end stays put.
    await expect
      .poll(
        async () => {
          await page.evaluate(() => window.scrollTo({ top: document.documentElement.scrollHeight }));
          return lastInView(page);
        },
        { timeout: 20_000 },
      )
      .toBe(true);
    expect(await rowCount(page)).toBeLessThanOrEqual(MAX_ROWS);
    expect(await page.locator('#measure-m0').count()).toBe(0);
    // Half-way (in each language, the cards as tall as their words make them): cards in view, one
    // measure after the other, never an empty screen between estimated and measured heights.
    for (const language of LANGUAGES) {
      await page.getByTestId('language').selectOption(language);
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
      await page.evaluate(() => window.scrollTo({ top: document.documentElement.scrollHeight / 2 }));
      await expect
        .poll(async () => {
          const shown = await page.locator('.measures-table tbody tr:not(.spacer)').evaluateAll((rows) =>
            rows
              .filter((row) => {
                const box = row.getBoundingClientRect();
                return box.bottom > 0 && box.top < window.innerHeight;
              })
              .map((row) => Number(row.id.slice('measure-m'.length))),
          );
          return shown.length > 0 && shown.every((number, index) => index === 0 || number === shown[index - 1]! + 1);
        })
        .toBe(true);
      await page.screenshot({ path: `test-artifacts/long-plan-390-cards-${language}.png` });
    }
    await page.getByTestId('language').selectOption('fr');
    expect(await rowCount(page)).toBeLessThanOrEqual(MAX_ROWS);
    expect(problems).toEqual([]);
  });
});
