import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot } from './helpers/browser.ts';
import { ADMIN, startE2eServer, type E2eServer } from './helpers/tansiq.ts';

let server: E2eServer;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  server = await startE2eServer();
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1366, height: 860 }, locale: 'fr-FR' });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

describe('signing in', () => {
  it('refuses a wrong password in French, then signs in and shows the dashboard, then switches to Arabic', async () => {
    const { page, problems } = await openPage(context);
    await page.goto(`${server.url}/`);
    // Not signed in: sent to the sign-in page, which remembers where we wanted to go.
    await page.waitForURL(/\/sign-in/);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Connexion à Tansiq');
    await screenshot(page, 'sign-in-fr');

    await page.getByLabel('Adresse e-mail').fill(ADMIN.email);
    await page.getByLabel('Mot de passe').fill('not the password');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Adresse e-mail ou mot de passe incorrect.');

    await page.getByLabel('Mot de passe').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(`${server.url}/`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Tableau de bord');
    await page.getByRole('heading', { name: 'Documents' }).waitFor();
    await page.getByRole('heading', { name: 'Mes mesures' }).waitFor();
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['fr', 'ltr']);
    await screenshot(page, 'dashboard-fr');

    await page.getByTestId('language').selectOption('ar');
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ar');
    await expect.poll(() => page.locator('h1').textContent()).toBe('لوحة القيادة');
    // The header's inline start is on the right in Arabic.
    const brand = await page.locator('.brand').boundingBox();
    const tools = await page.locator('.header-tools').boundingBox();
    expect(brand!.x).toBeGreaterThan(tools!.x);
    await screenshot(page, 'dashboard-ar');

    // The choice is saved in the profile: a reload stays in Arabic.
    await page.reload();
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await expect.poll(() => page.locator('h1').textContent()).toBe('لوحة القيادة');
    expect(problems).toEqual([]);
  });

  it('serves the app with a strict Content-Security-Policy', async () => {
    const response = await fetch(`${server.url}/documents/anything`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self';");
    expect(csp).toMatch(/style-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp).toContain("frame-ancestors 'none'");
  });
});
