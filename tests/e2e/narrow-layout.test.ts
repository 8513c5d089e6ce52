import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../helpers/http.ts';
import { launchBrowser, screenshot } from './helpers/browser.ts';
import { adminApi, DESKTOP, memberOf, signedInPage } from './helpers/session.ts';
import { ADMIN, startE2eServer, type E2eServer } from './helpers/tansiq.ts';

/**
 * Layout on a phone (390 px wide) against the desktop (1440 px): the document's side panel, the
 * sharing form and the new-document form, in French, Arabic and English.
 */

const PHONE = { width: 390, height: 844 };
const LOCALES = ['fr', 'ar', 'en'] as const;

let server: E2eServer;
let browser: Browser;
let api: ApiClient;
let adminId: string;
let planId: string;

beforeAll(async () => {
  server = await startE2eServer();
  browser = await launchBrowser();
  api = await adminApi(server.api.url, ADMIN.email, ADMIN.password);
  const sante = await memberOf(api, 'sante', 'Amina Idrissi', 'narrow-layout-password-1');
  // A long name in every language: the selects that list organisations must hold it.
  const commerce = await api.post('/api/organisations', {
    code: 'commerce',
    kind: 'ministry',
    nameFr: 'Ministère de l’Industrie, du Commerce, de l’Économie verte et numérique',
    nameAr: 'وزارة الصناعة والتجارة والاقتصاد الأخضر والرقمي',
    nameEn: 'Ministry of Industry, Trade, Green and Digital Economy',
  });
  expect(commerce.status).toBe(201);
  const plan = await api.post('/api/documents', { kind: 'action_plan', title: 'Plan d’action Santé 2026–2028', leadOrganisationId: sante.organisation.id });
  planId = plan.body.document.id;
  adminId = (await api.get('/api/auth/me')).body.user.id;
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The admin's page in a locale and a window size (the locale is the account's, read at sign-in). */
async function adminPage(locale: (typeof LOCALES)[number], viewport: { width: number; height: number }): Promise<Page> {
  expect((await api.patch(`/api/users/${adminId}`, { locale })).status).toBe(200);
  const { page } = await signedInPage(browser, server.url, ADMIN.email, ADMIN.password, viewport);
  return page;
}

const sidePanelPosition = (page: Page) => page.locator('.workspace-side').evaluate((side) => getComputedStyle(side).position);

describe('the document side panel', () => {
  it.each(LOCALES)('scrolls with the page on a phone and stays in view on a desktop (%s)', async (locale) => {
    const phone = await adminPage(locale, PHONE);
    await phone.goto(`${server.url}/documents/${planId}`);
    await phone.locator('.workspace-side').waitFor();
    expect(await sidePanelPosition(phone)).toBe('static');
    await phone.context().close();
    const desktop = await adminPage(locale, DESKTOP);
    await desktop.goto(`${server.url}/documents/${planId}`);
    await desktop.locator('.workspace-side').waitFor();
    expect(await sidePanelPosition(desktop)).toBe('sticky');
    await desktop.context().close();
  });
});

/** A select's room for its text (its width less padding and arrow) against its widest option's text. */
const selectRoom = (page: Page, selector: string) =>
  page.locator(selector).evaluate((select: HTMLSelectElement) => {
    const style = getComputedStyle(select);
    const probe = document.createElement('span');
    probe.style.font = style.font;
    probe.style.whiteSpace = 'pre';
    probe.style.position = 'absolute';
    document.body.append(probe);
    const widest = Math.max(
      ...[...select.options].map((option) => {
        probe.textContent = option.text;
        return probe.getBoundingClientRect().width;
      }),
    );
    probe.remove();
    // the arrow takes about 1.5em at the end
    const room = select.clientWidth - parseFloat(style.paddingInlineStart) - parseFloat(style.paddingInlineEnd) - 1.5 * parseFloat(style.fontSize);
    return { room: Math.round(room), widest: Math.round(widest) };
  });

/** Whether an element lies within its card, and whether the page scrolls sideways. */
const insideCard = (page: Page, selector: string) =>
  page.locator(selector).evaluate((element) => {
    const box = element.getBoundingClientRect();
    const card = element.closest('.card')!.getBoundingClientRect();
    return { inside: box.left >= card.left - 0.5 && box.right <= card.right + 0.5, pageScrollsSideways: document.documentElement.scrollWidth > window.innerWidth };
  });

describe('on a phone', () => {
  it.each(LOCALES)('the sharing form shows the access level whole (%s)', async (locale) => {
    const page = await adminPage(locale, PHONE);
    await page.goto(`${server.url}/documents/${planId}/access`);
    await page.locator('#grant-level').waitFor();
    await screenshot(page, `narrow-sharing-${locale}`);
    const { room, widest } = await selectRoom(page, '#grant-level');
    expect(room).toBeGreaterThanOrEqual(widest);
    expect(await insideCard(page, '#grant-level')).toEqual({ inside: true, pageScrollsSideways: false });
    expect(await insideCard(page, '.share-form button[type=submit]')).toEqual({ inside: true, pageScrollsSideways: false });
    await page.context().close();
  });

  it.each(LOCALES)('the document’s Export menu opens within the screen (%s)', async (locale) => {
    const page = await adminPage(locale, PHONE);
    await page.goto(`${server.url}/documents/${planId}`);
    await page.locator('.files-menu > summary').click();
    const menu = page.locator('.files-menu .menu-items');
    await menu.waitFor();
    await screenshot(page, `narrow-export-menu-${locale}`);
    const box = (await menu.boundingBox())!;
    expect({ left: box.x >= 0, right: box.x + box.width <= PHONE.width }).toEqual({ left: true, right: true });
    await page.context().close();
  });

  it.each(LOCALES)('the new-document form keeps its lead organisation select in its card (%s)', async (locale) => {
    const page = await adminPage(locale, PHONE);
    await page.locator('.page-heading button.primary[aria-expanded]').click();
    await page.locator('#new-lead').waitFor();
    await screenshot(page, `narrow-new-document-${locale}`);
    for (const field of ['#new-lead', '#new-kind', '#new-language', '#new-title'])
      expect({ field, ...(await insideCard(page, field)) }).toEqual({ field, inside: true, pageScrollsSideways: false });
    await page.context().close();
  });
});
