import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../helpers/http.ts';
import { launchBrowser, screenshot, type WatchedPage } from './helpers/browser.ts';
import { editor, selectInEditor, typeParagraph } from './helpers/editor.ts';
import { adminApi, memberOf, santeAndEmploi, sharedDocument, signedInPage } from './helpers/session.ts';
import { ADMIN, startE2eServer, type E2eServer } from './helpers/tansiq.ts';

const PASSWORD = 'member-password-123';
let server: E2eServer;
let browser: Browser;
let api: ApiClient;
let lead: WatchedPage; // sante: edits (lead organisation)
let commenter: WatchedPage; // emploi: comment access
let reader: WatchedPage; // culture: view access
let documentUrl: string;

const thread = (page: Page, text: string) => page.getByTestId('thread').filter({ hasText: text });

beforeAll(async () => {
  server = await startE2eServer();
  browser = await launchBrowser();
  api = await adminApi(server.api.url, ADMIN.email, ADMIN.password);
  const { sante, emploi } = await santeAndEmploi(api, PASSWORD);
  const culture = await memberOf(api, 'culture', 'Carole Bennani', PASSWORD);
  const id = await sharedDocument(api, { kind: 'note', title: 'Note sur la santé des MRE', leadOrganisationId: sante.organisation.id }, [
    { organisationId: emploi.organisation.id, level: 'comment' },
    { organisationId: culture.organisation.id, level: 'view' },
  ]);
  documentUrl = `${server.url}/documents/${id}`;
  lead = await signedInPage(browser, server.url, sante.email, PASSWORD);
  commenter = await signedInPage(browser, server.url, emploi.email, PASSWORD);
  reader = await signedInPage(browser, server.url, culture.email, PASSWORD);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('comments on a document', () => {
  it('are made on a text selection by someone with comment access, and appear live with their highlight', async () => {
    await lead.page.goto(documentUrl);
    await expect.poll(() => lead.page.getByTestId('connection').textContent(), { timeout: 15_000 }).toContain('En ligne');
    await typeParagraph(lead.page, 'La diaspora marocaine compte plus de cinq millions de personnes.');
    await commenter.page.goto(documentUrl);
    await expect.poll(() => editor(commenter.page).textContent(), { timeout: 15_000 }).toContain('cinq millions');
    // Comment access types suggestions, never edits (tests/e2e/suggestions.test.ts).
    expect(await commenter.page.locator('.editor-frame').getAttribute('data-suggesting')).toBe('true');

    await selectInEditor(commenter.page, 'cinq millions');
    await commenter.page.getByTestId('comment-selection').click();
    await commenter.page.getByRole('combobox', { name: 'Votre commentaire sur le passage sélectionné' }).fill('Chiffre à sourcer (HCP 2024) ');
    // The mention picker: "@san" proposes the health ministry, Enter inserts its name (stored as its code).
    const box = commenter.page.getByRole('combobox', { name: 'Votre commentaire sur le passage sélectionné' });
    await box.press('End');
    await box.pressSequentially('@san');
    await expect.poll(() => commenter.page.getByRole('listbox', { name: 'Mentions possibles' }).getByRole('option').first().textContent()).toContain('Ministère sante');
    await box.press('Enter');
    expect(await box.inputValue()).toBe('Chiffre à sourcer (HCP 2024) @Ministère sante ');
    await commenter.page.getByRole('button', { name: 'Envoyer' }).click();

    await expect.poll(() => thread(lead.page, 'Chiffre à sourcer').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => lead.page.locator('.ProseMirror .comment-highlight').textContent()).toBe('cinq millions');
    await expect.poll(() => commenter.page.locator('.ProseMirror .comment-highlight').textContent()).toBe('cinq millions');
    expect(await thread(lead.page, 'Chiffre à sourcer').locator('.mention').textContent()).toBe('@Ministère sante');
    // The stored form keeps the code.
    const stored = await lead.page.evaluate(
      async (url) => (await (await fetch(`${url.replace(/\/documents\//, '/api/documents/')}/comments`)).json()) as { threads: { body: string }[] },
      documentUrl,
    );
    expect(JSON.stringify(stored)).toContain('Chiffre à sourcer (HCP 2024) @sante');
  });

  it('counts the mention on the bell of the mentioned organisation, live', async () => {
    await expect.poll(() => lead.page.getByTestId('bell-count').textContent(), { timeout: 10_000 }).toBe('1');
    await lead.page.getByTestId('bell').click();
    const item = lead.page.getByTestId('notification').first();
    await expect.poll(() => item.textContent()).toContain('Youssef Alami vous a mentionné dans « Note sur la santé des MRE »');
    await screenshot(lead.page, 'comments-bell-fr');
    await item.getByRole('link').click();
    await expect.poll(() => lead.page.getByTestId('bell-count').count()).toBe(0);
    await expect.poll(() => thread(lead.page, 'Chiffre à sourcer').getAttribute('class')).toContain('active');
  });

  it('are replied to, resolved and reopened, live for everyone', async () => {
    const mine = thread(lead.page, 'Chiffre à sourcer');
    await mine.getByRole('button', { name: 'Répondre' }).click();
    await lead.page.getByRole('combobox', { name: 'Votre réponse' }).fill('Source ajoutée en note de bas de page.');
    await lead.page.getByRole('combobox', { name: 'Votre réponse' }).press('Control+Enter');
    await expect.poll(() => thread(commenter.page, 'Chiffre à sourcer').textContent(), { timeout: 10_000 }).toContain('Source ajoutée');
    await thread(commenter.page, 'Chiffre à sourcer').getByRole('button', { name: 'Résoudre' }).click();
    // Resolved threads leave the "open" list; the "resolved" filter shows them.
    await expect.poll(() => thread(lead.page, 'Chiffre à sourcer').count(), { timeout: 10_000 }).toBe(0);
    await lead.page.getByLabel('Afficher').selectOption('resolved');
    await expect.poll(() => thread(lead.page, 'Chiffre à sourcer').count()).toBe(1);
    await thread(lead.page, 'Chiffre à sourcer').getByRole('button', { name: 'Rouvrir' }).click();
    await expect.poll(() => thread(commenter.page, 'Chiffre à sourcer').count(), { timeout: 10_000 }).toBe(1);
    await lead.page.getByLabel('Afficher').selectOption('open');
  });

  it('follow edits made before them, and are shown detached when their text is deleted', async () => {
    await editor(lead.page).locator('p', { hasText: 'cinq millions' }).click();
    await lead.page.keyboard.press('Home');
    await lead.page.keyboard.type('Selon le recensement, ');
    await expect.poll(() => editor(commenter.page).textContent(), { timeout: 10_000 }).toContain('Selon le recensement');
    await expect.poll(() => commenter.page.locator('.ProseMirror .comment-highlight').textContent()).toBe('cinq millions');
    await screenshot(commenter.page, 'comments-highlight-fr');

    await selectInEditor(lead.page, 'cinq millions de personnes');
    await lead.page.keyboard.press('Backspace');
    await expect.poll(() => commenter.page.locator('.ProseMirror .comment-highlight').count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => thread(commenter.page, 'Chiffre à sourcer').getByTestId('detached').count()).toBe(1);
  });

  it('are readable but not writable with view access, and the reason is given', async () => {
    await reader.page.goto(documentUrl);
    await expect.poll(() => thread(reader.page, 'Chiffre à sourcer').count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => reader.page.getByTestId('comments-read-only').textContent()).toContain('pas en écrire');
    expect(await reader.page.getByTestId('comment-selection').count()).toBe(0);
    expect(await thread(reader.page, 'Chiffre à sourcer').getByRole('button', { name: 'Répondre' }).count()).toBe(0);
    await screenshot(reader.page, 'comments-view-only-fr');
  });

  it('raised no CSP violation or script error', () => {
    for (const page of [lead, commenter, reader]) expect(page.problems).toEqual([]);
  });
});
