import { mkdir } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyOf, upsertMeasures } from '../../shared/doc-schema.ts';
import * as Y from 'yjs';
import type { ApiClient } from '../helpers/http.ts';
import { launchBrowser, openPage, type WatchedPage } from './helpers/browser.ts';
import { adminApi, memberOf, signedInPage } from './helpers/session.ts';
import { ADMIN, startE2eServer, type E2eServer } from './helpers/tansiq.ts';

const PASSWORD = 'member-password-123';
const SHOTS = process.env.SCREENSHOT_DIR ?? '/tmp/tansiq-shots';
let server: E2eServer;
let browser: Browser;
let api: ApiClient;
let lead: WatchedPage;
let leadUserId: string;
let adminUserId: string;
let documentId: string;

const shot = async (page: Page, name: string) => {
  await mkdir(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: false });
};

function paragraph(text: string): Y.XmlElement {
  const element = new Y.XmlElement('paragraph');
  element.insert(0, [new Y.XmlText(text)]);
  return element;
}

beforeAll(async () => {
  server = await startE2eServer();
  browser = await launchBrowser();
  api = await adminApi(server.api.url, ADMIN.email, ADMIN.password);
  const sante = await memberOf(api, 'sante', 'Amina Idrissi', PASSWORD);
  leadUserId = sante.user.id;
  const created = await api.post('/api/documents', { kind: 'action_plan', title: 'Plan santé 2026', leadOrganisationId: sante.organisation.id });
  documentId = created.body.document.id as string;
  const hub = server.api.hub;
  await hub.applyServerChange(
    documentId,
    (doc) => {
      bodyOf(doc).insert(bodyOf(doc).length, [paragraph('Le plan couvre trois régions du nord et deux du sud.')]);
      upsertMeasures(doc, [{ id: 'm1', title: 'Former 500 médecins', status: 'in_progress', due: '2026-06-30', progress: 40 }]);
    },
    leadUserId,
  );
  expect((await api.post(`/api/documents/${documentId}/versions`, { name: 'Avant la séance' })).status).toBe(201);
  await hub.applyServerChange(
    documentId,
    (doc) => {
      const node = (bodyOf(doc).get(bodyOf(doc).length - 1) as Y.XmlElement).get(0) as Y.XmlText;
      node.delete(15, 5);
      node.insert(15, 'quatre');
      upsertMeasures(doc, [{ id: 'm1', status: 'done', due: '2026-09-30', progress: 60 }]);
    },
    leadUserId,
  );
  // The coordination unit deletes the end of the sentence: the comparison names who deleted what.
  adminUserId = (await api.get('/api/auth/me')).body.user.id as string;
  await hub.applyServerChange(
    documentId,
    (doc) => {
      const node = (bodyOf(doc).get(bodyOf(doc).length - 1) as Y.XmlElement).get(0) as Y.XmlText;
      const text = node.toString();
      node.delete(text.indexOf(' et deux du sud'), ' et deux du sud'.length);
    },
    adminUserId,
  );
  expect((await api.post(`/api/documents/${documentId}/transitions`, { to: 'in_review' })).status).toBe(200);
  expect((await api.post(`/api/documents/${documentId}/transitions`, { to: 'returned', reason: 'Préciser le budget des mesures' })).status).toBe(200);
  lead = await signedInPage(browser, server.url, sante.email, PASSWORD);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('history people can read', () => {
  it('compares a version full-width with measure changes in words, and shows the status history', async () => {
    await lead.page.goto(`${server.url}/documents/${documentId}`);
    await lead.page.getByRole('tab', { name: 'Versions' }).click();
    await lead.page.getByRole('button', { name: 'Comparer à maintenant' }).first().click();
    const compare = lead.page.getByTestId('compare-view');
    await expect.poll(() => compare.getByTestId('measure-change').textContent(), { timeout: 15_000 }).toContain('Statut : En cours → Réalisée');
    const text = (await compare.getByTestId('measure-change').textContent())!.replace(/[\u202F\u00A0]/g, ' ');
    expect(text).toContain('Échéance : 30 juin → 30 sept.');
    expect(text).not.toMatch(/\bstatus\b|\bdue\b/);
    expect(await compare.locator('ins').allTextContents()).toContain('quatre');
    // Typed for Amina (a server change in her name): her name on the insertion and in the legend, her organisation's colour.
    const inserted = compare.locator('.diff ins.authored', { hasText: 'quatre' });
    expect(await inserted.getAttribute('title')).toBe('Ajouté par Amina Idrissi (Ministère sante)');
    const legend = compare.getByTestId('compare-legend');
    expect(await legend.textContent()).toContain('Amina Idrissi');
    expect(await legend.textContent()).toContain('Supprimé auteur de la suppression inconnu');
    // Deletions by who deleted them: Amina's "trois", the unit's "et deux du sud", each in its organisation's colour.
    const byAmina = compare.locator('.diff del.authored', { hasText: 'trois' });
    expect(await byAmina.getAttribute('title')).toBe('Supprimé par Amina Idrissi (Ministère sante)');
    const byAdmin = compare.locator('.diff del.authored', { hasText: 'sud' }).first();
    expect(await byAdmin.getAttribute('title')).toMatch(/^Supprimé par /);
    expect(await byAdmin.getAttribute('data-author')).toBe(adminUserId);
    const strike = await byAmina.evaluate((element) => getComputedStyle(element).textDecorationColor);
    expect(strike).toBe(
      await legend
        .locator('ins.authored')
        .first()
        .evaluate((element) => getComputedStyle(element).textDecorationColor),
    );
    const underline = await inserted.evaluate((element) => getComputedStyle(element).textDecorationColor);
    const swatch = await legend
      .locator('ins.authored')
      .first()
      .evaluate((element) => getComputedStyle(element).textDecorationColor);
    expect(underline).toBe(swatch);
    expect(underline).not.toBe('rgb(91, 100, 112)');
    const sheet = await compare.locator('.compare-sheet').boundingBox();
    expect(sheet!.width).toBeGreaterThan(900);
    await lead.page.keyboard.press('Escape');
    expect(await compare.count()).toBe(0);

    await lead.page.getByRole('tab', { name: 'Historique' }).click();
    const change = lead.page.getByTestId('status-change').first();
    await expect.poll(() => change.textContent()).toContain('Préciser le budget des mesures');
    expect(await change.textContent()).toContain('En relecture');
    expect(await change.textContent()).toContain('Renvoyé');
    const activityTexts = (await lead.page.getByTestId('activity').allTextContents()).map((line) => line.replace(/[\u2068\u2069]/g, ''));
    expect(activityTexts).toEqual(expect.arrayContaining([expect.stringContaining('a enregistré la version « Avant la séance »')]));
    expect(lead.problems).toEqual([]);
  });

  it('looks right in French, Arabic and English, wide and narrow', async () => {
    for (const locale of ['fr', 'ar', 'en'] as const) {
      expect((await api.patch(`/api/users/${leadUserId}`, { locale })).status).toBe(200);
      for (const [width, height] of [
        [1440, 900],
        [390, 844],
      ] as const) {
        const { page, problems } = await openPage(await browser.newContext({ viewport: { width, height }, storageState: await lead.page.context().storageState() }));
        await page.goto(`${server.url}/documents/${documentId}`);
        await page.locator('#side-tab-versions').click();
        await page.locator('[data-testid="version"] button').nth(1).click();
        await expect.poll(() => page.getByTestId('measure-change').count(), { timeout: 15_000 }).toBe(1);
        await shot(page, `compare-${locale}-${width}`);
        await page.keyboard.press('Escape');
        await page.locator('#side-tab-history').click();
        await expect.poll(() => page.getByTestId('status-change').count(), { timeout: 10_000 }).toBe(2);
        await page.getByTestId('history-panel').scrollIntoViewIfNeeded();
        await shot(page, `history-${locale}-${width}`);
        expect(problems).toEqual([]);
        await page.context().close();
      }
    }
  });
});
