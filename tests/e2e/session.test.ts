import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../helpers/http.ts';
import { launchBrowser, openPage, screenshot, type WatchedPage } from './helpers/browser.ts';
import { editor, selectInEditor } from './helpers/editor.ts';
import { adminApi, memberOf, signIn } from './helpers/session.ts';
import { ADMIN, startE2eServer, type E2eServer } from './helpers/tansiq.ts';

/**
 * A whole technical-commission session in the browser: the chair (the secretariat) plans and runs
 * it; three departments follow it live, comment on the drafts, and read the minutes.
 */

const PASSWORD = 'department-password-1';
const TITLE = 'Commission technique — séance n°3';
const PLANS = { sante: 'Plan d’action Santé 2026–2028', emploi: 'Plan d’action Emploi 2026–2028', education: 'Plan d’action Éducation 2026–2028' };
const COMMENT = 'La mesure 3 doit préciser son budget.';

let server: E2eServer;
let browser: Browser;
let api: ApiClient;
let chair: WatchedPage;
const departments: Record<'sante' | 'emploi' | 'education', WatchedPage> = {} as never;
let sessionUrl: string;

const agendaItems = (page: Page) => page.locator('.agenda-list > li');
const currentItem = (page: Page) => page.getByTestId('current-item');
// biome-ignore lint/performance/useDomNodeTextContent: the decision as shown, with a line break between its blocks
const shownDecision = (page: Page) => currentItem(page).getByTestId('decision').innerText();
const stageTitle = (page: Page) => page.locator('.session-stage .document-header h2');
const everyone = () => [chair, departments.sante, departments.emploi, departments.education].map((watched) => watched.page);

beforeAll(async () => {
  server = await startE2eServer();
  browser = await launchBrowser();
  api = await adminApi(server.api.url, ADMIN.email, ADMIN.password);
  const people = {
    sante: await memberOf(api, 'sante', 'Amina Idrissi', PASSWORD),
    emploi: await memberOf(api, 'emploi', 'Youssef Alami', PASSWORD),
    education: await memberOf(api, 'education', 'Karim Tazi', PASSWORD),
  };
  const orgIds = Object.values(people).map((person) => person.organisation.id);
  const commission = await api.post('/api/commissions', {
    kind: 'technical',
    nameFr: 'Commission technique',
    nameAr: 'اللجنة التقنية',
    nameEn: 'Technical commission',
    memberOrganisationIds: orgIds,
  });
  expect(commission.status).toBe(201);
  // Each department leads its plan; the others may comment on it. The plans are submitted to the commission.
  for (const [code, person] of Object.entries(people) as Array<[keyof typeof PLANS, (typeof people)['sante']]>) {
    const created = await api.post('/api/documents', { kind: 'action_plan', title: PLANS[code], leadOrganisationId: person.organisation.id });
    const id = created.body.document.id;
    for (const other of orgIds.filter((orgId) => orgId !== person.organisation.id)) await api.put(`/api/documents/${id}/access`, { organisationId: other, level: 'comment' });
    for (const to of ['in_review', 'submitted']) expect((await api.post(`/api/documents/${id}/transitions`, { to })).status).toBe(200);
  }
  const viewport = { width: 1440, height: 900 };
  chair = await openPage(await browser.newContext({ viewport }));
  await signIn(chair.page, server.url, ADMIN.email, ADMIN.password);
  for (const code of ['sante', 'emploi', 'education'] as const) {
    departments[code] = await openPage(await browser.newContext({ viewport }));
    await signIn(departments[code].page, server.url, people[code].email, PASSWORD);
  }
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a technical-commission session run in the web client', () => {
  it('is planned by the chair with an agenda of the departments’ plans', async () => {
    const page = chair.page;
    await page.getByRole('link', { name: 'Séances' }).click();
    await page.getByRole('button', { name: 'Nouvelle séance' }).click();
    await page.getByLabel('Intitulé de la séance').fill(TITLE);
    await page.getByLabel('Date et heure').fill('2030-11-28T15:00');
    await page.getByLabel('Lieu').fill('Rabat, salle du conseil');
    for (const title of [PLANS.sante, PLANS.emploi, PLANS.education]) {
      await page.getByTestId('add-agenda-item').click();
      await page.locator('.agenda-draft-item').last().getByLabel('Document examiné').selectOption({ label: title });
    }
    // The presenter is the plan's lead organisation unless the chair picks another.
    await expect.poll(() => page.locator('.agenda-draft-item').first().getByLabel('Présenté par').inputValue()).not.toBe('');
    await screenshot(page, 'session-planning-fr');
    await page.getByRole('button', { name: 'Créer la séance' }).click();
    await page.waitForURL(/\/sessions\/[0-9a-f-]{36}$/);
    sessionUrl = page.url();
    await expect.poll(() => agendaItems(page).count()).toBe(3);
    expect(await page.getByTestId('session-state').textContent()).toBe('Prévue');
  });

  it('is found by the departments, who wait for it to open', async () => {
    for (const code of ['sante', 'emploi', 'education'] as const) {
      const page = departments[code].page;
      await page.getByRole('link', { name: 'Séances' }).click();
      if (code === 'sante') await screenshot(page, 'sessions-list-fr');
      await page.getByRole('link', { name: TITLE }).click();
      await page.waitForURL(sessionUrl);
      await expect.poll(() => agendaItems(page).count()).toBe(3);
      expect(await page.getByRole('button', { name: 'Ouvrir la séance' }).count()).toBe(0);
    }
  });

  it('opens on the first item for everyone at once, and the departments hear of it', async () => {
    const unread = Number((await departments.emploi.page.getByTestId('bell-count').textContent()) ?? '0');
    await chair.page.getByRole('button', { name: 'Ouvrir la séance' }).click();
    for (const page of everyone()) {
      await expect.poll(() => page.getByTestId('session-state').textContent(), { timeout: 10_000 }).toBe('En cours');
      await expect.poll(() => currentItem(page).textContent()).toContain(PLANS.sante);
      await expect.poll(() => stageTitle(page).textContent(), { timeout: 15_000 }).toBe(PLANS.sante);
    }
    await expect.poll(() => departments.emploi.page.getByTestId('bell-count').textContent(), { timeout: 10_000 }).toBe(String(unread + 1));
    await departments.emploi.page.getByTestId('bell').click();
    // The session's title is looked up when the notification is shown.
    await expect.poll(() => departments.emploi.page.getByTestId('notification').first().textContent()).toContain(`La séance « ${TITLE} » a commencé`);
    await departments.emploi.page.getByTestId('bell').click();

    // Someone who opens the plan by itself is told it is on screen in the session, and can join.
    const documents = await api.get(`/api/documents?q=${encodeURIComponent('Santé')}`);
    const plan = documents.body.documents.find((document: { title: string }) => document.title === PLANS.sante);
    const elsewhere = await departments.education.page.context().newPage();
    await elsewhere.goto(`${server.url}/documents/${plan.id}`);
    await expect.poll(() => elsewhere.getByTestId('live-session-banner').textContent(), { timeout: 10_000 }).toContain(TITLE);
    await elsewhere.getByRole('link', { name: 'Rejoindre la séance' }).click();
    await elsewhere.waitForURL(sessionUrl);
    await elsewhere.close();
  });

  it('takes comments on the text shown, tagged with the session, live for all', async () => {
    const page = departments.emploi.page;
    await expect.poll(() => editor(page).textContent(), { timeout: 15_000 }).toContain('tableau des mesures');
    await selectInEditor(page, 'tableau des mesures');
    await page.getByTestId('comment-selection').click();
    await page.getByRole('combobox', { name: 'Votre commentaire sur le passage sélectionné' }).fill(COMMENT);
    await page.getByRole('button', { name: 'Envoyer' }).click();
    for (const other of [chair.page, departments.sante.page, departments.education.page]) {
      const thread = other.getByTestId('thread').filter({ hasText: COMMENT });
      await expect.poll(() => thread.count(), { timeout: 10_000 }).toBe(1);
      expect(await thread.getByTestId('session-tag').textContent()).toBe('En séance');
      await expect.poll(() => other.locator('.ProseMirror .comment-highlight').textContent()).toBe('tableau des mesures');
    }
  });

  it('records the chair’s decision, seen by all, and the plan’s new status arrives live', async () => {
    const form = chair.page.getByTestId('decision-form');
    await form.getByLabel('Adopté avec modifications').check();
    // Adopted with changes returns the plan to its lead: the text is its reason, so it is asked for.
    await form.getByLabel(/Motif du renvoi/).fill('Préciser le budget de la mesure 3.');
    await form.getByRole('button', { name: 'Enregistrer la décision' }).click();
    await chair.page.getByTestId('decision-confirm').getByRole('button', { name: 'Confirmer la décision' }).click();
    for (const page of everyone()) {
      await expect.poll(() => shownDecision(page), { timeout: 10_000 }).toMatch(/^Adopté avec modifications\nPréciser le budget de la mesure 3\.\nSuite donnée/u);
    }
    await expect.poll(() => departments.sante.page.locator('.session-stage .document-header .badge').textContent(), { timeout: 10_000 }).toBe('Renvoyé');
    await screenshot(chair.page, 'session-live-chair-fr');
    await screenshot(departments.sante.page, 'session-live-fr');
  });

  it('moves to the next item and every department follows; one steps away and rejoins', async () => {
    // Education stops following: it stays on the first plan while the session moves on.
    await departments.education.page.getByTestId('follow-toggle').click();
    expect(await departments.education.page.getByTestId('follow-toggle').getAttribute('aria-pressed')).toBe('false');
    await chair.page.getByTestId('agenda-item').nth(0).getByRole('button', { name: 'Passer à ce point' }).click();
    for (const page of [chair.page, departments.sante.page, departments.emploi.page]) {
      await expect.poll(() => currentItem(page).textContent(), { timeout: 10_000 }).toContain(PLANS.emploi);
      await expect.poll(() => stageTitle(page).textContent(), { timeout: 15_000 }).toBe(PLANS.emploi);
    }
    const away = departments.education.page;
    await expect.poll(() => currentItem(away).textContent(), { timeout: 10_000 }).toContain(PLANS.emploi);
    expect(await stageTitle(away).textContent()).toBe(PLANS.sante);
    await expect.poll(() => away.getByRole('status').filter({ hasText: 'La séance est passée au point 2' }).count()).toBe(1);
    await screenshot(away, 'session-stepped-away-fr');
    await away.getByRole('button', { name: 'Rejoindre le point en cours' }).click();
    await expect.poll(() => stageTitle(away).textContent(), { timeout: 15_000 }).toBe(PLANS.emploi);
    expect(await away.getByTestId('follow-toggle').getAttribute('aria-pressed')).toBe('true');

    const form = chair.page.getByTestId('decision-form');
    await form.getByLabel('Renvoyé').check();
    await form.getByLabel(/Motif du renvoi/).fill('Chiffrer les mesures 2 et 4.');
    await form.getByRole('button', { name: 'Enregistrer la décision' }).click();
    await chair.page.getByTestId('decision-confirm').getByRole('button', { name: 'Confirmer la décision' }).click();
    await expect.poll(() => shownDecision(departments.emploi.page), { timeout: 10_000 }).toMatch(/^Renvoyé\nChiffrer les mesures 2 et 4\.\nSuite donnée/u);

    await chair.page.getByTestId('agenda-item').nth(1).getByRole('button', { name: 'Passer à ce point' }).click();
    await expect.poll(() => stageTitle(away).textContent(), { timeout: 15_000 }).toBe(PLANS.education);
    await chair.page.getByTestId('decision-form').getByLabel('Reporté').check();
    await chair.page.getByTestId('decision-form').getByRole('button', { name: 'Enregistrer la décision' }).click();
    await chair.page.getByTestId('decision-confirm').getByRole('button', { name: 'Confirmer la décision' }).click();
    await expect.poll(() => currentItem(away).getByTestId('decision').textContent(), { timeout: 10_000 }).toContain('Reporté');
  });

  it('is shown right to left in Arabic, and in large type for the projector', async () => {
    const page = departments.sante.page;
    await page.getByTestId('language').selectOption('ar');
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await expect.poll(() => page.getByTestId('session-state').textContent()).toBe('جارية');
    await screenshot(page, 'session-live-ar');
    await page.getByRole('button', { name: 'حروف كبيرة' }).click();
    expect(await page.evaluate(() => document.documentElement.classList.contains('large-type'))).toBe(true);
    await screenshot(page, 'session-live-ar-large');
    await page.getByRole('button', { name: 'حروف كبيرة' }).click();
    await page.getByTestId('language').selectOption('fr');
  });

  it('closes: everyone gets the link to the minutes, which hold the decisions and the comment', async () => {
    await chair.page.getByRole('button', { name: 'Clore la séance' }).click();
    // The minutes' language: the interface's by default, any of the three on offer.
    const language = chair.page.getByTestId('minutes-language');
    expect(await language.inputValue()).toBe('fr');
    expect(await language.locator('option').evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value))).toEqual(['fr', 'ar', 'en']);
    await chair.page.getByTestId('close-session-confirm').getByRole('button', { name: 'Clore la séance' }).click();
    for (const page of everyone()) {
      await expect.poll(() => page.getByTestId('session-state').textContent(), { timeout: 15_000 }).toBe('Close');
      await expect.poll(() => page.getByTestId('minutes-link').count(), { timeout: 10_000 }).toBe(1);
    }
    await screenshot(departments.education.page, 'session-closed-fr');
    const page = departments.education.page;
    await page.getByTestId('minutes-link').click();
    await page.waitForURL(/\/documents\/[0-9a-f-]{36}$/);
    await expect.poll(() => editor(page).textContent(), { timeout: 15_000 }).toContain('Décision : Adopté avec modifications — Préciser le budget de la mesure 3.');
    const minutes = (await editor(page).textContent()) ?? '';
    expect(minutes).toContain(COMMENT);
    expect(minutes).toContain('Youssef Alami');
    expect(minutes).toContain('Décision : Renvoyé pour reprise — Chiffrer les mesures 2 et 4.');
    expect(minutes).toContain('Décision : Reporté');
    for (const name of ['Amina Idrissi', 'Karim Tazi']) expect(minutes).toContain(name);
    await screenshot(page, 'session-minutes-fr');
  });

  it('raised no CSP violation or script error', () => {
    for (const watched of [chair, ...Object.values(departments)]) expect(watched.problems).toEqual([]);
  });
});
