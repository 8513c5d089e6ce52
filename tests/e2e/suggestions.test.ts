import { mkdir } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../helpers/http.ts';
import { launchBrowser, openPage, type WatchedPage } from './helpers/browser.ts';
import { editor, ownText, typeParagraph } from './helpers/editor.ts';
import { adminApi, santeAndEmploi, sharedDocument, signedInPage } from './helpers/session.ts';
import { ADMIN, startE2eServer, type E2eServer } from './helpers/tansiq.ts';

const PASSWORD = 'member-password-123';
/** Screenshots stay out of the repository. */
const SHOTS = process.env.SCREENSHOT_DIR ?? '/tmp/tansiq-shots';
let server: E2eServer;
let browser: Browser;
let api: ApiClient;
let lead: WatchedPage; // sante: edits
let commenter: WatchedPage; // emploi: comment access
let documentId: string;
let leadUserId: string;
let documentUrl: string;

const shot = async (page: Page, name: string) => {
  await mkdir(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: false });
};

/** Puts the caret right after `text` in the editor (a click, then a DOM selection ProseMirror reads). */
async function caretAfter(page: Page, text: string): Promise<void> {
  await editor(page).locator('p, h1, h2, h3', { hasText: text }).first().click();
  await page.evaluate((wanted) => {
    const root = document.querySelector('.ProseMirror')!;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      const at = node.data.indexOf(wanted);
      if (at >= 0) {
        document.getSelection()!.collapse(node, at + wanted.length);
        return;
      }
    }
    throw new Error(`"${wanted}" is not in the editor`);
  }, text);
}

beforeAll(async () => {
  server = await startE2eServer();
  browser = await launchBrowser();
  api = await adminApi(server.api.url, ADMIN.email, ADMIN.password);
  const { sante, emploi } = await santeAndEmploi(api, PASSWORD);
  leadUserId = sante.user.id;
  documentId = await sharedDocument(api, { kind: 'note', title: 'Note sur l’emploi des MRE', leadOrganisationId: sante.organisation.id }, [
    { organisationId: emploi.organisation.id, level: 'comment' },
  ]);
  documentUrl = `${server.url}/documents/${documentId}`;
  lead = await signedInPage(browser, server.url, sante.email, PASSWORD);
  commenter = await signedInPage(browser, server.url, emploi.email, PASSWORD);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('suggestion mode in the browser', () => {
  it('a commenter types suggestions; the editor sees them live and accepts one, rejects the other', async () => {
    await lead.page.goto(documentUrl);
    await expect.poll(() => lead.page.getByTestId('connection').textContent(), { timeout: 15_000 }).toContain('En ligne');
    await typeParagraph(lead.page, 'Le programme vise trois mille jeunes diplômés.');

    await commenter.page.goto(documentUrl);
    await expect.poll(() => editor(commenter.page).textContent(), { timeout: 15_000 }).toContain('trois mille');
    expect(await editor(commenter.page).getAttribute('contenteditable')).toBe('true');
    expect(await commenter.page.locator('.editor-frame').getAttribute('data-suggesting')).toBe('true');

    // An insertion, typed letter by letter (one suggestion), then a deletion with Backspace.
    await caretAfter(commenter.page, 'vise trois mille');
    await commenter.page.keyboard.type(' cinq cents');
    await caretAfter(commenter.page, 'jeunes diplômés');
    for (let i = 0; i < ' diplômés'.length; i++) await commenter.page.keyboard.press('Backspace');
    await commenter.page.keyboard.press('ArrowUp');

    await expect.poll(() => lead.page.locator('.ProseMirror .suggestion-insert').textContent(), { timeout: 10_000 }).toBe(' cinq cents');
    await expect.poll(() => lead.page.locator('.ProseMirror .suggestion-delete').textContent()).toBe(' diplômés');
    expect(await ownText(lead.page), 'the text itself is unchanged').toContain('trois mille jeunes diplômés.');

    await lead.page.locator('.ProseMirror .suggestion-insert').click();
    const panel = lead.page.getByTestId('suggestions-panel');
    await expect.poll(() => panel.getByTestId('suggestion').count()).toBe(2);
    await expect.poll(() => panel.getByTestId('suggestion').first().textContent()).toContain('Youssef Alami');
    expect(await panel.getByTestId('suggestion').first().textContent()).toContain('Insérer « cinq cents »');
    await shot(lead.page, 'suggestions-editor-fr-1440');
    await shot(commenter.page, 'suggestions-commenter-fr-1440');

    await panel.getByTestId('suggestion').filter({ hasText: 'cinq cents' }).getByTestId('accept-suggestion').click();
    await panel.getByTestId('suggestion').filter({ hasText: 'diplômés' }).getByTestId('reject-suggestion').click();
    await expect.poll(() => panel.getByTestId('suggestion').count()).toBe(0);
    await expect.poll(() => ownText(lead.page)).toContain('Le programme vise trois mille cinq cents jeunes diplômés.');
    await expect.poll(() => ownText(commenter.page)).toContain('Le programme vise trois mille cinq cents jeunes diplômés.');
    expect(await commenter.page.locator('.ProseMirror .suggestion-delete, .ProseMirror .suggestion-insert').count()).toBe(0);
    expect(lead.problems).toEqual([]);
    expect(commenter.problems).toEqual([]);
  });

  it('an editor who switches suggestion mode on suggests too (accented letters in one draft), then accepts it', async () => {
    await lead.page.getByTestId('suggest-toggle').click();
    expect(await lead.page.getByTestId('suggest-toggle').getAttribute('aria-pressed')).toBe('true');
    await caretAfter(lead.page, 'jeunes');
    await lead.page.keyboard.type(' lauréats');
    await lead.page.keyboard.press('ArrowUp');
    const panel = lead.page.getByTestId('suggestions-panel');
    // One suggestion, accented letter included (it comes as text input, not as a key press).
    await expect.poll(() => panel.getByTestId('suggestion').allTextContents(), { timeout: 10_000 }).toEqual([expect.stringContaining('Insérer « lauréats »')]);
    expect(await ownText(commenter.page)).not.toContain('lauréats');
    expect(await ownText(lead.page), 'the editor’s own text is unchanged while suggesting, no stray letter').toContain('cinq cents jeunes diplômés.');
    await lead.page.getByTestId('suggest-toggle').click();
    expect(await lead.page.getByTestId('suggest-toggle').getAttribute('aria-pressed')).toBe('false');
    await panel.getByTestId('suggestion').getByTestId('accept-suggestion').click();
    await expect.poll(() => ownText(commenter.page)).toContain('cinq cents jeunes lauréats diplômés.');
  });

  it('structure: a new paragraph, a split, a heading, a deleted paragraph; in the author’s colour, decided one by one and all at once', async () => {
    await editor(lead.page).click();
    await lead.page.keyboard.press('Control+End');
    await lead.page.keyboard.press('Enter');
    await lead.page.keyboard.type('Deuxième paragraphe à garder. Suite à couper.');
    await lead.page.keyboard.press('Enter');
    await lead.page.keyboard.type('Paragraphe de trop.');
    await expect.poll(() => editor(commenter.page).textContent(), { timeout: 15_000 }).toContain('Paragraphe de trop.');

    // Enter at the end of a paragraph, then typing: a new paragraph after it.
    await caretAfter(commenter.page, 'Suite à couper.');
    await commenter.page.keyboard.press('Enter');
    await commenter.page.keyboard.type('Un paragraphe proposé.');
    await commenter.page.keyboard.press('ArrowUp');
    // Enter inside a paragraph: it splits there.
    await caretAfter(commenter.page, 'à garder.');
    await commenter.page.keyboard.press('Enter');
    // The whole paragraph selected (three clicks), then Delete: the paragraph goes.
    await editor(commenter.page).locator('p', { hasText: 'Paragraphe de trop.' }).click({ clickCount: 3 });
    await commenter.page.keyboard.press('Delete');
    // The toolbar's block type on a paragraph: a heading.
    await caretAfter(commenter.page, 'Le programme vise');
    await commenter.page.getByRole('toolbar').locator('select').selectOption('h2');

    const panel = lead.page.getByTestId('suggestions-panel');
    await lead.page.getByRole('tab', { name: /Suggestions/ }).click();
    await expect.poll(() => panel.getByTestId('suggestion').count(), { timeout: 10_000 }).toBe(4);
    const texts = await panel.getByTestId('suggestion').allTextContents();
    expect(texts.join('\n')).toContain('Nouveau paragraphe « Un paragraphe proposé. »');
    expect(texts.join('\n')).toContain('Couper le paragraphe');
    expect(texts.join('\n')).toContain('Supprimer le paragraphe « Paragraphe de trop. »');
    expect(texts.join('\n')).toContain('un titre de niveau 2');
    // Drawn in the text, in the author's colour, with name and time.
    await expect.poll(() => lead.page.locator('.ProseMirror .suggestion-new-block').textContent()).toBe('Un paragraphe proposé.');
    expect(await lead.page.locator('.ProseMirror .suggestion-split').count()).toBe(1);
    expect(await lead.page.locator('.ProseMirror .suggestion-delete-block').textContent()).toBe('Paragraphe de trop.');
    expect(await lead.page.locator('.ProseMirror .suggestion-set-block').getAttribute('title')).toContain('Youssef Alami');
    const color = await lead.page.locator('.ProseMirror .suggestion-new-block').evaluate((node) => (node as HTMLElement).style.getPropertyValue('--suggestion-color'));
    expect(color).toMatch(/^#|rgb|hsl/);
    expect(await ownText(lead.page), 'nothing changed yet').toContain('à garder. Suite à couper.Paragraphe de trop.');
    await shot(lead.page, 'structure-editor-fr-1440');

    await panel.getByTestId('suggestion').filter({ hasText: 'Paragraphe de trop' }).getByTestId('reject-suggestion').click();
    await expect.poll(() => panel.getByTestId('suggestion').count()).toBe(3);
    await panel.getByTestId('suggestion').filter({ hasText: 'Un paragraphe proposé' }).getByTestId('accept-suggestion').click();
    await expect.poll(() => panel.getByTestId('suggestion').count()).toBe(2);
    await panel.getByTestId('accept-all').click();
    await expect.poll(() => panel.getByTestId('suggestion').count()).toBe(0);
    const blocks = () =>
      commenter.page
        .locator('.ProseMirror > *')
        .evaluateAll((nodes) => nodes.filter((node) => node.textContent).map((node) => `${node.tagName.toLowerCase()}:${node.textContent}`));
    await expect
      .poll(blocks)
      .toEqual([expect.stringMatching(/^h2:Le programme vise/), 'p:Deuxième paragraphe à garder.', 'p: Suite à couper.', 'p:Un paragraphe proposé.', 'p:Paragraphe de trop.']);
    expect(lead.problems).toEqual([]);
    expect(commenter.problems).toEqual([]);
  });

  it('looks right in French, Arabic and English, wide and narrow', async () => {
    await caretAfter(commenter.page, 'cinq cents');
    await commenter.page.keyboard.type(' environ');
    await commenter.page.keyboard.press('ArrowUp');
    await expect.poll(() => lead.page.locator('.ProseMirror .suggestion-insert').count(), { timeout: 10_000 }).toBe(1);
    // Structural ones too: a new paragraph after the last one, a paragraph to delete.
    await caretAfter(commenter.page, 'Paragraphe de trop.');
    await commenter.page.keyboard.press('Enter');
    await commenter.page.keyboard.type('Nouveau paragraphe suggéré.');
    await commenter.page.keyboard.press('ArrowUp');
    await editor(commenter.page).locator('p', { hasText: 'Un paragraphe proposé.' }).click({ clickCount: 3 });
    await commenter.page.keyboard.press('Delete');
    await expect.poll(() => lead.page.locator('.ProseMirror .suggestion-new-block, .ProseMirror .suggestion-delete-block').count(), { timeout: 10_000 }).toBe(2);
    for (const locale of ['fr', 'ar', 'en'] as const) {
      // The interface follows the account's language, set at sign-in.
      expect((await api.patch(`/api/users/${leadUserId}`, { locale })).status).toBe(200);
      for (const [width, height] of [
        [1440, 900],
        [390, 844],
      ] as const) {
        const page = await openPage(await browser.newContext({ viewport: { width, height }, storageState: await lead.page.context().storageState() }));
        await page.page.goto(documentUrl);
        await expect.poll(() => page.page.locator('.ProseMirror .suggestion-new-block').count(), { timeout: 15_000 }).toBe(1);
        await page.page.locator('.ProseMirror .suggestion-new-block').scrollIntoViewIfNeeded();
        await shot(page.page, `suggestions-text-${locale}-${width}`);
        await page.page.getByRole('tab', { name: /Suggestions|الاقتراحات/ }).click();
        await page.page.getByTestId('suggestion').first().scrollIntoViewIfNeeded();
        await shot(page.page, `suggestions-${locale}-${width}`);
        await page.page.context().close();
      }
    }
  });
});
