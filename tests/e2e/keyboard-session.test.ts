import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, type WatchedPage } from './helpers/browser.ts';
import { expectVisibleFocus, press, tabTo } from './helpers/keyboard.ts';
import { adminApi, signIn } from './helpers/session.ts';
import { ADMIN, startE2eServer, type E2eServer } from './helpers/tansiq.ts';

/** The chair runs the demo's planned session with the keyboard alone: opens it, moves the agenda on. */

let server: E2eServer;
let browser: Browser;
let chair: WatchedPage;
let sessionUrl: string;

beforeAll(async () => {
  server = await startE2eServer({ TANSIQ_DEMO: 'true' });
  const api = await adminApi(server.api.url, ADMIN.email, ADMIN.password);
  const sessions = (await api.get('/api/sessions')).body.sessions as { id: string; state: string }[];
  sessionUrl = `${server.url}/sessions/${sessions.find((session) => session.state === 'planned')!.id}`;
  browser = await launchBrowser();
  chair = await openPage(await browser.newContext({ viewport: { width: 1440, height: 900 } }));
  await signIn(chair.page, server.url, ADMIN.email, ADMIN.password);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a session with the keyboard', () => {
  it('is opened and moved to the next item, the focus never lost', async () => {
    const page = chair.page;
    await page.goto(sessionUrl);
    await tabTo(page, page.getByRole('button', { name: 'Ouvrir la séance' }));
    await press(page, 'Enter');
    await page.getByTestId('current-item').waitFor();
    await expectVisibleFocus(page);

    const next = page.getByTestId('agenda-item').first();
    const title = (await next.locator('strong').first().textContent())!;
    await tabTo(page, next.getByRole('button', { name: 'Passer à ce point' }));
    await press(page, 'Enter');
    await expect.poll(() => page.getByTestId('current-item').locator('strong').first().textContent()).toBe(title);
    // the moved-to item is where the focus is, and it is announced
    await expectVisibleFocus(page);
    expect(await page.getByTestId('current-item').evaluate((item) => item.contains(document.activeElement))).toBe(true);
    await expect.poll(() => page.getByTestId('agenda-announcer').textContent()).toContain(title);
    expect(chair.problems).toEqual([]);
  });
});
