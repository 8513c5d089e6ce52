import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot, type WatchedPage } from './helpers/browser.ts';
import { openFromAdminMenu } from './helpers/admin-menu.ts';
import { adminApi, signIn } from './helpers/session.ts';
import { ADMIN, startE2eServer, type E2eServer } from './helpers/tansiq.ts';

let server: E2eServer;
let browser: Browser;
let admin: WatchedPage;

beforeAll(async () => {
  server = await startE2eServer();
  browser = await launchBrowser();
  admin = await openPage(await browser.newContext({ viewport: { width: 1366, height: 860 } }));
  await signIn(admin.page, server.url, ADMIN.email, ADMIN.password);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('administration', () => {
  it('creates an organisation with its three names', async () => {
    const page = admin.page;
    await openFromAdminMenu(page, 'Organisations');
    await page.getByRole('button', { name: 'Nouvelle organisation' }).click();
    await page.locator('#org-code').fill('sante');
    await page.locator('#org-kind').selectOption('ministry');
    await page.locator('#org-fr').fill('Ministère de la Santé et de la Protection sociale');
    await page.locator('#org-ar').fill('وزارة الصحة والحماية الاجتماعية');
    await page.locator('#org-en').fill('Ministry of Health and Social Protection');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => page.locator('table').textContent()).toContain('وزارة الصحة والحماية الاجتماعية');
    // A duplicate code is refused, in French.
    await page.getByRole('button', { name: 'Nouvelle organisation' }).click();
    await page.locator('#org-code').fill('sante');
    await page.locator('#org-fr').fill('Doublon');
    await page.locator('#org-ar').fill('مكرر');
    await page.locator('#org-en').fill('Duplicate');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Conflit');
    await screenshot(page, 'admin-organisations');
    await page.getByRole('button', { name: 'Annuler' }).click();
  });

  it('creates a user in that organisation', async () => {
    const page = admin.page;
    await openFromAdminMenu(page, 'Utilisateurs');
    await page.getByRole('button', { name: 'Nouvel utilisateur' }).click();
    await page.locator('#user-name').fill('Samira El Idrissi');
    await page.locator('#user-email').fill('samira@sante.test');
    await page.locator('#user-organisation').selectOption({ label: 'Ministère de la Santé et de la Protection sociale' });
    await page.locator('#user-locale').selectOption('ar');
    await page.locator('#user-password').fill('samira-password-1');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => page.locator('table').textContent()).toContain('Samira El Idrissi');
    await screenshot(page, 'admin-users');
  });

  it('grants an organisation access to a document', async () => {
    const api = await adminApi(server.api.url, ADMIN.email, ADMIN.password);
    const created = await api.post('/api/documents', { kind: 'cooperation_proposal', title: 'Programme avec l’OIM', framework: 'multilateral' });
    expect(created.status).toBe(201);
    const page = admin.page;
    await page.goto(`${server.url}/documents/${created.body.document.id}`);
    await page.getByRole('link', { name: 'Gérer les accès' }).click();
    await page.locator('#grant-organisation').selectOption({ label: 'Ministère de la Santé et de la Protection sociale' });
    await page.locator('#grant-level').selectOption('edit');
    await page.getByRole('button', { name: 'Donner l’accès' }).click();
    await expect.poll(async () => (await page.getByTestId('access-entry').allTextContents()).join(' | ')).toContain('Ministère de la Santé');
    await screenshot(page, 'admin-access');
  });

  it('lets the new user sign in, in Arabic, and edit the shared document', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 860 } });
    const { page, problems } = await openPage(context);
    await signIn(page, server.url, 'samira@sante.test', 'samira-password-1');
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await page.getByRole('link', { name: 'Programme avec l’OIM' }).click();
    await expect.poll(() => page.getByTestId('connection').textContent(), { timeout: 15_000 }).toContain('متصل');
    expect(await page.getByTestId('editor').getAttribute('contenteditable')).toBe('true');
    await screenshot(page, 'proposal-ar');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows an API token once, then lists and revokes it', async () => {
    const page = admin.page;
    await page.getByRole('link', { name: 'Jetons d’API' }).click();
    await page.locator('#token-name').fill('Robot Slack');
    await page.locator('#token-password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Créer un jeton' }).click();
    const secret = await page.getByTestId('token-secret').textContent();
    expect(secret?.length).toBeGreaterThan(20);
    const me = await fetch(`${server.api.url}/api/auth/me`, { headers: { authorization: `Bearer ${secret}` } });
    expect(me.status).toBe(200);
    await screenshot(page, 'tokens');
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Révoquer' }).click();
    await expect.poll(() => page.locator('table').textContent()).toContain('Révoqué');
    expect((await fetch(`${server.api.url}/api/auth/me`, { headers: { authorization: `Bearer ${secret}` } })).status).toBe(401);
    await page.reload();
    expect(await page.getByTestId('token-secret').count()).toBe(0);
    expect(admin.problems).toEqual([]);
  });
});
