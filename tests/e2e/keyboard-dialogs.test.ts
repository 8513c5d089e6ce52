import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type WatchedPage } from './helpers/browser.ts';
import { expectVisibleFocus, press, tabTo } from './helpers/keyboard.ts';
import { adminApi, memberOf, signedInPage } from './helpers/session.ts';
import { ADMIN, startE2eServer, type E2eServer } from './helpers/tansiq.ts';

/** Dialogs with the keyboard: the focus goes in, stays in, Escape closes, the focus comes back. */

const PASSWORD = 'dialog-password-1';
let server: E2eServer;
let browser: Browser;
let lead: WatchedPage;
let documentUrl: string;

beforeAll(async () => {
  server = await startE2eServer();
  browser = await launchBrowser();
  const api = await adminApi(server.api.url, ADMIN.email, ADMIN.password);
  const sante = await memberOf(api, 'sante', 'Amina Idrissi', PASSWORD);
  const created = await api.post('/api/documents', { kind: 'note', title: 'Note sur les dialogues', leadOrganisationId: sante.organisation.id });
  const id = created.body.document.id as string;
  await api.post(`/api/documents/${id}/versions`, { name: 'Première version' });
  documentUrl = `${server.url}/documents/${id}`;
  lead = await signedInPage(browser, server.url, sante.email, PASSWORD);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Tab and Shift+Tab never reach the page behind: the focus is in the dialog (or out of the page, in the browser's own bar). */
async function expectFocusTrapped(page: Page, dialog: Locator): Promise<void> {
  const handle = (await dialog.elementHandle())!;
  for (const key of ['Tab', 'Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
    await page.keyboard.press(key);
    const where = await handle.evaluate((box) => {
      const active = document.activeElement;
      if (!active || active === document.body) return 'outside the page';
      return box.contains(active) ? 'in the dialog' : `behind: ${active.outerHTML.slice(0, 120)}`;
    });
    expect(where, key).not.toMatch(/^behind/);
  }
}

const focusedIsOpener = (opener: Locator) => opener.evaluate((element) => element === document.activeElement);

describe('dialogs with the keyboard', () => {
  it('the workflow confirmation: focus inside, trapped, Escape cancels, focus back on its button', async () => {
    const page = lead.page;
    await page.goto(documentUrl);
    await expect.poll(() => page.getByTestId('connection').getAttribute('class'), { timeout: 15_000 }).toContain('connection-online');
    const opener = page.getByRole('button', { name: 'Envoyer en relecture' });
    await tabTo(page, opener);
    await press(page, 'Enter');
    const dialog = page.getByTestId('confirm-dialog');
    await dialog.waitFor();
    expect(await dialog.evaluate((box) => box.contains(document.activeElement))).toBe(true);
    await expectVisibleFocus(page);
    await expectFocusTrapped(page, dialog);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => focusedIsOpener(opener)).toBe(true);
    await expectVisibleFocus(page);
    expect(await page.locator('.document-header').textContent()).toContain('Brouillon');
  });

  it('the version comparison: focus on Close, trapped, Escape closes, focus back on Compare', async () => {
    const page = lead.page;
    await tabTo(page, page.locator('#side-tab-comments'));
    await press(page, 'ArrowRight', 'ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('side-tab-versions');
    const opener = page.getByRole('button', { name: 'Comparer à maintenant' });
    await tabTo(page, opener);
    await press(page, 'Enter');
    const dialog = page.getByTestId('compare-view');
    await dialog.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Fermer');
    await expectVisibleFocus(page);
    await expectFocusTrapped(page, dialog);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => focusedIsOpener(opener)).toBe(true);
    await expectVisibleFocus(page);
    expect(lead.problems).toEqual([]);
  });
});
