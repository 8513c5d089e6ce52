import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../helpers/http.ts';
import { launchBrowser } from './helpers/browser.ts';
import { adminApi, DESKTOP, memberOf, signedInPage } from './helpers/session.ts';
import { ADMIN, startE2eServer, type E2eServer } from './helpers/tansiq.ts';

/**
 * Layout on a phone (390 px wide) against the desktop (1440 px): the document's side panel,
 * in French, Arabic and English.
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
