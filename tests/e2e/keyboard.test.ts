import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../helpers/http.ts';
import { launchBrowser, type WatchedPage } from './helpers/browser.ts';
import { editor, ownText } from './helpers/editor.ts';
import { expectVisibleFocus, press, tabTo } from './helpers/keyboard.ts';
import { adminApi, santeAndEmploi, signedInPage } from './helpers/session.ts';
import { ADMIN, startE2eServer, type E2eServer } from './helpers/tansiq.ts';

/**
 * The health department's focal point works with the keyboard alone: creates a plan, writes,
 * comments, sets a measure's status and accepts a partner's suggestion. Every control the focus
 * lands on shows a ring. Only the partner's suggestion (set-up) is typed by someone else.
 */

const PASSWORD = 'keyboard-password-1';
const TITLE = 'Plan d’action Santé au clavier';
let server: E2eServer;
let browser: Browser;
let api: ApiClient;
let lead: WatchedPage; // sante: keyboard only
let partner: WatchedPage; // emploi: comment access
let emploiId: string;
let documentUrl = '';

beforeAll(async () => {
  server = await startE2eServer();
  browser = await launchBrowser();
  api = await adminApi(server.api.url, ADMIN.email, ADMIN.password);
  const { sante, emploi } = await santeAndEmploi(api, PASSWORD);
  emploiId = emploi.organisation.id;
  lead = await signedInPage(browser, server.url, sante.email, PASSWORD);
  partner = await signedInPage(browser, server.url, emploi.email, PASSWORD);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const focusedText = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.textContent ?? '');

describe('keyboard only', () => {
  it('creates a document and writes in it', async () => {
    const page = lead.page;
    await page.goto(server.url);
    await tabTo(page, page.getByRole('button', { name: 'Nouveau document' }));
    await press(page, 'Enter');
    await tabTo(page, page.locator('#new-title'));
    await page.keyboard.type(TITLE);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/documents\/[0-9a-f-]{36}$/);
    documentUrl = page.url();
    await expect.poll(() => page.getByTestId('connection').getAttribute('class'), { timeout: 15_000 }).toContain('connection-online');

    await tabTo(page, editor(page));
    await press(page, 'Control+End', 'Enter');
    await page.keyboard.type('Les centres de santé accueillent les familles en été.');
    await expect.poll(() => editor(page).textContent()).toContain('accueillent les familles en été.');
    expect(lead.problems).toEqual([]);
  });

  it('comments on a selection', async () => {
    const page = lead.page;
    // "en été." selected from the end of the paragraph, with the keyboard
    await press(page, 'End', 'Shift+ArrowLeft', 'Shift+ArrowLeft', 'Shift+ArrowLeft', 'Shift+ArrowLeft', 'Shift+ArrowLeft', 'Shift+ArrowLeft', 'Shift+ArrowLeft');
    await tabTo(page, page.getByTestId('comment-selection'));
    await press(page, 'Enter');
    // the composer takes the focus
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('combobox');
    await page.keyboard.type('Préciser les mois concernés.');
    await tabTo(page, page.getByTestId('comments-panel').getByRole('button', { name: 'Envoyer' }));
    await press(page, 'Enter');
    await expect.poll(() => page.getByTestId('thread').filter({ hasText: 'Préciser les mois concernés.' }).count()).toBe(1);
    await expect.poll(() => page.locator('.ProseMirror .comment-highlight').textContent()).toBe('en été.');
    // the focus moved to the new thread, not to the page
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('[data-testid=thread]')?.textContent ?? '')).toContain('Préciser les mois concernés.');
    await expectVisibleFocus(page);
  });

  it('adds a measure and sets its status in the grid', async () => {
    const page = lead.page;
    await tabTo(page, page.locator('#tab-text'), { backwards: true, max: 120 });
    await press(page, 'ArrowRight');
    await expect.poll(() => page.url()).toContain('view=measures');
    expect(await focusedText(page)).toBe('Mesures');
    await tabTo(page, page.getByRole('button', { name: 'Ajouter une mesure' }));
    await press(page, 'Enter');
    // the new row's title has the focus
    await expect.poll(() => page.evaluate(() => document.activeElement?.id ?? '')).toMatch(/^measure-title-/);
    const measureId = (await page.evaluate(() => document.activeElement!.id)).replace('measure-title-', '');
    const row = page.locator(`#measure-${measureId}`);
    await page.keyboard.type('Caravanes médicales estivales');
    const status = row.getByLabel('Statut');
    await tabTo(page, status);
    expect(await status.inputValue()).toBe('planned');
    await press(page, 'ArrowDown');
    await expect.poll(() => status.inputValue()).toBe('in_progress');
    await expect
      .poll(async () => (await api.get(`/api/measures?document=${documentUrl.split('/').pop()}`)).body.measures.map((m: { status: string }) => m.status), { timeout: 10_000 })
      .toEqual(['in_progress']);

    // the indicator's detail: a dialog that Escape closes, giving the focus back to its button
    const details = row.locator('.indicator-open');
    await tabTo(page, details);
    await press(page, 'Enter');
    const dialog = page.getByTestId('measure-detail');
    await dialog.waitFor();
    await expect.poll(() => dialog.evaluate((box) => box.contains(document.activeElement))).toBe(true);
    await press(page, 'Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => details.evaluate((button) => button === document.activeElement)).toBe(true);
    await expectVisibleFocus(page);
  });

  it('accepts a partner’s suggestion', async () => {
    const id = documentUrl.split('/').pop()!;
    await api.put(`/api/documents/${id}/access`, { organisationId: emploiId, level: 'comment' });
    // set-up: the partner suggests a word (comment access types suggestions)
    await partner.page.goto(documentUrl);
    await expect.poll(() => editor(partner.page).textContent(), { timeout: 15_000 }).toContain('en été.');
    await editor(partner.page).locator('p', { hasText: 'familles' }).click();
    await partner.page.keyboard.press('End');
    await partner.page.keyboard.type(' Et en hiver.');
    await expect.poll(() => partner.page.getByTestId('open-suggestions').textContent(), { timeout: 10_000 }).toBe('1');

    const page = lead.page;
    await page.goto(documentUrl);
    await expect.poll(() => page.getByTestId('open-suggestions').textContent(), { timeout: 10_000 }).toBe('1');
    await tabTo(page, page.locator('#side-tab-comments'));
    await press(page, 'ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('side-tab-suggestions');
    await tabTo(page, page.getByTestId('accept-suggestion'));
    await press(page, 'Enter');
    await expect.poll(() => page.getByTestId('suggestion').count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => ownText(page)).toContain('en été. Et en hiver.');
    await expectVisibleFocus(page);
    expect(lead.problems).toEqual([]);
  });
});
