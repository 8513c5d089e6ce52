import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ar } from '../../client/src/i18n/ar.ts';
import { en } from '../../client/src/i18n/en.ts';
import { fr } from '../../client/src/i18n/fr.ts';
import type { ApiClient } from '../helpers/http.ts';
import { launchBrowser, screenshot, type WatchedPage } from './helpers/browser.ts';
import { adminApi, memberOf, sharedDocument, signedInPage } from './helpers/session.ts';
import { ADMIN, startE2eServer, type E2eServer } from './helpers/tansiq.ts';

/**
 * Every page with an id in its address, opened with an id that does not exist (or that the person
 * may not read): the page says so in the person's language, nothing throws, and no "Loading…"
 * stays on screen. A resource that failed throws when read; a page that reads it outside its
 * WhenLoaded guard (a memo, a breadcrumb) used to stay on "Loading…" with an uncaught error.
 */

const PASSWORD = 'unknown-ids-password-1';
const UNKNOWN = randomUUID();
const CATALOGUES = { fr, ar, en } as const;
type Locale = keyof typeof CATALOGUES;

let server: E2eServer;
let browser: Browser;
let api: ApiClient;
/** a plan of the employment department, never shared with health */
let hiddenPlanId: string;
const people: Record<'admin' | 'member' | 'arabic', { page?: WatchedPage; email: string; locale: Locale }> = {
  admin: { email: ADMIN.email, locale: 'fr' },
  member: { email: 'sante@tansiq.test', locale: 'en' },
  arabic: { email: 'culture@tansiq.test', locale: 'ar' },
};

beforeAll(async () => {
  server = await startE2eServer();
  browser = await launchBrowser();
  api = await adminApi(server.api.url, ADMIN.email, ADMIN.password);
  const emploi = await memberOf(api, 'emploi', 'Youssef Alami', PASSWORD);
  for (const [code, name, locale] of [
    ['sante', 'Amina Idrissi', 'en'],
    ['culture', 'Salma Bennani', 'ar'],
  ] as const) {
    const member = await memberOf(api, code, name, PASSWORD);
    expect((await api.patch(`/api/users/${member.user.id}`, { locale })).status).toBe(200);
  }
  hiddenPlanId = await sharedDocument(api, { kind: 'action_plan', title: 'Plan emploi confidentiel', leadOrganisationId: emploi.organisation.id }, []);
  for (const person of Object.values(people)) person.page = await signedInPage(browser, server.url, person.email, person.email === ADMIN.email ? ADMIN.password : PASSWORD);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * not-found: the error box with the translated 404; request-access: the document page's form to ask
 * for access; no-history: a measure's history, which the server answers with the periods one may
 * see (none), not with an error; refused: the error box with the translated 400; no-page: the
 * "page not found" page.
 */
type Expected = 'not-found' | 'request-access' | 'no-history' | 'refused' | 'no-page';
const routes: Array<{ who: keyof typeof people; path: () => string; expected: Expected }> = [
  { who: 'admin', path: () => `/documents/${UNKNOWN}`, expected: 'request-access' },
  { who: 'admin', path: () => `/documents/${UNKNOWN}/access`, expected: 'not-found' },
  { who: 'admin', path: () => `/sessions/${UNKNOWN}`, expected: 'not-found' },
  { who: 'admin', path: () => `/cycles/${UNKNOWN}`, expected: 'not-found' },
  { who: 'admin', path: () => `/cycles/${UNKNOWN}/report`, expected: 'not-found' },
  { who: 'admin', path: () => `/cycles/history?documentId=${UNKNOWN}&measureId=m-1`, expected: 'no-history' },
  // no measure in the address at all
  { who: 'admin', path: () => '/cycles/history', expected: 'no-page' },
  // not an id at all: the server refuses the query (400), the page says why
  { who: 'admin', path: () => '/cycles/history?documentId=not-an-id&measureId=m-1', expected: 'refused' },
  { who: 'member', path: () => `/documents/${hiddenPlanId}`, expected: 'request-access' },
  { who: 'member', path: () => `/documents/${hiddenPlanId}/access`, expected: 'not-found' },
  { who: 'member', path: () => `/sessions/${UNKNOWN}`, expected: 'not-found' },
  { who: 'member', path: () => `/cycles/${UNKNOWN}`, expected: 'not-found' },
  { who: 'member', path: () => `/cycles/${UNKNOWN}/report`, expected: 'not-found' },
  { who: 'member', path: () => `/cycles/history?documentId=${hiddenPlanId}&measureId=m-1`, expected: 'no-history' },
  { who: 'arabic', path: () => `/documents/${UNKNOWN}/access`, expected: 'not-found' },
  { who: 'arabic', path: () => `/cycles/${UNKNOWN}`, expected: 'not-found' },
  { who: 'arabic', path: () => `/cycles/history?documentId=${hiddenPlanId}&measureId=m-1`, expected: 'no-history' },
];

describe('a page opened with an unknown or unreadable id', () => {
  it.each(routes.map((route, index) => [`${index + 1}: ${route.who}`, route] as const))('%s says so, without an uncaught error', async (name, route) => {
    const person = people[route.who];
    const watched = person.page!;
    const { page } = watched;
    const catalogue = CATALOGUES[person.locale];
    watched.problems.length = 0;
    await page.goto(`${server.url}${route.path()}`);
    const main = page.locator('#main');
    if (route.expected === 'request-access') await main.getByRole('heading', { name: catalogue['request.title'] }).waitFor();
    else if (route.expected === 'no-history') await main.getByText(catalogue['cycles.history.none']).waitFor();
    else if (route.expected === 'no-page') await main.getByRole('heading', { name: catalogue['notFound.title'] }).waitFor();
    else if (route.expected === 'refused') await main.getByRole('alert').filter({ hasText: catalogue['error.validation_failed'] }).first().waitFor();
    else await main.getByRole('alert').filter({ hasText: catalogue['error.not_found'] }).first().waitFor();
    // Nothing still says it is loading: the page has settled on its answer.
    await expect.poll(() => main.textContent()).not.toContain(catalogue['common.loading']);
    await screenshot(page, `unknown-ids-${name.replace(/\W+/g, '-')}`);
    expect({ path: route.path(), problems: watched.problems }).toEqual({ path: route.path(), problems: [] });
  });
});
