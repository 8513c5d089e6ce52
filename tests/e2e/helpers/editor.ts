import type { Page } from 'playwright-core';

export const editor = (page: Page) => page.getByTestId('editor');

/**
 * Selects `text` in the editor as a mouse would: a DOM selection over the text node, which
 * ProseMirror reads (editable or not). The editor is clicked first so an editable one has focus.
 */
export async function selectInEditor(page: Page, text: string): Promise<void> {
  await editor(page).locator('p, h1, h2, h3, li', { hasText: text }).first().click();
  const found = await page.evaluate((wanted) => {
    const root = document.querySelector('.ProseMirror');
    if (!root) return false;
    // The text may run over several nodes (a highlight splits it): search the concatenation.
    const nodes: Text[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
    const whole = nodes.map((node) => node.data).join('');
    const at = whole.indexOf(wanted);
    if (at < 0) return false;
    const locate = (offset: number, end: boolean) => {
      let start = 0;
      for (const node of nodes) {
        if (offset < start + node.data.length || (end && offset === start + node.data.length)) return { node, offset: offset - start };
        start += node.data.length;
      }
      throw new Error('offset outside the text');
    };
    const from = locate(at, false);
    const to = locate(at + wanted.length, true);
    document.getSelection()!.setBaseAndExtent(from.node, from.offset, to.node, to.offset);
    return true;
  }, text);
  if (!found) throw new Error(`"${text}" is not in the editor`);
}

/** Types a paragraph at the end of the document body. */
export async function typeParagraph(page: Page, text: string): Promise<void> {
  await editor(page).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type(text);
}

/** The document's own text, without what is drawn over it: remote carets with their names, suggested insertions. */
export const ownText = (page: Page) =>
  page.evaluate(() => {
    const copy = document.querySelector('.ProseMirror')!.cloneNode(true) as HTMLElement;
    for (const node of copy.querySelectorAll('.ProseMirror-widget, .collaboration-carets__caret, .suggestion-insert')) node.remove();
    return copy.textContent ?? '';
  });
