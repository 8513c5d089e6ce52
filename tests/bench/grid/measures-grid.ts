/**
 * Render and scroll time of the measures grid with a 2,000-measure plan, in headless Chromium.
 * A benchmark, not a test: it prints figures. `npx tsx tests/bench/grid/measures-grid.ts [count]`
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
  await server.api.hub.applyServerChange(documentId, (doc) =>
    appendMeasures(doc, Array.from({ length: count }, (_, i) => ({
      id: `m${i}`,
      title: `Mesure ${i + 1} : renforcer l’accueil des Marocains résidant à l’étranger dans les consulats`,
      indicator: `Indicateur ${i + 1}`,
      status: MEASURE_STATUSES[i % MEASURE_STATUSES.length]!,
      progress: (i * 7) % 101,
      start: '2026-01-01',
      due: `2026-${String((i % 12) + 1).padStart(2, '0')}-28`,
      budget: 100_000 + i * 1_000,
    }))), admin.id);
  await server.api.hub.store.flush();

  const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await signIn(page, server.url, ADMIN.email, ADMIN.password);
  const renders: number[] = [];
  for (let run = 0; run < 3; run++) {
    const started = Date.now();
    await page.goto(`${server.url}/documents/${documentId}?view=measures`);
    await page.locator(`#measure-m0`).waitFor({ timeout: 60_000 });
    renders.push(Date.now() - started);
  }
  const rendered = await page.locator('.measures-table tbody tr:not(.spacer)').count();
  // Scrolls the grid frame by frame from top to bottom and back; frame times from rAF.
  const frames = await page.evaluate(async () => {
    const scroller = document.querySelector('.grid-scroll') as HTMLElement;
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
  // Where one step's time goes: the grid's own work (script) and the browser's layout after it.
  const split = await page.evaluate(() => {
    const scroller = document.querySelector('.grid-scroll') as HTMLElement;
    let script = 0;
    let layout = 0;
    for (let i = 0; i < 40; i++) {
      const t0 = performance.now();
      scroller.scrollTop = (i + 1) * 800;
      scroller.dispatchEvent(new Event('scroll'));
      const t1 = performance.now();
      void scroller.getBoundingClientRect().height, document.body.offsetHeight;
      const t2 = performance.now();
      script += t1 - t0;
      layout += t2 - t1;
    }
    return { script: script / 40, layout: layout / 40 };
  });
  console.log(`one step of ~10 new rows, ms: script ${split.script.toFixed(1)}, layout ${split.layout.toFixed(1)}`);
  const pct = (p: number) => frames[Math.min(frames.length - 1, Math.floor((p / 100) * frames.length))]!.toFixed(1);
  // Edit-to-remote latency of a cell: a key typed in one browser until the other's field shows it.
  const other = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await signIn(other, server.url, ADMIN.email, ADMIN.password);
  await other.goto(`${server.url}/documents/${documentId}?view=measures`);
  await other.locator('#measure-m0').waitFor({ timeout: 60_000 }).catch(async (error) => {
    await other.screenshot({ path: 'test-artifacts/bench-other.png' });
    throw error;
  });
  await page.evaluate(() => document.querySelector('.grid-scroll')!.scrollTo(0, 0));
  await page.locator('#measure-title-m0').click();
  await page.keyboard.press('Control+End');
  const latencies: number[] = [];
  for (let i = 0; i < 20; i++) {
    const marker = String.fromCharCode(0x41 + i);
    const seen = other.waitForFunction((wanted) => (document.getElementById('measure-title-m0') as HTMLTextAreaElement).value.endsWith(wanted), marker, { polling: 'raf' });
    const started = Date.now();
    await page.keyboard.type(marker);
    await seen.catch(async (error) => {
      console.log(await page.locator('#measure-title-m0').inputValue(), '|', await other.locator('#measure-title-m0').inputValue(), '|', await page.evaluate(() => document.activeElement?.id));
      throw error;
    });
    latencies.push(Date.now() - started);
  }
  latencies.sort((a, b) => a - b);
  console.log(`edit-to-remote latency of a cell over ${latencies.length} keys, ms: median ${latencies[10]}, max ${latencies.at(-1)}`);
  console.log(`measures: ${count}; rows in the DOM: ${rendered}`);
  console.log(`open to first row (navigation, sync, render), ms: ${renders.join(', ')}`);
  console.log(`scroll frame time over ${frames.length} frames, ms: median ${pct(50)}, p95 ${pct(95)}, max ${pct(100)}`);
} finally {
  await browser.close();
  await server.close();
}
