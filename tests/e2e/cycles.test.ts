import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendMeasures, readMeasures } from '../../shared/measure-model.ts';
import { apiToken, connectPeer, eventually, type TestPeer } from '../helpers/collab.ts';
import type { ApiClient } from '../helpers/http.ts';
import { launchBrowser, openPage, screenshot, type WatchedPage } from './helpers/browser.ts';
import { adminApi, memberOf, signIn } from './helpers/session.ts';
import { ADMIN, startE2eServer, type E2eServer } from './helpers/tansiq.ts';

/**
 * A follow-up cycle in the browser (issue 19): the health department's focal point reports on its
 * three measures while the coordination unit watches completeness move on its dashboard, live;
 * a colleague of the same department sees the drafts as they are typed.
 */

const PASSWORD = 'department-password-1';
const MEASURES = [
  { id: 'm-a', title: 'Guichets santé dans les consulats', status: 'in_progress', progress: '40', narrative: 'Douze guichets ouverts.' },
  { id: 'm-b', title: 'Couverture médicale des saisonniers', status: 'blocked', progress: '15', narrative: 'Convention en attente.' },
  { id: 'm-c', title: 'Télé-expertise avec les hôpitaux', status: 'done', progress: '100', narrative: 'Plateforme en service.' },
] as const;

let server: E2eServer;
let browser: Browser;
let api: ApiClient;
let unit: WatchedPage;
let focal: WatchedPage;
let colleague: WatchedPage;
let watcher: TestPeer;
let cycleId: string;
let planId: string;

const card = (page: Page, title: string) => page.locator('article.report-card', { hasText: title });
const totals = (page: Page) => page.getByTestId('completeness-total');

beforeAll(async () => {
  server = await startE2eServer();
  browser = await launchBrowser();
  api = await adminApi(server.api.url, ADMIN.email, ADMIN.password);
  const sante = await memberOf(api, 'sante', 'Amina Idrissi', PASSWORD);
  const second = await api.post('/api/users', { email: 'sante2@tansiq.test', name: 'Hicham Berrada', organisationId: sante.organisation.id, password: PASSWORD });
  expect(second.status).toBe(201);
  const plan = await api.post('/api/documents', { kind: 'action_plan', title: 'Plan d’action Santé 2026–2028', leadOrganisationId: sante.organisation.id });
  planId = plan.body.document.id;
  const db = server.api.database.db;
  const admin = await db.selectFrom('users').select('id').where('email', '=', ADMIN.email).executeTakeFirstOrThrow();
  watcher = connectPeer(server.url, planId, await apiToken(db, admin.id));
  await watcher.synced();
  appendMeasures(
    watcher.doc,
    MEASURES.map((measure) => ({ id: measure.id, title: measure.title, leadOrganisationId: sante.organisation.id, status: 'planned', progress: 0 })),
  );
  await eventually(async () => expect((await db.selectFrom('measures').select('id').where('document_id', '=', planId).execute()).length).toBe(3));
  const opened = await api.post('/api/cycles', { period: 'T4 2026', opensOn: '2026-10-01', dueOn: '2099-12-31', reminderDays: [-3] });
  expect(opened.status).toBe(201);
  cycleId = opened.body.cycle.id;
  const viewport = { width: 1440, height: 900 };
  unit = await openPage(await browser.newContext({ viewport }));
  await signIn(unit.page, server.url, ADMIN.email, ADMIN.password);
  focal = await openPage(await browser.newContext({ viewport }));
  await signIn(focal.page, server.url, sante.email, PASSWORD);
  colleague = await openPage(await browser.newContext({ viewport: { width: 390, height: 844 } }));
  await signIn(colleague.page, server.url, 'sante2@tansiq.test', PASSWORD);
});

afterAll(async () => {
  watcher?.destroy();
  await browser?.close();
  await server?.close();
});

describe('a follow-up cycle in the web client', () => {
  it('shows the coordination unit an empty cycle, and the focal points their three measures', async () => {
    await unit.page.goto(`${server.url}/cycles/${cycleId}`);
    await expect.poll(() => totals(unit.page).textContent()).toContain('0 rapports remis sur 3');
    await expect.poll(() => unit.page.locator('tr[data-organisation="sante"]').getAttribute('data-standing')).toBe('not_started');
    for (const page of [focal.page, colleague.page]) {
      await page.goto(`${server.url}/cycles`);
      await page.getByRole('link', { name: 'T4 2026' }).click();
      await page.waitForURL(/\/cycles\/.+\/report$/);
      await expect.poll(() => page.locator('article.report-card').count()).toBe(3);
    }
  });

  it('shows a colleague the draft as it is typed, and says who changed it', async () => {
    const first = MEASURES[0];
    await card(focal.page, first.title).getByLabel('Commentaire').fill(first.narrative);
    await expect.poll(() => card(focal.page, first.title).locator('[data-save]').getAttribute('data-save')).toBe('saved');
    await expect.poll(() => card(colleague.page, first.title).getByLabel('Commentaire').inputValue()).toBe(first.narrative);
    await expect.poll(() => card(colleague.page, first.title).locator('.report-colleague').textContent()).toContain('Amina Idrissi');
    // The unit sees the organisation move to "in progress" without reloading.
    await expect.poll(() => unit.page.locator('tr[data-organisation="sante"]').getAttribute('data-standing')).toBe('draft');
  });

  it('lets the focal point report on three measures while the unit sees completeness change live', async () => {
    for (const [index, measure] of MEASURES.entries()) {
      const report = card(focal.page, measure.title);
      await report.getByLabel('Statut').selectOption(measure.status);
      await report.getByLabel('Avancement (%)').fill(measure.progress);
      await report.getByLabel('Commentaire').fill(measure.narrative);
      await report.getByRole('button', { name: 'Soumettre' }).click();
      await expect.poll(() => report.getAttribute('data-state')).toBe('submitted');
      await expect.poll(() => totals(unit.page).textContent()).toContain(`${index + 1} rapports remis sur 3`);
    }
    await expect.poll(() => unit.page.locator('tr[data-organisation="sante"]').getAttribute('data-standing')).toBe('submitted');
    await screenshot(unit.page, 'cycle-dashboard-complete-fr');
    await screenshot(focal.page, 'cycle-report-submitted-fr');
  });

  it('wrote each submitted report into the plan, as the co-editors see it', async () => {
    await eventually(() => {
      const measures = readMeasures(watcher.doc);
      for (const measure of MEASURES) expect(measures.find((entry) => entry.id === measure.id)).toMatchObject({ status: measure.status, progress: Number(measure.progress) });
    });
    const reports = (await api.get(`/api/cycles/${cycleId}/reports`)).body.reports;
    for (const report of reports) {
      const inPlan = readMeasures(watcher.doc).find((entry) => entry.id === report.measureId)!;
      expect({ status: inPlan.status, progress: inPlan.progress }).toEqual({ status: report.values.status, progress: report.values.progress });
    }
  });

  it('lets the unit return a report with a comment, which the focal point sees', async () => {
    const measure = MEASURES[1];
    const row = unit.page.locator('article.report-row', { hasText: measure.title });
    await row.getByRole('button', { name: 'Renvoyer' }).click();
    await unit.page.getByLabel('Commentaire pour le point focal (obligatoire)').fill('Précisez la date de signature.');
    await unit.page.getByTestId('confirm-dialog').getByRole('button', { name: 'Renvoyer' }).click();
    await expect.poll(() => card(focal.page, measure.title).getAttribute('data-state')).toBe('returned');
    await expect.poll(() => card(focal.page, measure.title).textContent()).toContain('Précisez la date de signature.');
    await expect.poll(() => totals(unit.page).textContent()).toContain('2 rapports remis sur 3');
    expect([...unit.problems, ...focal.problems, ...colleague.problems]).toEqual([]);
  });
});
