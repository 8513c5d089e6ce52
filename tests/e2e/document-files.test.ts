import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, type WatchedPage } from './helpers/browser.ts';
import { signIn } from './helpers/session.ts';
import { ADMIN, startE2eServer, type E2eServer } from './helpers/tansiq.ts';

let server: E2eServer;
let browser: Browser;
let page: WatchedPage;

beforeAll(async () => {
  server = await startE2eServer();
  browser = await launchBrowser();
  page = await openPage(await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true }));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('document files in the browser', () => {
  it('downloads an export from the document menu, and prints the document without the application around it', async () => {
    await signIn(page.page, server.url, ADMIN.email, ADMIN.password);
    await page.page.getByRole('button', { name: 'Nouveau document' }).click();
    await page.page.locator('#new-title').fill('Plan d’export');
    await page.page.getByRole('button', { name: 'Créer' }).click();
    await page.page.waitForURL(/\/documents\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.page.getByTestId('editor').textContent(), { timeout: 15_000 }).toContain('Contexte');

    await page.page.getByText('Exporter', { exact: true }).click();
    const [download] = await Promise.all([page.page.waitForEvent('download'), page.page.getByRole('menuitem', { name: 'PDF' }).click()]);
    expect(download.suggestedFilename()).toBe('Plan-d-export.pdf');
    const path = await download.path();
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(path).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    await page.page.emulateMedia({ media: 'print' });
    for (const selector of ['.app-header', '.editor-toolbar', '.workspace-bar', '.header-actions']) {
      expect(await page.page.locator(selector).first().isVisible(), selector).toBe(false);
    }
    expect(await page.page.getByTestId('editor').isVisible()).toBe(true);
    await page.page.emulateMedia({ media: 'screen' });
    expect(await page.page.locator('.app-header').isVisible()).toBe(true);
  });
});
