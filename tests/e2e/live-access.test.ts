import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot, type WatchedPage } from './helpers/browser.ts';
import { adminApi, memberOf, signIn } from './helpers/session.ts';
import { ADMIN, startE2eServer, type E2eServer } from './helpers/tansiq.ts';
import type { ApiClient } from '../helpers/http.ts';

let server: E2eServer;
let browser: Browser;
let api: ApiClient;
let member: WatchedPage;
let documentId: string;
let organisationId: string;

beforeAll(async () => {
  server = await startE2eServer();
  browser = await launchBrowser();
  api = await adminApi(server.api.url, ADMIN.email, ADMIN.password);
  const emploi = await memberOf(api, 'emploi', 'Youssef Alami', 'youssef-password-1');
  organisationId = emploi.organisation.id;
  const created = await api.post('/api/documents', { kind: 'note', title: 'Note sur la mobilité des compétences' });
  documentId = created.body.document.id;
  await api.put(`/api/documents/${documentId}/access`, { organisationId, level: 'edit' });
  member = await openPage(await browser.newContext({ viewport: { width: 1280, height: 800 } }));
  await signIn(member.page, server.url, emploi.email, 'youssef-password-1');
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('access changes while the document is open', () => {
  it('turns the editor read-only, with the reason, when edit access becomes view', async () => {
    const { page } = member;
    await page.goto(`${server.url}/documents/${documentId}`);
    await expect.poll(() => page.getByTestId('connection').textContent(), { timeout: 15_000 }).toContain('En ligne');
    await expect.poll(() => page.getByTestId('editor').getAttribute('contenteditable')).toBe('true');
    await page.getByTestId('editor').locator('p').first().click();
    await page.keyboard.type('Première phrase.');

    await api.put(`/api/documents/${documentId}/access`, { organisationId, level: 'view' });
    // The server tells the connection its edits are refused (at once, or at its next write).
    await page.keyboard.type(' Encore une.');
    await expect.poll(() => page.getByTestId('read-only').textContent(), { timeout: 15_000 }).toMatch(/refuse|lecture seule/);
    await expect.poll(() => page.getByTestId('editor').getAttribute('contenteditable')).toBe('false');
    // The page asks again what access we have, and stops offering to edit the details.
    await expect.poll(() => page.locator('.facts').textContent()).toContain('Lecture');
    expect(await page.getByRole('button', { name: 'Modifier les informations' }).count()).toBe(0);
    await screenshot(page, 'access-downgraded');
  });

  it('says so when access is removed altogether', async () => {
    const { page } = member;
    const grants = await api.get(`/api/documents/${documentId}/access`);
    const grant = grants.body.grants.find((g: { organisationId: string }) => g.organisationId === organisationId);
    await api.delete(`/api/documents/${documentId}/access/${grant.id}`);
    await expect.poll(() => page.getByTestId('read-only').textContent(), { timeout: 15_000 }).toContain('retiré');
    await expect.poll(() => page.getByTestId('connection').textContent()).toContain('Déconnecté');
    await screenshot(page, 'access-revoked');
    expect(member.problems.filter((p) => !p.includes('WebSocket'))).toEqual([]);
  });
});

describe('a sign-in that ends elsewhere', () => {
  it('brings an open page back to the sign-in form when the account is disabled, without any click', async () => {
    const culture = await memberOf(api, 'culture', 'Salma Idrissi', 'salma-password-1');
    const salma = await openPage(await browser.newContext({ viewport: { width: 1280, height: 800 } }));
    await api.put(`/api/documents/${documentId}/access`, { organisationId: culture.organisation.id, level: 'view' });
    await signIn(salma.page, server.url, culture.email, 'salma-password-1');
    await salma.page.goto(`${server.url}/documents/${documentId}`);
    await expect.poll(() => salma.page.getByTestId('connection').textContent(), { timeout: 15_000 }).toContain('En ligne');
    expect((await api.patch(`/api/users/${culture.user.id}`, { disabled: true })).status).toBe(200);
    // socket.io is told (auth:ended); the page asks who it is, hears 401 and shows the sign-in form.
    await salma.page.waitForURL((url) => url.pathname.startsWith('/sign-in'), { timeout: 5_000 });
    await screenshot(salma.page, 'signed-out-when-disabled');
  });
});
