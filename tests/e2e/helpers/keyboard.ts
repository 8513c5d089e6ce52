import type { Locator, Page } from 'playwright-core';

/**
 * What the focused element looks like: whether it matches :focus-visible (:focus-within for date fields) and whether a ring is
 * drawn (an outline of at least 2px, a box-shadow, or — for the rich-text editor, whose frame
 * draws it — the frame's :focus-within ring).
 */
export async function focusIndicator(page: Page): Promise<{ element: string; focusVisible: boolean; ring: string | null }> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return { element: 'body', focusVisible: false, ring: null };
    const describe = (node: Element) =>
      `<${node.tagName.toLowerCase()}${node.id ? `#${node.id}` : ''}${node.getAttribute('aria-label') ? ` "${node.getAttribute('aria-label')}"` : ''}> ${(node.textContent ?? '').trim().slice(0, 40)}`;
    const ringOf = (node: Element) => {
      const style = getComputedStyle(node);
      // 'auto' is the browser's own two-tone ring (pages without our style sheet, such as the Slack link page)
      if (style.outlineStyle === 'auto' || (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2))
        return `outline ${style.outlineWidth} ${style.outlineStyle} ${style.outlineColor}`;
      if (style.boxShadow && style.boxShadow !== 'none') return `box-shadow ${style.boxShadow}`;
      return null;
    };
    const frame = element.isContentEditable ? element.closest('.editor-frame') : null;
    // Chromium keeps a date field's focus in its inner parts: the field itself never matches :focus-visible.
    const dateField = element.matches('input:is([type=date], [type=time], [type=datetime-local], [type=month])');
    return { element: describe(element), focusVisible: element.matches(dateField ? ':focus-within' : ':focus-visible'), ring: ringOf(element) ?? (frame ? ringOf(frame) : null) };
  });
}

const shown = (focus: { focusVisible: boolean; ring: string | null }) => focus.focusVisible && focus.ring !== null;

/**
 * Fails unless the focused control matches :focus-visible and shows a ring. A key may move the
 * focus a frame later (a field that opens and takes it): wait for it to settle somewhere first.
 */
export async function expectVisibleFocus(page: Page): Promise<void> {
  let focus = await focusIndicator(page);
  // On a busy machine the new field may take a while: wait for the condition, up to 5 s.
  const until = Date.now() + 5_000;
  while (!shown(focus) && Date.now() < until) {
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 20))));
    focus = await focusIndicator(page);
  }
  if (!shown(focus)) throw new Error(`focus is not visible on ${focus.element} (:focus-visible ${focus.focusVisible}, ring ${focus.ring})`);
}

/**
 * Presses Tab (or Shift+Tab) until `target` has the focus, checking that every control passed
 * on the way shows where the focus is. Fails after `max` presses.
 */
export async function tabTo(page: Page, target: Locator, options: { backwards?: boolean; max?: number } = {}): Promise<void> {
  await target.waitFor();
  const passed: string[] = [];
  for (let presses = 0; presses < (options.max ?? 60); presses += 1) {
    await page.keyboard.press(options.backwards ? 'Shift+Tab' : 'Tab');
    await expectVisibleFocus(page).catch((error: Error) => {
      throw new Error(`${error.message}; after:\n  ${passed.join('\n  ')}`);
    });
    passed.push((await focusIndicator(page)).element);
    // the locator is looked up again each time: the target may be drawn anew while we go
    if (await target.evaluate((element) => element === document.activeElement || element.contains(document.activeElement))) return;
  }
  throw new Error(`tabTo: never reached the target; passed through:\n  ${passed.join('\n  ')}`);
}

/** Keys, then the check that the focus is still visible where they left it. */
export async function press(page: Page, ...keys: string[]): Promise<void> {
  for (const key of keys) await page.keyboard.press(key);
  await expectVisibleFocus(page);
}
