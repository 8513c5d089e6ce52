import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot, type WatchedPage } from './helpers/browser.ts';
import { openFromAdminMenu } from './helpers/admin-menu.ts';
import { adminApi, memberOf, signIn } from './helpers/session.ts';
import { ADMIN, startE2eServer, type E2eServer } from './helpers/tansiq.ts';

let server: E2eServer;
let browser: Browser;
let admin: WatchedPage;
let documentIds: { first: string; second: string };

beforeAll(async () => {
  server = await startE2eServer();
  const api = await adminApi(server.api.url, ADMIN.email, ADMIN.password);
  await memberOf(api, 'sante', 'Samira El Idrissi', 'samira-password-1');
  const first = await api.post('/api/documents', { kind: 'note', title: 'Note sur la mobilité' });
  const second = await api.post('/api/documents', { kind: 'note', title: 'Note sur les retours' });
  documentIds = { first: first.body.document.id, second: second.body.document.id };
  browser = await launchBrowser();
  admin = await openPage(await browser.newContext({ viewport: { width: 1440, height: 900 } }));
  await signIn(admin.page, server.url, ADMIN.email, ADMIN.password);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const rows = (page: WatchedPage['page']) => page.locator('.audit-table tbody tr');

describe('audit screen', () => {
  it('an administrator opens the log from the admin navigation and filters it', async () => {
    const page = admin.page;
    await openFromAdminMenu(page, 'Journal d’audit');
    await page.getByRole('heading', { name: 'Journal d’audit' }).waitFor();
    await expect.poll(() => rows(page).count()).toBeGreaterThan(3);
    // Actions read in the reader's language, not as codes.
    await expect.poll(() => page.locator('.audit-table').textContent()).toContain('Compte créé');

    await page.locator('#audit-action').selectOption('document.created');
    await expect.poll(() => rows(page).count()).toBe(2);
    expect(await page.locator('.audit-table tbody').textContent()).not.toContain('Compte créé');

    await page.locator('#audit-document').selectOption(documentIds.first);
    await expect.poll(() => rows(page).count()).toBe(1);
    expect(await rows(page).first().textContent()).toContain('Note sur la mobilité');
    const href = await page.getByRole('link', { name: 'Exporter en CSV' }).getAttribute('href');
    expect(href).toBe(`/api/audit.csv?action=document.created&document=${documentIds.first}`);
    const csv = await page.evaluate((url) => fetch(url).then((r) => r.text()), href!);
    expect(csv.trimEnd().split('\r\n')).toHaveLength(2);

    // a date range that ended before today leaves nothing
    await page.getByRole('button', { name: 'Effacer les filtres' }).click();
    await page.locator('#audit-to').fill('2020-01-01');
    await page.locator('#audit-to').dispatchEvent('change');
    await expect.poll(() => page.getByText('Aucune entrée pour ces filtres.').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Effacer les filtres' }).click();
    await expect.poll(() => rows(page).count()).toBeGreaterThan(3);
    expect(admin.problems).toEqual([]);
  });

  it('looks right at 1440 and 390 px, in French and Arabic', async () => {
    const page = admin.page;
    for (const locale of ['fr', 'ar'] as const) {
      for (const width of [1440, 390]) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto(`${server.url}/admin/audit`);
        await page.locator('.language-switcher select').selectOption(locale);
        await expect.poll(() => rows(page).count()).toBeGreaterThan(3);
        expect(await page.evaluate(() => document.documentElement.dir)).toBe(locale === 'ar' ? 'rtl' : 'ltr');
        await screenshot(page, `audit-${locale}-${width}`);
        // the page itself never scrolls sideways: only the table's own scroller does
        expect(await page.evaluate(() => document.documentElement.scrollWidth), `${locale} ${width}`).toBeLessThanOrEqual(width);
      }
    }
    await page.locator('.language-switcher select').selectOption('fr');
  });

  it('does not exist for a member', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const { page } = await openPage(context);
    await signIn(page, server.url, 'sante@tansiq.test', 'samira-password-1');
    expect(await page.getByRole('button', { name: 'Administration' }).count()).toBe(0);
    expect(await page.getByRole('menuitem', { name: 'Journal d’audit' }).count()).toBe(0);
    const status = await page.evaluate(() => fetch('/api/audit').then((r) => r.status));
    expect(status).toBe(404);
    await context.close();
  });
});
