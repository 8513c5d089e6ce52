import type { Browser, Page } from 'playwright-core';
import type { AccessLevel, DocumentKind } from '../../../db/schema.ts';
import { ApiClient } from '../../helpers/http.ts';
import { openPage, type WatchedPage } from './browser.ts';

/** The window the browser tests use unless they test a size. */
export const DESKTOP = { width: 1440, height: 900 };

/** Signs in through the real sign-in form (French labels: every account starts in French). */
export async function signIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(password);
  await page.locator('form button[type=submit]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

/** A page in a browser context of its own (its own cookies: one person), signed in through the form. */
export async function signedInPage(browser: Browser, baseUrl: string, email: string, password: string, viewport = DESKTOP): Promise<WatchedPage> {
  const watched = await openPage(await browser.newContext({ viewport }));
  await signIn(watched.page, baseUrl, email, password);
  return watched;
}

export async function adminApi(baseUrl: string, email: string, password: string): Promise<ApiClient> {
  const api = new ApiClient(baseUrl);
  const response = await api.login(email, password);
  if (response.status !== 200) throw new Error(`admin sign-in failed: ${response.status}`);
  return api;
}

/** An organisation and one of its members, made through the API as an admin would. */
export async function memberOf(api: ApiClient, code: string, name: string, password: string) {
  const organisation = await api.post('/api/organisations', { code, kind: 'ministry', nameFr: `Ministère ${code}`, nameAr: `وزارة ${code}`, nameEn: `Ministry ${code}` });
  if (organisation.status !== 201) throw new Error(`organisation: ${JSON.stringify(organisation.body)}`);
  const email = `${code}@tansiq.test`;
  const user = await api.post('/api/users', { email, name, organisationId: organisation.body.organisation.id, password });
  if (user.status !== 201) throw new Error(`user: ${JSON.stringify(user.body)}`);
  return { organisation: organisation.body.organisation, user: user.body.user, email };
}

/** The two departments most browser tests work with, one focal point each: health (Amina Idrissi) and employment (Youssef Alami). */
export async function santeAndEmploi(api: ApiClient, password: string) {
  return { sante: await memberOf(api, 'sante', 'Amina Idrissi', password), emploi: await memberOf(api, 'emploi', 'Youssef Alami', password) };
}

/** A document made through the API as an admin would, then shared with other organisations; returns its id. */
export async function sharedDocument(
  api: ApiClient,
  document: { kind: DocumentKind; title: string; leadOrganisationId: string },
  grants: Array<{ organisationId: string; level: AccessLevel }>,
): Promise<string> {
  const created = await api.post('/api/documents', document);
  if (created.status !== 201) throw new Error(`document: ${JSON.stringify(created.body)}`);
  const id = created.body.document.id as string;
  for (const grant of grants) {
    const shared = await api.put(`/api/documents/${id}/access`, grant);
    if (shared.status >= 300) throw new Error(`access: ${JSON.stringify(shared.body)}`);
  }
  return id;
}
