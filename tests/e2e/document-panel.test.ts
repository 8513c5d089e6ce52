import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, type WatchedPage } from './helpers/browser.ts';
import { editor } from './helpers/editor.ts';
import { adminApi, santeAndEmploi, sharedDocument, signedInPage } from './helpers/session.ts';
import { ADMIN, startE2eServer, type E2eServer } from './helpers/tansiq.ts';

/** The document's side panel beyond text comments: versions (name, read, compare, restore) and comments on measures. */

const PASSWORD = 'member-password-123';
let server: E2eServer;
let browser: Browser;
let lead: WatchedPage;
let other: WatchedPage;
let documentUrl: string;

const sideTab = (page: Page, name: string) => page.getByRole('tab', { name: new RegExp(`^${name}`) });

beforeAll(async () => {
  server = await startE2eServer();
  browser = await launchBrowser();
  const api = await adminApi(server.api.url, ADMIN.email, ADMIN.password);
  const { sante, emploi } = await santeAndEmploi(api, PASSWORD);
  const id = await sharedDocument(api, { kind: 'action_plan', title: 'Plan d’action Santé', leadOrganisationId: sante.organisation.id }, [
    { organisationId: emploi.organisation.id, level: 'comment' },
  ]);
  documentUrl = `${server.url}/documents/${id}`;
  lead = await signedInPage(browser, server.url, sante.email, PASSWORD);
  other = await signedInPage(browser, server.url, emploi.email, PASSWORD);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('versions of a document', () => {
  it('are named from the current state, and the list grows live for others', async () => {
    await lead.page.goto(documentUrl);
    await other.page.goto(documentUrl);
    await expect.poll(() => editor(lead.page).textContent(), { timeout: 15_000 }).toContain('Contexte');
    await editor(lead.page).locator('p').first().click();
    await lead.page.keyboard.type('Première rédaction du contexte.');
    await expect.poll(() => editor(other.page).textContent(), { timeout: 10_000 }).toContain('Première rédaction');

    await sideTab(lead.page, 'Versions').click();
    await sideTab(other.page, 'Versions').click();
    await lead.page.getByLabel('Nommer l’état actuel').fill('Avant la séance');
    await lead.page.getByRole('button', { name: 'Enregistrer la version' }).click();
    await expect.poll(() => other.page.getByTestId('version').filter({ hasText: 'Avant la séance' }).count(), { timeout: 10_000 }).toBe(1);
    // Comment access reads versions but does not name or restore them.
    expect(await other.page.getByLabel('Nommer l’état actuel').count()).toBe(0);
    expect(await other.page.getByRole('button', { name: 'Restaurer' }).count()).toBe(0);
  });

  it('are read and compared with the current text', async () => {
    await editor(lead.page).locator('p', { hasText: 'Première rédaction' }).click();
    await lead.page.keyboard.press('End');
    await lead.page.keyboard.type(' Ajout après la version.');
    const version = lead.page.getByTestId('version').filter({ hasText: 'Avant la séance' });
    await version.getByRole('button', { name: 'Lire' }).click();
    await expect.poll(() => lead.page.getByTestId('version-text').textContent()).toContain('Première rédaction du contexte.');
    expect(await lead.page.getByTestId('version-text').textContent()).not.toContain('Ajout après');
    await version.getByRole('button', { name: 'Comparer à maintenant' }).click();
    await expect.poll(() => lead.page.getByTestId('diff').locator('ins').allTextContents(), { timeout: 10_000 }).toContain(' Ajout après la version.');
    await screenshot(lead.page, 'versions-diff-fr');
    // The comparison covers the window (a modal dialog); Escape closes it.
    await lead.page.keyboard.press('Escape');
    await expect.poll(() => lead.page.getByTestId('compare-view').count()).toBe(0);
  });

  it('are restored after a confirmation, for everyone at once', async () => {
    lead.page.once('dialog', (dialog) => void dialog.accept());
    await lead.page.getByTestId('version').filter({ hasText: 'Avant la séance' }).getByRole('button', { name: 'Restaurer' }).click();
    await expect.poll(() => editor(other.page).textContent(), { timeout: 15_000 }).not.toContain('Ajout après');
    expect(await editor(other.page).textContent()).toContain('Première rédaction du contexte.');
    await expect.poll(() => lead.page.getByRole('status').filter({ hasText: 'Version « Avant la séance » restaurée.' }).count()).toBe(1);
    // What was there before the restore is kept as a version of its own.
    await expect.poll(() => other.page.getByTestId('version').count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
  });
});

describe('comments on measures', () => {
  it('are made from a measure row, and its count updates live', async () => {
    await lead.page.getByRole('tab', { name: 'Mesures' }).click();
    await lead.page.getByTestId('add-measure').click();
    await lead.page.keyboard.type('Former 500 médiateurs de santé');
    await other.page.getByRole('tab', { name: 'Mesures' }).click();
    const row = (page: Page) => page.locator('.measures-table tbody tr').first();
    await expect.poll(() => row(other.page).locator('td.sticky').textContent(), { timeout: 10_000 }).toContain('Former 500 médiateurs');
    await row(other.page).getByTestId('measure-comments').click();
    await sideTab(other.page, 'Commentaires').click();
    const box = other.page.getByRole('combobox', { name: /Votre commentaire sur la mesure/ });
    await box.fill('Quel budget pour la formation ?');
    await other.page.getByRole('button', { name: 'Envoyer' }).click();
    await expect.poll(() => row(lead.page).getByTestId('measure-comments').textContent(), { timeout: 10_000 }).toContain('1');
    await row(lead.page).getByTestId('measure-comments').click();
    await expect
      .poll(() => lead.page.getByTestId('thread').filter({ hasText: 'Quel budget pour la formation ?' }).textContent())
      .toContain('Mesure : Former 500 médiateurs de santé');
    await screenshot(lead.page, 'measure-comments-fr');
  });

  it('raised no CSP violation or script error', () => {
    expect(lead.problems).toEqual([]);
    expect(other.problems).toEqual([]);
  });
});
