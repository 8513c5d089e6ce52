import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot } from './helpers/browser.ts';
import { adminApi, signIn } from './helpers/session.ts';
import { ADMIN, startE2eServer, type E2eServer } from './helpers/tansiq.ts';

let server: E2eServer;
let browser: Browser;

beforeAll(async () => {
  server = await startE2eServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('working offline', () => {
  it('says it is offline, keeps editing, and sends the edits when the network is back', async () => {
    const api = await adminApi(server.api.url, ADMIN.email, ADMIN.password);
    const created = await api.post('/api/documents', { kind: 'note', title: 'Note hors ligne' });
    const url = `${server.url}/documents/${created.body.document.id}`;
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const { page, problems } = await openPage(context);
    await signIn(page, server.url, ADMIN.email, ADMIN.password);
    await page.goto(url);
    await expect.poll(() => page.getByTestId('connection').textContent(), { timeout: 15_000 }).toContain('En ligne');

    await context.setOffline(true);
    await expect.poll(() => page.getByTestId('connection').textContent()).toContain('Hors ligne');
    await page.getByTestId('editor').locator('p').first().click();
    await page.keyboard.type('Écrit dans le train, sans réseau.');
    await screenshot(page, 'offline');
    await context.setOffline(false);
    await expect.poll(() => page.getByTestId('connection').textContent(), { timeout: 20_000 }).toContain('En ligne');

    // Someone else opening the document now gets the text from the server.
    const other = await openPage(await browser.newContext());
    await signIn(other.page, server.url, ADMIN.email, ADMIN.password);
    await other.page.goto(url);
    await expect.poll(() => other.page.getByTestId('editor').textContent(), { timeout: 15_000 }).toContain('sans réseau');
    expect(problems.filter((p) => !/WebSocket|ERR_INTERNET_DISCONNECTED/.test(p))).toEqual([]);
  });

  it('erases the offline copies when signing out', async () => {
    const context = await browser.newContext();
    const { page } = await openPage(context);
    await signIn(page, server.url, ADMIN.email, ADMIN.password);
    const documents = await (await adminApi(server.api.url, ADMIN.email, ADMIN.password)).get('/api/documents');
    await page.goto(`${server.url}/documents/${documents.body.documents[0].id}`);
    await expect.poll(() => page.getByTestId('connection').textContent(), { timeout: 15_000 }).toContain('En ligne');
    const databases = () => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name).filter((n) => n?.startsWith('tansiq:')));
    await expect.poll(databases).toHaveLength(1);
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.waitForURL(/\/sign-in/);
    await expect.poll(databases).toHaveLength(0);
  });
});
