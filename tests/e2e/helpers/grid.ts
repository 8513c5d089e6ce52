import type { Locator } from 'playwright-core';

/**
 * The measures grid shows editable cells as text and mounts a cell's editor when it is entered
 * (client/src/pages/document/CellEntry.tsx). These read and enter cells by their column's label,
 * whichever of the two a cell shows.
 */

/** The field labelled `label` in a row (or card), after entering its cell with a click if needed. */
export async function enterCell(row: Locator, label: string): Promise<Locator> {
  const field = row.locator(`:is(input, textarea, select)[aria-label="${label}"]`);
  if ((await field.count()) === 0) await row.locator(`button.cell-value[aria-label^="${label} : "]`).click();
  await field.waitFor();
  return field;
}

/** A cell's stored value: its field's while entered, else what the text carries (ISO dates, status codes, ids; a text cell's text). */
export function cellValue(row: Locator, label: string): Promise<string> {
  return row.evaluate((tr, label) => {
    const field = [...tr.querySelectorAll<HTMLInputElement>('input, textarea, select')].find((element) => element.getAttribute('aria-label') === label);
    if (field) return field.value;
    const shown = [...tr.querySelectorAll<HTMLButtonElement>('button.cell-value')].find((element) => element.getAttribute('aria-label')?.startsWith(`${label} : `));
    if (!shown) return '';
    return shown.dataset.value ?? shown.querySelector('.cell-text')?.textContent ?? '';
  }, label);
}

/** Sets a date, number or text cell as a person would: enter it, type, confirm. */
export async function fillCell(row: Locator, label: string, value: string): Promise<void> {
  const field = await enterCell(row, label);
  await field.fill(value);
  await field.dispatchEvent('change');
}
