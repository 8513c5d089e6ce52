import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFromAdminMenu } from './helpers/admin-menu.ts';
import { expectAccessible } from './helpers/axe.ts';
import { ARTIFACTS, launchBrowser, openPage, type WatchedPage } from './helpers/browser.ts';
import { press, tabTo } from './helpers/keyboard.ts';
import { adminApi, memberOf, signIn } from './helpers/session.ts';
import { ADMIN, startE2eServer, type E2eServer } from './helpers/tansiq.ts';

/**
 * The header's Administration menu (mouse, keyboard, mirrored in Arabic, on a phone) and the
 * admin page of Slack channel subscriptions: list, search, remove with a confirmation, loading,
 * error and empty states, and nothing of it for a member.
 */

/** Screenshots stay out of the repository; a person looks at them. */
const SHOTS = process.env.SCREENSHOT_DIR ?? path.join(ARTIFACTS, 'screens');
const LOCALES = ['fr', 'ar', 'en'] as const;

let server: E2eServer;
let browser: Browser;
let admin: WatchedPage;
let planId: string;
let member: Awaited<ReturnType<typeof memberOf>>;

const db = () => server.api.database.db;
const rows = (page: Page) => page.getByTestId('slack-subscription');
const menuButton = (page: Page) => page.locator('.nav-menu-button');
const menu = (page: Page) => page.getByRole('menu');
const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');

/** Four subscriptions as the bot would have stored them: named, paused after an archive, from before names were kept, on a commission. */
async function seedSubscriptions(): Promise<void> {
  const users = await db().selectFrom('users').select(['id', 'email']).execute();
  const adminId = users.find((user) => user.email === ADMIN.email)!.id;
  const memberId = users.find((user) => user.email === member.email)!.id;
  const sante = await db().selectFrom('organisations').select('id').where('code', '=', 'sante').executeTakeFirstOrThrow();
  const commission = await db().selectFrom('commissions').select('id').executeTakeFirstOrThrow();
  await db().deleteFrom('slack_subscriptions').execute();
  await db()
    .insertInto('slack_subscriptions')
    .values([
      {
        team_id: 'T0MINISTERE',
        channel_id: 'C0PLANS',
        channel_name: 'sante-plans',
        object_type: 'document',
        object_id: planId,
        events: ['status', 'comments', 'measures', 'sessions', 'edits'],
        created_by: memberId,
        locale: 'fr',
      },
      {
        team_id: 'T0MINISTERE',
        channel_id: 'C0ARCHIVE',
        channel_name: 'migrations-archive-2025',
        object_type: 'organisation',
        object_id: sante.id,
        events: ['measures', 'status'],
        created_by: adminId,
        locale: 'ar',
        paused_at: new Date('2026-11-20T09:00:00Z'),
        paused_reason: 'is_archived',
      },
      { team_id: 'T0MINISTERE', channel_id: 'C0LEGACY', object_type: 'document', object_id: randomUUID(), events: ['edits'], created_by: adminId, locale: 'en' },
      {
        team_id: 'T0MINISTERE',
        channel_id: 'G0TECH',
        channel_name: 'commission-technique',
        object_type: 'commission',
        object_id: commission.id,
        events: ['sessions'],
        created_by: memberId,
        locale: 'fr',
      },
    ])
    .execute();
}

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  server = await startE2eServer();
  const api = await adminApi(server.api.url, ADMIN.email, ADMIN.password);
  member = await memberOf(api, 'sante', 'Samira El Idrissi', 'samira-password-1');
  const plan = await api.post('/api/documents', { kind: 'action_plan', title: 'Plan d’action santé des MRE' });
  planId = plan.body.document.id;
  await api.post('/api/commissions', {
    kind: 'technical',
    nameFr: 'Commission technique',
    nameAr: 'اللجنة التقنية',
    nameEn: 'Technical commission',
    memberOrganisationIds: [member.organisation.id],
  });
  await seedSubscriptions();
  browser = await launchBrowser();
  admin = await openPage(await browser.newContext({ viewport: { width: 1440, height: 900 } }));
  await signIn(admin.page, server.url, ADMIN.email, ADMIN.password);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Switches the interface's language and waits until the account keeps it (the list names things in it). */
async function chooseLanguage(page: Page, locale: (typeof LOCALES)[number]): Promise<void> {
  if ((await page.evaluate(() => document.documentElement.lang)) === locale) return;
  const saved = page.waitForResponse((response) => response.url().includes('/api/users/') && response.request().method() === 'PATCH');
  await page.locator('.language-switcher select').selectOption(locale);
  await saved;
}

/** The header's parts, their vertical middles and the open menu's box against its button's. */
function headerLayout(page: Page) {
  return page.evaluate(() => {
    const header = document.querySelector('.app-header')!;
    const parts = [...header.querySelectorAll('.brand, .main-nav > *, .header-tools > *')];
    const middles = parts.map((part) => {
      const box = part.getBoundingClientRect();
      return box.top + box.height / 2;
    });
    const button = document.querySelector('.nav-menu-button')!.getBoundingClientRect();
    const list = document.querySelector('.nav-menu-list')!.getBoundingClientRect();
    return {
      headerHeight: header.getBoundingClientRect().height,
      spread: Math.max(...middles) - Math.min(...middles),
      button: { left: button.left, right: button.right },
      menu: { left: list.left, right: list.right, width: list.width },
      pageWidth: document.documentElement.scrollWidth,
    };
  });
}

describe('the Administration menu and the Slack subscriptions page', () => {
  it('fits the header on one line at 1440 px, mirrors in Arabic, works on a phone; screenshots in fr, ar and en', async () => {
    const page = admin.page;
    await page.goto(`${server.url}/admin/slack`);
    for (const locale of LOCALES) {
      await chooseLanguage(page, locale);
      for (const width of [1440, 390]) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto(`${server.url}/admin/slack`);
        await expect.poll(() => rows(page).count()).toBe(4);
        expect(await page.evaluate(() => document.documentElement.dir)).toBe(locale === 'ar' ? 'rtl' : 'ltr');
        await page.screenshot({ path: `${SHOTS}/slack-subscriptions-${locale}-${width}.png`, fullPage: true });
        await page.screenshot({ path: `${SHOTS}/header-${locale}-${width}-closed.png`, clip: { x: 0, y: 0, width, height: width > 600 ? 120 : 260 } });
        await menuButton(page).click();
        await menu(page).waitFor();
        await page.screenshot({ path: `${SHOTS}/header-${locale}-${width}-open.png`, clip: { x: 0, y: 0, width, height: width > 600 ? 360 : 520 } });
        const layout = await headerLayout(page);
        // The page never scrolls sideways, and the open menu stays on screen.
        expect(layout.pageWidth, `${locale} ${width}`).toBeLessThanOrEqual(width);
        expect(layout.menu.left, `${locale} ${width}`).toBeGreaterThanOrEqual(0);
        expect(layout.menu.right, `${locale} ${width}`).toBeLessThanOrEqual(width);
        if (width === 1440) {
          // One line: every part of the header sits on the same middle line.
          expect(layout.spread, `${locale} header parts on one line`).toBeLessThan(8);
          expect(layout.headerHeight, `${locale} header height`).toBeLessThan(72);
          // Under its button, from the start edge: the left one in French and English, the right one in Arabic.
          if (locale === 'ar') expect(Math.abs(layout.menu.right - layout.button.right)).toBeLessThan(2);
          else expect(Math.abs(layout.menu.left - layout.button.left)).toBeLessThan(2);
        }
        await expectAccessible(page, `slack subscriptions, menu open, ${locale} ${width}`);
        await page.keyboard.press('Escape');
        await expect.poll(() => menu(page).count()).toBe(0);
      }
    }
    await chooseLanguage(page, 'fr');
    await page.setViewportSize({ width: 1440, height: 900 });
    expect(admin.problems).toEqual([]);
  }, 240_000);

  it('is reached from the menu, lists every subscription, finds and filters them', async () => {
    const page = admin.page;
    await page.goto(`${server.url}/`);
    await openFromAdminMenu(page, 'Abonnements Slack');
    await page.getByRole('heading', { name: 'Abonnements Slack' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin/slack');
    // Its button reads as the current section; the menu closed behind the choice.
    expect(await menuButton(page).getAttribute('class')).toContain('active');
    expect(await menuButton(page).getAttribute('aria-expanded')).toBe('false');
    await expect.poll(() => rows(page).count()).toBe(4);
    const table = (await page.locator('.slack-subs-table').textContent()) ?? '';
    for (const text of [
      '#sante-plans',
      'C0PLANS',
      'T0MINISTERE',
      'Plan d’action santé des MRE',
      'Toutes',
      'Samira El Idrissi',
      'Actif',
      '#migrations-archive-2025',
      'En pause',
      'canal archivé',
      'Arabe',
      'nom inconnu',
      'C0LEGACY',
      'supprimé',
      'Commission technique',
      'séances',
    ]) {
      expect(table, text).toContain(text);
    }
    expect(await page.getByTestId('slack-subs-count').textContent()).toContain('4 abonnement(s) affiché(s) sur 4');

    await page.locator('#slack-subs-search').fill('ARCHIVE');
    await expect.poll(() => rows(page).count()).toBe(1);
    await page.locator('#slack-subs-search').fill('samira');
    await expect.poll(() => rows(page).count()).toBe(2);
    await page.locator('#slack-subs-state').selectOption('paused');
    await expect.poll(() => page.getByText('Aucun abonnement ne correspond à ces filtres.').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Effacer les filtres' }).click();
    await expect.poll(() => rows(page).count()).toBe(4);
    await page.locator('#slack-subs-follows').selectOption('commission');
    await expect.poll(() => rows(page).count()).toBe(1);
    await page.getByRole('button', { name: 'Effacer les filtres' }).click();
    expect(admin.problems).toEqual([]);
  });

  it('pauses and resumes a subscription, removes one after a confirmation and hands the focus to the next row', async () => {
    const page = admin.page;
    await page.goto(`${server.url}/admin/slack`);
    await expect.poll(() => rows(page).count()).toBe(4);
    const removeButton = (channel: string) => page.getByRole('button', { name: new RegExp(`^Retirer l’abonnement de ${channel} à `) });
    const plansRow = rows(page).filter({ hasText: '#sante-plans' });
    const stateOfPlans = async () =>
      (await page.evaluate(() => fetch('/api/slack/subscriptions').then((response) => response.json()))).subscriptions.find(
        (row: { channelId: string }) => row.channelId === 'C0PLANS',
      );

    // Pause, then resume: the row says so, the button keeps the focus.
    await page.getByRole('button', { name: /^Mettre en pause l’abonnement de #sante-plans à / }).click();
    await expect.poll(() => plansRow.textContent()).toContain('mis en pause par un administrateur');
    expect(await stateOfPlans()).toMatchObject({ paused: true, pausedReason: 'admin' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Reprendre');
    expect(await page.getByTestId('slack-subs-announcement').textContent()).toContain('Abonnement mis en pause');
    await page.getByRole('button', { name: /^Reprendre l’abonnement de #sante-plans à / }).click();
    await expect.poll(() => plansRow.textContent()).toContain('Actif');
    expect(await stateOfPlans()).toMatchObject({ paused: false, pausedReason: null });

    // Cancelling changes nothing and gives the focus back.
    await removeButton('#migrations-archive-2025').click();
    const dialog = page.getByTestId('slack-subs-confirm');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('#migrations-archive-2025');
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => removeButton('#migrations-archive-2025').evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await rows(page).count()).toBe(4);

    await removeButton('#migrations-archive-2025').click();
    await dialog.getByRole('button', { name: 'Retirer', exact: true }).click();
    await expect.poll(() => rows(page).count()).toBe(3);
    expect(await page.getByTestId('slack-subs-announcement').textContent()).toContain('Abonnement retiré');
    expect(await page.locator('.slack-subs-table').textContent()).not.toContain('migrations-archive-2025');
    // Rows go by channel name (an unnamed one by its id): the one after it has the focus.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '')).toContain('#sante-plans');
    const left = await page.evaluate(() => fetch('/api/slack/subscriptions').then((response) => response.json()));
    expect(left.subscriptions.map((subscription: { channelId: string }) => subscription.channelId).sort()).toEqual(['C0LEGACY', 'C0PLANS', 'G0TECH']);
    const audit = await db().selectFrom('audit_log').select('details').where('action', '=', 'slack.subscription_removed').execute();
    expect(audit).toHaveLength(1);

    // Removed meanwhile by someone else: the list catches up, with a word, not an error.
    const legacy = await db().selectFrom('slack_subscriptions').select('id').where('channel_id', '=', 'C0LEGACY').executeTakeFirstOrThrow();
    await removeButton('C0LEGACY').click();
    await db().deleteFrom('slack_subscriptions').where('id', '=', legacy.id).execute();
    await dialog.getByRole('button', { name: 'Retirer', exact: true }).click();
    await expect.poll(() => rows(page).count()).toBe(2);
    expect(await page.getByTestId('slack-subs-announcement').textContent()).toContain('déjà été retiré');

    // The last ones: the empty state, and the focus in the search field.
    for (const channel of ['#commission-technique', '#sante-plans']) {
      await removeButton(channel).click();
      await dialog.getByRole('button', { name: 'Retirer', exact: true }).click();
      await expect.poll(() => removeButton(channel).count()).toBe(0);
    }
    await page.getByText('Aucun canal Slack ne suit Tansiq pour l’instant.').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('slack-subs-search');
    await page.screenshot({ path: `${SHOTS}/slack-subscriptions-fr-1440-empty.png`, fullPage: true });
    expect(admin.problems).toEqual([]);
  });

  it('says it is loading, then shows a failure with a way to retry', async () => {
    await seedSubscriptions();
    const page = admin.page;
    await page.goto(`${server.url}/`);
    // Holds the list's answer until the loading state has been seen (a barrier, not a delay).
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/slack/subscriptions', async (route) => {
      await held;
      await route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: { code: 'internal', message: 'boom' } }) });
    });
    await openFromAdminMenu(page, 'Abonnements Slack');
    await page.getByRole('status').filter({ hasText: 'Chargement…' }).waitFor();
    release();
    await page.getByRole('alert').filter({ hasText: 'Une erreur est survenue de notre côté' }).waitFor();
    await page.screenshot({ path: `${SHOTS}/slack-subscriptions-fr-1440-error.png`, fullPage: true });
    await page.unroute('**/api/slack/subscriptions');
    await page.getByRole('button', { name: 'Réessayer' }).click();
    await expect.poll(() => rows(page).count()).toBe(4);
    await expect.poll(() => page.getByRole('alert').count()).toBe(0);
    // The browser logged the 500 that this test made up; nothing else.
    expect(admin.problems.filter((problem) => !problem.includes('status of 500'))).toEqual([]);
    admin.problems.length = 0;
  });

  it('is worked by keyboard alone: the menu opens, moves, closes on Escape and gives the focus back', async () => {
    const page = admin.page;
    await page.goto(`${server.url}/`);
    await page.locator('.documents-table, .empty-state').first().waitFor();
    const button = menuButton(page);
    await tabTo(page, button);
    expect(await button.getAttribute('aria-haspopup')).toBe('menu');
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    await press(page, 'Enter');
    await expect.poll(() => focusedText(page)).toBe('Organisations');
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    await press(page, 'ArrowDown');
    expect(await focusedText(page)).toBe('Utilisateurs');
    await press(page, 'End');
    expect(await focusedText(page)).toBe('Logo');
    await press(page, 'ArrowDown');
    expect(await focusedText(page)).toBe('Organisations');
    await press(page, 'ArrowUp');
    expect(await focusedText(page)).toBe('Logo');
    await press(page, 'Home');
    expect(await focusedText(page)).toBe('Organisations');
    // A letter goes to the next entry starting with it.
    await press(page, 'a');
    expect(await focusedText(page)).toBe('Abonnements Slack');
    await press(page, 'Escape');
    expect(await menu(page).count()).toBe(0);
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    expect(await button.evaluate((element) => element === document.activeElement)).toBe(true);
    // ↑ opens on the last entry; Tab leaves the menu, which closes behind.
    await press(page, 'ArrowUp');
    await expect.poll(() => focusedText(page)).toBe('Logo');
    await press(page, 'Tab');
    expect(await menu(page).count()).toBe(0);
    expect(await button.evaluate((element) => element === document.activeElement)).toBe(false);
    await press(page, 'Shift+Tab');
    expect(await button.evaluate((element) => element === document.activeElement)).toBe(true);
    // Space opens it too; Enter on an entry opens its page, and the focus goes to the page.
    await press(page, 'Space');
    await expect.poll(() => focusedText(page)).toBe('Organisations');
    await press(page, 'ArrowDown', 'ArrowDown', 'ArrowDown');
    expect(await focusedText(page)).toBe('Journal d’audit');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Journal d’audit' }).waitFor();
    expect(await menu(page).count()).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main');
    // A click elsewhere closes it.
    await button.click();
    await menu(page).waitFor();
    await page.getByRole('heading', { name: 'Journal d’audit' }).click();
    await expect.poll(() => menu(page).count()).toBe(0);
    expect(admin.problems).toEqual([]);
  });

  it('does not exist for a member: no menu, the usual "not found" page, and the API answers 404', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const { page, problems } = await openPage(context);
    await signIn(page, server.url, member.email, 'samira-password-1');
    expect(await page.getByRole('button', { name: 'Administration' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Jetons d’API' }).count()).toBe(1);
    await page.goto(`${server.url}/admin/slack`);
    await page.getByRole('heading', { name: 'Page introuvable' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Abonnements Slack' }).count()).toBe(0);
    expect(await page.evaluate(() => fetch('/api/slack/subscriptions').then((response) => response.status))).toBe(404);
    await page.screenshot({ path: `${SHOTS}/slack-subscriptions-member-fr-1440.png`, fullPage: true });
    expect(problems).toEqual([]);
    await context.close();
  });
});
