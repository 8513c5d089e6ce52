import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMeasures } from '../../shared/doc-schema.ts';
import { dayNumber, isoFromDay } from '../../client/src/lib/dates.ts';
import { DEMO_PASSWORD } from '../../server/demo/load.ts';
import { ApiClient } from '../helpers/http.ts';
import { loadStoredDocument } from '../helpers/stored-document.ts';
import { launchBrowser, openPage, type WatchedPage } from './helpers/browser.ts';
import { cellValue } from './helpers/grid.ts';
import { signIn } from './helpers/session.ts';
import { startE2eServer, type E2eServer } from './helpers/tansiq.ts';

/**
 * The Gantt view of the demo's education plan in two browsers: window A drags bars, window B's
 * measures table shows the new dates live, and the database holds them. Someone who may only
 * read the plan cannot move a bar.
 */
let server: E2eServer;
let browser: Browser;
let alice: WatchedPage;
let bob: WatchedPage;
let documentId: string;
let planUrl: string;

const addDays = (iso: string, days: number) => isoFromDay(dayNumber(iso) + days);
const bars = (page: Page) => page.locator('.gantt-bar');
const barOf = (page: Page, id: string) => page.locator(`.gantt-bar[data-measure="${id}"]`);
const datesOf = async (bar: Locator) => ({ start: await bar.getAttribute('data-start'), due: await bar.getAttribute('data-due') });

async function stored(id: string) {
  await server.api.hub.store.flush();
  const doc = await loadStoredDocument(server.api.database.db, documentId);
  const measure = readMeasures(doc).find((m) => m.id === id);
  doc.destroy();
  return measure && { start: measure.start, due: measure.due };
}

/** Presses the mouse at `from` (a fraction of the bar's width) and moves it `dx` pixels, in steps, then releases. */
async function drag(page: Page, bar: Locator, from: number, dx: number) {
  await bar.scrollIntoViewIfNeeded();
  const box = (await bar.boundingBox())!;
  const x = box.x + box.width * from;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx / 2, y, { steps: 4 });
  await page.mouse.move(x + dx, y, { steps: 4 });
  await page.mouse.up();
}

async function dayWidth(page: Page): Promise<number> {
  // One day, measured on the page: a bar's width over its days.
  const bar = bars(page).first();
  const { start, due } = await datesOf(bar);
  const box = (await bar.boundingBox())!;
  return box.width / (dayNumber(due!) - dayNumber(start!) + 1);
}

async function openGantt(email: string, view = 'timeline'): Promise<WatchedPage> {
  const watched = await openPage(await browser.newContext({ locale: 'fr-FR', viewport: { width: 1440, height: 900 } }));
  await signIn(watched.page, server.url, email, DEMO_PASSWORD);
  await watched.page.goto(`${planUrl}?view=${view}`);
  await watched.page.getByTestId('connection').waitFor({ timeout: 15_000 });
  await watched.page.locator('.gantt [data-measure], .measures-table tbody tr').first().waitFor({ timeout: 15_000 });
  return watched;
}

beforeAll(async () => {
  server = await startE2eServer({ TANSIQ_DEMO: 'true' });
  browser = await launchBrowser();
  const plan = await server.api.database.db
    .selectFrom('documents')
    .select('id')
    .where('title', 'like', 'Plan d’action sectoriel 2026-2027 : enseignement%')
    .executeTakeFirstOrThrow();
  documentId = plan.id;
  planUrl = `${server.url}/documents/${plan.id}`;
  alice = await openGantt('admin@demo.tansiq.ma');
  bob = await openGantt('admin@demo.tansiq.ma', 'measures');
  for (const { page } of [alice, bob]) await page.getByTestId('connection').filter({ hasText: 'En ligne' }).waitFor({ timeout: 15_000 });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('dragging Gantt bars in two browsers', () => {
  it('A drags a bar: both dates move by whole days, B’s table shows them, storage and the API have them', async () => {
    const bar = bars(alice.page).first();
    const id = (await bar.getAttribute('data-measure'))!;
    const before = await datesOf(bar);
    const perDay = await dayWidth(alice.page);
    await drag(alice.page, bar, 0.5, 21 * perDay);
    const after = { start: addDays(before.start!, 21), due: addDays(before.due!, 21) };
    await expect.poll(() => datesOf(barOf(alice.page, id))).toEqual(after);

    const row = bob.page.locator(`#measure-${id}`);
    await expect.poll(() => cellValue(row, 'Début'), { timeout: 10_000 }).toBe(after.start);
    expect(await cellValue(row, 'Échéance')).toBe(after.due);

    await expect.poll(() => stored(id)).toEqual(after);
    const api = new ApiClient(server.url);
    await api.login('admin@demo.tansiq.ma', DEMO_PASSWORD);
    await expect
      .poll(
        async () => {
          const listed = (await api.get(`/api/measures?document=${documentId}`)).body.measures.find((m: { id: string }) => m.id === id);
          return listed && { start: String(listed.start).slice(0, 10), due: String(listed.due).slice(0, 10) };
        },
        { timeout: 10_000 },
      )
      .toEqual(after);
  });

  it('dragging an end changes that date alone, and never past the other end', async () => {
    // At the year zoom every bar fits on screen, whole.
    await alice.page.locator('.gantt-zoom [data-zoom=year]').click();
    const bar = bars(alice.page).nth(1);
    const id = (await bar.getAttribute('data-measure'))!;
    const before = await datesOf(bar);
    const perDay = await dayWidth(alice.page);
    const width = (await bar.boundingBox())!.width;
    // 2 px inside the inline end of the bar: its resize handle.
    await drag(alice.page, bar, 1 - 2 / width, 30 * perDay);
    const longer = { start: before.start, due: addDays(before.due!, 30) };
    await expect.poll(() => datesOf(barOf(alice.page, id))).toEqual(longer);
    // The start dragged beyond the due date stops on it.
    await drag(alice.page, barOf(alice.page, id), 2 / width, width + 60 * perDay);
    const stopped = { start: longer.due, due: longer.due };
    await expect.poll(() => datesOf(barOf(alice.page, id))).toEqual(stopped);
    await expect.poll(() => cellValue(bob.page.locator(`#measure-${id}`), 'Début'), { timeout: 10_000 }).toBe(stopped.start);
    await expect.poll(() => stored(id)).toEqual(stopped);
    await alice.page.locator('.gantt-zoom [data-zoom=quarter]').click();
  });

  it('moves a focused bar with the keyboard: arrows a day or a week, Shift the due date alone', async () => {
    const bar = bars(alice.page).nth(2);
    const id = (await bar.getAttribute('data-measure'))!;
    const before = await datesOf(bar);
    await bar.focus();
    await alice.page.keyboard.press('ArrowRight');
    await alice.page.keyboard.press('ArrowUp');
    await alice.page.keyboard.press('Shift+ArrowLeft');
    const after = { start: addDays(before.start!, 8), due: addDays(before.due!, 7) };
    await expect.poll(() => datesOf(barOf(alice.page, id))).toEqual(after);
    expect(await alice.page.evaluate(() => document.activeElement?.getAttribute('data-measure')), 'the bar keeps focus').toBe(id);
    await expect.poll(() => cellValue(bob.page.locator(`#measure-${id}`), 'Échéance'), { timeout: 10_000 }).toBe(after.due);
    await expect.poll(() => stored(id)).toEqual(after);
  });

  it('in Arabic time runs right to left: dragging leftwards makes the dates later', async () => {
    await alice.page.getByTestId('language').selectOption('ar');
    await expect.poll(() => alice.page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    const bar = bars(alice.page).nth(3);
    const id = (await bar.getAttribute('data-measure'))!;
    const before = await datesOf(bar);
    const perDay = await dayWidth(alice.page);
    await drag(alice.page, bar, 0.5, -7 * perDay);
    const after = { start: addDays(before.start!, 7), due: addDays(before.due!, 7) };
    await expect.poll(() => datesOf(barOf(alice.page, id))).toEqual(after);
    await expect.poll(() => stored(id)).toEqual(after);
    await alice.page.getByTestId('language').selectOption('fr');
  });

  it('someone who may only read sees the bars and cannot move them', async () => {
    const reader = await openGantt('nl@demo.tansiq.ma');
    await expect.poll(() => reader.page.getByTestId('read-only').count()).toBe(1);
    const bar = reader.page.locator('.gantt [data-measure]').first();
    await bar.waitFor();
    const id = (await bar.getAttribute('data-measure'))!;
    const before = await stored(id);
    expect(await reader.page.locator('.gantt [role=slider], .gantt .editable, .gantt [tabindex]').count()).toBe(0);
    expect(await reader.page.locator('#gantt-help').count()).toBe(0);
    await drag(reader.page, bar, 0.5, 200);
    await bar.focus().catch(() => undefined);
    await reader.page.keyboard.press('ArrowRight');
    expect(await datesOf(bar)).toEqual(before);
    expect(await stored(id)).toEqual(before);
    expect(reader.problems).toEqual([]);
  });

  it('raised no CSP violation or script error', () => {
    expect(alice.problems).toEqual([]);
    expect(bob.problems).toEqual([]);
  });
});
