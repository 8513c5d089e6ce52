import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../helpers/http.ts';
import { describeViolations, seriousViolations } from './helpers/axe.ts';
import { ARTIFACTS, launchBrowser, openPage, type WatchedPage } from './helpers/browser.ts';
import { adminApi, memberOf, signIn } from './helpers/session.ts';
import { ADMIN, startE2eServer, type E2eServer } from './helpers/tansiq.ts';

/**
 * axe-core over every main screen of the demo workspace, in French, Arabic (right-to-left) and
 * English: no serious or critical violation anywhere. All screens are visited before failing, so
 * one run lists everything to fix.
 */

let server: E2eServer;
let browser: Browser;
let api: ApiClient;
let admin: WatchedPage;
const ids = { note: '', plan: '', closedSession: '', plannedSession: '', cycle: '', measure: '' };

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  server = await startE2eServer({ TANSIQ_DEMO: 'true' });
  api = await adminApi(server.api.url, ADMIN.email, ADMIN.password);
  const documents = (await api.get('/api/documents')).body.documents as { id: string; kind: string }[];
  ids.note = documents.find((document) => document.kind === 'note')!.id;
  ids.plan = documents.find((document) => document.kind === 'action_plan')!.id;
  await api.post(`/api/documents/${ids.note}/versions`, { name: 'Version relue' });
  await api.post(`/api/documents/${ids.note}/comments`, { body: 'À préciser avec la DAF.' });
  const sessions = (await api.get('/api/sessions')).body.sessions as { id: string; state: string }[];
  ids.closedSession = sessions.find((session) => session.state === 'closed')!.id;
  ids.plannedSession = sessions.find((session) => session.state === 'planned')!.id;
  ids.cycle = ((await api.get('/api/cycles')).body.cycles as { id: string }[])[0]!.id;
  ids.measure = ((await api.get(`/api/measures?document=${ids.plan}`)).body.measures as { id: string }[])[0]!.id;
  browser = await launchBrowser();
  admin = await openPage(await browser.newContext({ viewport: { width: 1440, height: 900 } }));
  await admin.page.goto(`${server.url}/sign-in`);
  await admin.page.locator('#email').fill(ADMIN.email);
  await admin.page.locator('#password').fill(ADMIN.password);
  await admin.page.locator('form button[type=submit]').click();
  await admin.page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const LOCALES = ['fr', 'ar', 'en'] as const;
/** Screenshots stay out of the repository; a person looks at them. */
const SHOTS = process.env.SCREENSHOT_DIR ?? path.join(ARTIFACTS, 'screens');
const PHONE_SCREENS = [
  'dashboard',
  'editor and comments panel',
  'measures grid',
  'gantt',
  'access overview and sharing form',
  'sessions',
  'closed session and minutes',
  'reporting cycle dashboard',
  'audit',
];

/** Each screen: where it is and what shows it has finished loading. */
const SCREENS: { name: string; open: (page: Page) => Promise<void> }[] = [
  { name: 'dashboard', open: (page) => visit(page, '/', '.documents-table tbody tr') },
  {
    name: 'new document form and notifications',
    open: async (page) => {
      await visit(page, '/', '.documents-table tbody tr');
      await page.locator('.page-heading button.primary').click();
      await page.locator('#new-title').waitFor();
      await page.getByTestId('bell').click();
    },
  },
  {
    name: 'editor and comments panel',
    open: async (page) => {
      await openEditor(page, ids.note);
      await page.locator('[data-testid=thread]').first().waitFor();
    },
  },
  {
    name: 'suggestions panel',
    open: async (page) => {
      await openEditor(page, ids.note);
      await page.locator('#side-tab-suggestions').click();
      await page.getByTestId('suggestions-panel').waitFor();
    },
  },
  {
    name: 'activity tab',
    open: async (page) => {
      await openEditor(page, ids.note);
      await page.locator('#side-tab-history').click();
      await page.getByTestId('history-panel').waitFor();
    },
  },
  {
    name: 'version comparison',
    open: async (page) => {
      await openEditor(page, ids.note);
      await page.locator('#side-tab-versions').click();
      await page.getByTestId('version').first().locator('button').nth(1).click();
      await page.locator('.compare-view, [role=dialog]').first().waitFor();
    },
  },
  {
    name: 'workflow confirmation',
    open: async (page) => {
      await openEditor(page, ids.note);
      await page.locator('.workflow button').first().click();
      await page.getByTestId('confirm-dialog').waitFor();
    },
  },
  { name: 'measures grid', open: (page) => visit(page, `/documents/${ids.plan}?view=measures`, 'table') },
  {
    name: 'indicator detail',
    open: async (page) => {
      await visit(page, `/documents/${ids.plan}?view=measures`, '.indicator-open');
      await page.locator('.indicator-open').first().click();
      await page.getByTestId('measure-detail').waitFor();
    },
  },
  { name: 'gantt', open: (page) => visit(page, `/documents/${ids.plan}?view=timeline`, '.gantt') },
  { name: 'access overview and sharing form', open: (page) => visit(page, `/documents/${ids.note}/access`, '.share-form') },
  { name: 'sessions', open: (page) => visit(page, '/sessions', 'main h1') },
  { name: 'closed session and minutes', open: (page) => visit(page, `/sessions/${ids.closedSession}`, 'main h1') },
  { name: 'planned session', open: (page) => visit(page, `/sessions/${ids.plannedSession}`, 'main h1') },
  { name: 'reporting cycles', open: (page) => visit(page, '/cycles', 'main h1') },
  { name: 'reporting cycle dashboard', open: (page) => visit(page, `/cycles/${ids.cycle}`, 'main h1') },
  { name: 'reporting history', open: (page) => visit(page, `/cycles/history?documentId=${ids.plan}&measureId=${ids.measure}`, 'main h1') },
  { name: 'audit', open: (page) => visit(page, '/admin/audit', '.audit-table') },
  { name: 'organisations', open: (page) => visit(page, '/admin/organisations', 'main table') },
  { name: 'users', open: (page) => visit(page, '/admin/users', 'main table') },
  { name: 'logo', open: (page) => visit(page, '/admin/logo', 'main h1') },
  { name: 'slack subscriptions', open: (page) => visit(page, '/admin/slack', '.slack-subs-table, .empty-state') },
  {
    name: 'administration menu',
    open: async (page) => {
      await visit(page, '/', 'main h1');
      await page.locator('.nav-menu-button').click();
      await page.getByRole('menu').waitFor();
    },
  },
  { name: 'profile', open: (page) => visit(page, '/profile', 'main h1') },
  { name: 'tokens', open: (page) => visit(page, '/tokens', 'main h1') },
];

async function visit(page: Page, path: string, ready: string): Promise<void> {
  await page.goto(`${server.url}${path}`);
  await page.locator(ready).first().waitFor();
}

/** Switches the interface language; signed in, waits until the account has it too. */
async function chooseLocale(page: Page, locale: string, signedIn: boolean): Promise<void> {
  await page.locator('[data-testid=language]').selectOption(locale);
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(locale);
  if (signedIn) await expect.poll(() => page.evaluate(async () => (await (await fetch('/api/auth/me')).json()).user?.locale)).toBe(locale);
}

async function chooseLocaleOf(page: Page, locale: string): Promise<void> {
  await visit(page, '/', 'main h1');
  await chooseLocale(page, locale, true);
}

/** The editor once its live connection is up (the "online" badge is part of what is checked). */
async function openEditor(page: Page, id: string): Promise<void> {
  await visit(page, `/documents/${id}`, '.ProseMirror');
  await page.locator('.connection-online').waitFor();
}

describe('no serious or critical axe-core violation', () => {
  for (const locale of LOCALES) {
    it(`on every signed-in screen in ${locale}`, async () => {
      const page = admin.page;
      await visit(page, '/', 'main h1');
      await chooseLocale(page, locale, true);
      const found: string[] = [];
      for (const screen of SCREENS) {
        await screen.open(page);
        expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([locale, locale === 'ar' ? 'rtl' : 'ltr']);
        const problems = await seriousViolations(page);
        if (problems.length > 0) found.push(describeViolations(`${locale} ${screen.name}`, problems));
        await page.screenshot({ path: `${SHOTS}/a11y-${locale}-1440-${screen.name.replaceAll(' ', '-')}.png` });
        // console errors, page errors and CSP violations (a style attribute in a template, say)
        for (const problem of admin.problems.splice(0)) found.push(`${locale} ${screen.name}: ${problem}`);
      }
      expect(found.join('\n\n')).toBe('');
    });
  }

  it('on the main screens at phone width, in Arabic', async () => {
    const page = admin.page;
    await chooseLocaleOf(page, 'ar');
    await page.setViewportSize({ width: 390, height: 844 });
    const found: string[] = [];
    for (const screen of SCREENS.filter((candidate) => PHONE_SCREENS.includes(candidate.name))) {
      await screen.open(page);
      const problems = await seriousViolations(page);
      if (problems.length > 0) found.push(describeViolations(`ar 390 ${screen.name}`, problems));
      await page.screenshot({ path: `${SHOTS}/a11y-ar-390-${screen.name.replaceAll(' ', '-')}.png` });
    }
    // The notifications panel stays on the screen, whichever side of the wrapped header the bell is.
    for (const locale of ['ar', 'fr']) {
      await chooseLocaleOf(page, locale);
      await page.getByTestId('bell').click();
      const panel = await page.locator('.bell-panel').boundingBox();
      expect(panel && [panel.x >= 0, panel.x + panel.width <= 390]).toEqual([true, true]);
      await page.getByTestId('bell').click();
    }
    await page.setViewportSize({ width: 1440, height: 900 });
    expect(found.join('\n\n')).toBe('');
  });

  it('on the request-access page and a live session, in each language', async () => {
    const outsider = await memberOf(api, 'a11y', 'Salma Ouazzani', 'a11y-password-1');
    const { page } = await openPage(await browser.newContext({ viewport: { width: 1440, height: 900 } }));
    await signIn(page, server.url, outsider.email, 'a11y-password-1');
    expect((await api.post(`/api/sessions/${ids.plannedSession}/start`, {})).status).toBe(200);
    const found: string[] = [];
    for (const locale of LOCALES) {
      await visit(page, '/', 'main h1');
      await chooseLocale(page, locale, true);
      await visit(page, `/documents/${ids.note}`, '.request-access');
      const problems = await seriousViolations(page);
      if (problems.length > 0) found.push(describeViolations(`${locale} request access`, problems));
      await chooseLocaleOf(admin.page, locale);
      await visit(admin.page, `/sessions/${ids.plannedSession}`, '[data-testid=current-item]');
      const live = await seriousViolations(admin.page);
      if (live.length > 0) found.push(describeViolations(`${locale} live session`, live));
    }
    expect(found.join('\n\n')).toBe('');
  });

  it('on the sign-in page in each language, signed out', async () => {
    const { page } = await openPage(await browser.newContext({ viewport: { width: 1440, height: 900 } }));
    const found: string[] = [];
    for (const locale of LOCALES) {
      await visit(page, '/sign-in', '#email');
      await chooseLocale(page, locale, false);
      const problems = await seriousViolations(page);
      if (problems.length > 0) found.push(describeViolations(`${locale} sign-in`, problems));
    }
    expect(found.join('\n\n')).toBe('');
  });
});
