import type { Page } from 'playwright-core';
import { ApiClient } from '../../helpers/http.ts';

/** Signs in through the real sign-in form (French labels: every account starts in French). */
export async function signIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(password);
  await page.locator('form button[type=submit]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
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
