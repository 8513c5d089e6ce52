/**
 * The Gantt view of a long plan in headless Chromium: open-to-first-bar time, scroll frame times,
 * the time a drop takes, and the drop-to-remote latency (a bar dropped in one browser until the
 * other shows its new dates). A benchmark, not a test: it prints figures.
 * `npx tsx tests/bench/gantt/gantt.ts [count]`
 */
import { appendMeasures, MEASURE_STATUSES } from '../../../shared/doc-schema.ts';
import { launchBrowser } from '../../e2e/helpers/browser.ts';
import { adminApi, signIn } from '../../e2e/helpers/session.ts';
import { ADMIN, startE2eServer } from '../../e2e/helpers/tansiq.ts';

const count = Number(process.argv[2] ?? 2000);
const server = await startE2eServer();
const browser = await launchBrowser();
try {
  const api = await adminApi(server.api.url, ADMIN.email, ADMIN.password);
  const created = await api.post('/api/documents', { kind: 'action_plan', title: `Plan de ${count} mesures` });
  const documentId: string = created.body.document.id;
  const admin = await server.api.database.db.selectFrom('users').select('id').where('email', '=', ADMIN.email).executeTakeFirstOrThrow();
  await server.api.hub.applyServerChange(
    documentId,
    (doc) =>
      appendMeasures(
        doc,
        Array.from({ length: count }, (_, i) => ({
          id: `m${i}`,
          title: `Mesure ${i + 1} : renforcer l’accueil des Marocains résidant à l’étranger dans les consulats`,
          status: MEASURE_STATUSES[i % MEASURE_STATUSES.length]!,
          progress: (i * 7) % 101,
          start: i % 10 === 9 ? null : `2026-${String((i % 6) + 1).padStart(2, '0')}-01`,
          due: `2026-${String((i % 6) + 6).padStart(2, '0')}-28`,
        })),
      ),
    admin.id,
  );
  await server.api.hub.store.flush();

  const open = async () => {
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await signIn(page, server.url, ADMIN.email, ADMIN.password);
    return page;
  };
  const page = await open();
  const renders: number[] = [];
  for (let run = 0; run < 3; run++) {
    const started = Date.now();
    await page.goto(`${server.url}/documents/${documentId}?view=timeline`);
    await page.locator('.gantt-bar[data-measure=m0]').waitFor({ timeout: 120_000 });
    renders.push(Date.now() - started);
  }
  const bars = await page.locator('.gantt-bar, .gantt-milestone').count();
  const frames = await page.evaluate(async () => {
    const scroller = document.querySelector('.gantt-scroll') as HTMLElement;
    const times: number[] = [];
    let last = performance.now();
    const step = Math.ceil(scroller.scrollHeight / 240);
    for (let i = 0; i < 480; i++) {
      scroller.scrollTop = i < 240 ? i * step : (480 - i) * step;
      await new Promise(requestAnimationFrame);
      const now = performance.now();
      times.push(now - last);
      last = now;
    }
    return times.sort((a, b) => a - b);
  });
  const pct = (p: number) => frames[Math.min(frames.length - 1, Math.floor((p / 100) * frames.length))]!.toFixed(1);

  const other = await open();
  await other.goto(`${server.url}/documents/${documentId}?view=timeline`);
  await other.locator('.gantt-bar[data-measure=m0]').waitFor({ timeout: 120_000 });
  await page.evaluate(() => document.querySelector('.gantt-scroll')!.scrollTo(0, 0));
  const bar = page.locator('.gantt-bar[data-measure=m0]');
  const remote: number[] = [];
  // From the pointerup (captured before the bar's handler) to the frame after it: the drop's
  // write, the re-render and the paint.
  await page.evaluate(() => {
    const log: number[] = ((window as unknown as { drops: number[] }).drops = []);
    window.addEventListener(
      'pointerup',
      () => {
        const t0 = performance.now();
        requestAnimationFrame(() => setTimeout(() => log.push(performance.now() - t0)));
      },
      { capture: true },
    );
  });
  console.log(`measures: ${count}; bars and milestones in the DOM: ${bars}`);
  console.log(`open to first bar (navigation, sync, render), ms: ${renders.join(', ')}`);
  console.log(`scroll frame time over ${frames.length} frames, ms: median ${pct(50)}, p95 ${pct(95)}, max ${pct(100)}`);
  await bar.scrollIntoViewIfNeeded();
  for (let i = 0; i < 10; i++) {
    const box = (await bar.boundingBox())!;
    const y = box.y + box.height / 2;
    const x = box.x + box.width / 2;
    const dx = i % 2 === 0 ? 20 : -20;
    const before = await bar.getAttribute('data-start');
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x + dx, y, { steps: 3 });
    const seen = other.waitForFunction((wanted) => document.querySelector('.gantt-bar[data-measure=m0]')?.getAttribute('data-start') !== wanted, before, { polling: 'raf' });
    const started = Date.now();
    await page.mouse.up();
    await seen.catch(async (error) => {
      await page.screenshot({ path: 'test-artifacts/bench-gantt-page.png' });
      console.log('page', before, await bar.getAttribute('data-start'), 'other', await other.locator('.gantt-bar[data-measure=m0]').getAttribute('data-start'), box);
      throw error;
    });
    remote.push(Date.now() - started);
  }
  const drops = await page.evaluate(() => (window as unknown as { drops: number[] }).drops);
  const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
  console.log(`pointerup to the next painted frame (${drops.length} drops), ms: median ${median(drops)!.toFixed(1)}, max ${Math.max(...drops).toFixed(1)}`);
  console.log(`drop-to-remote latency, ms: median ${median(remote)}, max ${Math.max(...remote)}`);
} finally {
  await browser.close();
  await server.close();
}
