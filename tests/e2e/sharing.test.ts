import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../helpers/http.ts';
import { expectAccessible } from './helpers/axe.ts';
import { ARTIFACTS, launchBrowser, type WatchedPage } from './helpers/browser.ts';
import { adminApi, memberOf, signedInPage } from './helpers/session.ts';
import { ADMIN, startE2eServer, type E2eServer } from './helpers/tansiq.ts';

/**
 * The sharing page of a document, as its lead sees it: who has access (organisations, people,
 * who granted it), the open requests, the form to share. Nothing overlaps, in three languages, on
 * a desktop and on a phone; screenshots are kept for a person to look at.
 */

const PASSWORD = 'sharing-password-1';
const SHOTS = process.env.SCREENSHOT_DIR ?? path.join(ARTIFACTS, 'screens');
let server: E2eServer;
let browser: Browser;
let lead: WatchedPage;
let accessUrl: string;

beforeAll(async () => {
  server = await startE2eServer();
  browser = await launchBrowser();
  const api = await adminApi(server.api.url, ADMIN.email, ADMIN.password);
  const sante = await memberOf(api, 'sante', 'Amina Idrissi', PASSWORD);
  const emploi = await memberOf(api, 'emploi', 'Youssef Alami', PASSWORD);
  const culture = await memberOf(api, 'culture', 'Nadia Benjelloun-Tazi', PASSWORD);
  const oim = await memberOf(api, 'oim', 'Jean-Baptiste Lefèvre-Moreau', PASSWORD);
  const created = await api.post('/api/documents', {
    kind: 'action_plan',
    title: 'Plan d’action pour la santé des Marocains résidant à l’étranger 2026–2028',
    leadOrganisationId: sante.organisation.id,
  });
  const id = created.body.document.id as string;
  await api.put(`/api/documents/${id}/access`, { organisationId: emploi.organisation.id, level: 'comment' });
  await api.put(`/api/documents/${id}/access`, { organisationId: culture.organisation.id, level: 'view' });
  await api.put(`/api/documents/${id}/access`, { userId: emploi.user.id, level: 'edit' });
  // someone outside asks to see it
  const outsider = new ApiClient(server.api.url);
  await outsider.login(oim.email, PASSWORD);
  const asked = await outsider.post(`/api/documents/${id}/access-requests`, { message: 'Pour préparer la réunion du comité mixte avec l’OIM.' });
  expect(asked.status).toBe(202);
  accessUrl = `${server.url}/documents/${id}/access`;
  lead = await signedInPage(browser, server.url, sante.email, PASSWORD);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Pairs of visible pieces of the page (text, controls) whose boxes cross each other. */
function overlaps(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const pieces = [
      ...document.querySelectorAll<HTMLElement>('.page :is(h1, h2, h3, p, label, legend, input, select, button, strong, q, li > span, th, td > *, .breadcrumb a)'),
    ].filter((element) => {
      const box = element.getBoundingClientRect();
      return box.width > 0 && box.height > 0 && !element.closest('.visually-hidden');
    });
    const found: string[] = [];
    const name = (element: HTMLElement) =>
      `<${element.tagName.toLowerCase()}${element.className ? `.${element.className}` : ''}> ${(element.textContent ?? '').trim().slice(0, 30)}`;
    for (let i = 0; i < pieces.length; i += 1) {
      for (let j = i + 1; j < pieces.length; j += 1) {
        const [a, b] = [pieces[i]!, pieces[j]!];
        if (a.contains(b) || b.contains(a)) continue;
        const [x, y] = [a.getBoundingClientRect(), b.getBoundingClientRect()];
        // 1 px of tolerance: borders of neighbours may touch
        const crossW = Math.min(x.right, y.right) - Math.max(x.left, y.left);
        const crossH = Math.min(x.bottom, y.bottom) - Math.max(x.top, y.top);
        if (crossW > 1 && crossH > 1) found.push(`${name(a)} × ${name(b)}`);
      }
    }
    return found;
  });
}

/** The interface language, once the account holds it too (later pages open in it). */
async function setLocale(page: Page, locale: string): Promise<void> {
  await page.getByTestId('language').selectOption(locale);
  await expect.poll(() => page.evaluate(async () => (await (await fetch('/api/auth/me')).json()).user?.locale)).toBe(locale);
}

describe('the sharing page', () => {
  it('has nothing overlapping, at 1440 and 390 px, in French, Arabic and English', async () => {
    const page = lead.page;
    await mkdir(SHOTS, { recursive: true });
    for (const locale of ['fr', 'ar', 'en'] as const) {
      await page.goto(accessUrl);
      await page.getByTestId('access-entry').first().waitFor();
      await setLocale(page, locale);
      for (const width of [1440, 390]) {
        await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
        await page.getByTestId('access-entry').first().waitFor();
        await page.screenshot({ path: `${SHOTS}/sharing-${locale}-${width}.png`, fullPage: true });
        expect(await overlaps(page), `${locale} ${width}`).toEqual([]);
        expect(await page.evaluate(() => document.documentElement.scrollWidth), `${locale} ${width}`).toBeLessThanOrEqual(width);
        await expectAccessible(page, `sharing ${locale} ${width}`);
      }
      await page.setViewportSize({ width: 1440, height: 900 });
    }
    await setLocale(page, 'fr');
  });

  it('lists who has access and the open request, answers it, and shares with an organisation', async () => {
    const page = lead.page;
    await page.goto(accessUrl);
    await page.getByTestId('access-request').waitFor();
    const entries = page.getByTestId('access-entry');
    await expect.poll(() => entries.count()).toBe(3);
    expect(await entries.allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('Ministère emploi'), expect.stringContaining('Ministère culture'), expect.stringContaining('Youssef Alami')]),
    );
    expect(await page.getByTestId('access-request').textContent()).toContain('Jean-Baptiste Lefèvre-Moreau');
    await page.getByLabel('Niveau d’accès de Jean-Baptiste Lefèvre-Moreau').selectOption('comment');
    await page.getByRole('button', { name: 'Accorder l’accès à Jean-Baptiste Lefèvre-Moreau' }).click();
    await expect.poll(() => page.getByTestId('access-request').count()).toBe(0);
    await expect.poll(() => entries.count()).toBe(4);
    expect(await entries.filter({ hasText: 'Jean-Baptiste' }).locator('select').inputValue()).toBe('comment');
    // and shares with an organisation from the form
    await page.getByLabel('Organisation', { exact: true }).selectOption({ label: 'Ministère oim' });
    await page.getByLabel('Niveau d’accès', { exact: true }).selectOption('view');
    await page.getByRole('button', { name: 'Donner l’accès' }).click();
    await expect.poll(() => entries.count()).toBe(5);
    expect(await entries.filter({ hasText: 'Ministère oim' }).filter({ hasText: 'Organisation' }).locator('select').inputValue()).toBe('view');
    expect(lead.problems).toEqual([]);
  });
});
