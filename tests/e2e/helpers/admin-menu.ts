import type { Page } from 'playwright-core';

/** Opens the header's Administration menu (same name in French and English) and chooses one of its pages. */
export async function openFromAdminMenu(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Administration' }).click();
  await page.getByRole('menuitem', { name }).click();
}
