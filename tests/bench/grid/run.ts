/**
 * The measures grid with a long plan, in headless Chromium. A benchmark, not a test: it prints
 * figures (and writes them under bench-results/).
 *
 *   npm run bench:grid -- [--count=2000] [--keys=50] [--only=render,scroll,latency] [--profile]
 *
 * render   navigation to the first row shown, three times; then the same on a phone (390 px, cards)
 * scroll   frame times (requestAnimationFrame) while the grid scrolls as a mouse wheel does
 *          (120 px a frame) and as a dragged scrollbar does (the whole plan in 4 s)
 * latency  a key typed into a cell in one browser context until another context's field shows it
 * --profile  a CPU profile of the scrolls: the functions with the most self time
 * --baseline=<dir> [--rounds=3]  also measure render and scroll (wide, and cards at 390 px) with another build of the client (made with
 *          `npx vite build --outDir <dir>` at an earlier commit), alternating the two builds on
 *          the same plan in the same run, and print both side by side
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import { signIn } from '../../e2e/helpers/session.ts';
import { ADMIN } from '../../e2e/helpers/tansiq.ts';
import { measureLatency } from './latency.ts';
import { benchPlan, ms, summary } from './plan.ts';
import { cpuPerFrame, profileScroll, scrollFrames } from './scroll.ts';
import { useClientBuild } from './variants.ts';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const count = Number(arg('count') ?? 2000);
const keys = Number(arg('keys') ?? 50);
const only = new Set((arg('only') ?? 'render,scroll,latency').split(','));
const profile = process.argv.includes('--profile');
const baseline = arg('baseline');
const rounds = Number(arg('rounds') ?? 3);

const plan = await benchPlan(count);
const results: Record<string, unknown> = { count, at: new Date().toISOString() };
// The machine is shared: the load says how far the figures can be compared with another run's.
const load = () =>
  loadavg()
    .map((value) => value.toFixed(1))
    .join(' ');
results.loadBefore = load();
console.log(`load average (1, 5, 15 min) before: ${results.loadBefore}`);
try {
  const open = async (build?: string, width = 1440): Promise<Page> => {
    const context = await plan.browser.newContext({ viewport: width > 600 ? { width, height: 900 } : { width, height: 844 } });
    if (build) await useClientBuild(context, build);
    const page = await context.newPage();
    await signIn(page, plan.server.url, ADMIN.email, ADMIN.password);
    return page;
  };
  if (baseline) {
    await compareBuilds(open, baseline);
  }
  const page = await open();
  if (only.has('render')) {
    const renders: number[] = [];
    for (let run = 0; run < 3; run++) {
      const started = Date.now();
      await page.goto(plan.url);
      await page.locator('#measure-m0').waitFor({ timeout: 60_000 });
      renders.push(Date.now() - started);
    }
    results.render = renders;
    console.log(`open to first row (navigation, sync, render), ms: ${renders.join(', ')}`);
    // A phone (390 px): a card per measure.
    const phone = await open(undefined, 390);
    const phoneRenders: number[] = [];
    for (let run = 0; run < 3; run++) {
      const started = Date.now();
      await phone.goto(plan.url);
      await phone.locator('#measure-m0').waitFor({ timeout: 60_000 });
      phoneRenders.push(Date.now() - started);
    }
    const cards = await phone.locator('.measures-table tbody tr:not(.spacer)').count();
    results.phone = { render: phoneRenders, cards };
    console.log(`phone (390 px): open to first card, ms: ${phoneRenders.join(', ')}; cards in the DOM: ${cards}`);
    await phone.context().close();
  } else {
    await page.goto(plan.url);
    await page.locator('#measure-m0').waitFor({ timeout: 60_000 });
  }
  console.log(`measures: ${count}; rows in the DOM: ${await page.locator('.measures-table tbody tr:not(.spacer)').count()}`);
  if (only.has('scroll')) {
    const wheel = summary(await scrollFrames(page, { pixelsPerFrame: 120, frames: 600 }));
    const fast = summary(await scrollFrames(page, { wholePlanInFrames: 240, frames: 480 }));
    results.scroll = { wheel, fast };
    console.log(`scroll frame time, wheel (120 px a frame, 600 frames), ms: median ${ms(wheel.median)}, p95 ${ms(wheel.p95)}, max ${ms(wheel.max)}`);
    console.log(`scroll frame time, fast (whole plan in 240 frames, there and back), ms: median ${ms(fast.median)}, p95 ${ms(fast.p95)}, max ${ms(fast.max)}`);
    if (profile) {
      const top = await profileScroll(page);
      console.log('self time while scrolling (ms, top functions):');
      for (const line of top) console.log(`  ${ms(line.selfMs).padStart(8)}  ${line.name}`);
    }
  }
  if (only.has('latency')) {
    const other = await open();
    const latency = summary(await measureLatency(page, other, plan.url, keys));
    results.latency = latency;
    console.log(`edit-to-remote latency of a cell over ${keys} keys, ms: median ${ms(latency.median)}, p95 ${ms(latency.p95)}, max ${ms(latency.max)}`);
  }
  results.loadAfter = load();
  console.log(`load average after: ${results.loadAfter}`);
  await mkdir('bench-results', { recursive: true });
  await writeFile(`bench-results/grid-${Date.now()}.json`, JSON.stringify(results, null, 2));
} finally {
  await plan.close();
}

/** Render, scroll and CPU per frame of the baseline build and this one, alternated `rounds` times. */
async function compareBuilds(open: (build?: string, width?: number) => Promise<Page>, dir: string): Promise<void> {
  const variants = [
    { name: 'baseline', build: dir },
    { name: 'current', build: undefined },
  ] as const;
  const pages = new Map<string, Page>();
  for (const variant of variants) pages.set(variant.name, await open(variant.build));
  const phones = new Map<string, Page>();
  for (const variant of variants) phones.set(variant.name, await open(variant.build, 390));
  type Figures = {
    render: number[];
    wheel: number[];
    fast: number[];
    rows: number;
    wheelCpu: number[];
    fastCpu: number[];
    wheelProcess: number[];
    fastProcess: number[];
    phoneRender: number[];
    phoneRows: number;
    phoneWheel: number[];
    phoneWheelCpu: number[];
  };
  const figures = new Map<string, Figures>(
    variants.map((v) => [
      v.name,
      { render: [], wheel: [], fast: [], rows: 0, wheelCpu: [], fastCpu: [], wheelProcess: [], fastProcess: [], phoneRender: [], phoneRows: 0, phoneWheel: [], phoneWheelCpu: [] },
    ]),
  );
  for (let round = 0; round < rounds; round++) {
    for (const variant of variants) {
      const page = pages.get(variant.name)!;
      const figure = figures.get(variant.name)!;
      const started = Date.now();
      await page.goto(plan.url);
      await page.locator('#measure-m0').waitFor({ timeout: 60_000 });
      figure.render.push(Date.now() - started);
      figure.rows = await page.locator('.measures-table tbody tr:not(.spacer)').count();
      const wheel = await cpuPerFrame(page, () => scrollFrames(page, { pixelsPerFrame: 120, frames: 300 }));
      const fast = await cpuPerFrame(page, () => scrollFrames(page, { wholePlanInFrames: 120, frames: 240 }));
      figure.wheel.push(...wheel.frames);
      figure.fast.push(...fast.frames);
      figure.wheelCpu.push(wheel.mainMs);
      figure.fastCpu.push(fast.mainMs);
      figure.wheelProcess.push(wheel.processMs);
      figure.fastProcess.push(fast.processMs);
      // The same plan on a phone: cards, scrolled with the page.
      const phone = phones.get(variant.name)!;
      const phoneStarted = Date.now();
      await phone.goto(plan.url);
      await phone.locator('#measure-m0').waitFor({ timeout: 60_000 });
      figure.phoneRender.push(Date.now() - phoneStarted);
      figure.phoneRows = await phone.locator('.measures-table tbody tr:not(.spacer)').count();
      const phoneWheel = await cpuPerFrame(phone, () => scrollFrames(phone, { pixelsPerFrame: 120, frames: 300, document: true }));
      figure.phoneWheel.push(...phoneWheel.frames);
      figure.phoneWheelCpu.push(phoneWheel.mainMs);
    }
  }
  const rows: string[][] = [['', ...variants.map((v) => v.name)]];
  const line = (name: string, pick: (f: Figures) => string) => rows.push([name, ...variants.map((v) => pick(figures.get(v.name)!))]);
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  line('rows in the DOM', (f) => String(f.rows));
  line('open to first row, ms', (f) => f.render.join(', '));
  for (const kind of ['wheel', 'fast'] as const) {
    line(`${kind} frame median, ms`, (f) => ms(summary(f[kind]).median));
    line(`${kind} frame p95, ms`, (f) => ms(summary(f[kind]).p95));
    line(`${kind} frame max, ms`, (f) => ms(summary(f[kind]).max));
    line(`${kind} main-thread CPU/frame, ms`, (f) => ms(mean(f[`${kind}Cpu`])));
    line(`${kind} renderer CPU/frame, ms`, (f) => ms(mean(f[`${kind}Process`])));
  }
  line('phone (390 px): cards in the DOM', (f) => String(f.phoneRows));
  line('phone: open to first card, ms', (f) => f.phoneRender.join(', '));
  line('phone wheel frame median, ms', (f) => ms(summary(f.phoneWheel).median));
  line('phone wheel frame p95, ms', (f) => ms(summary(f.phoneWheel).p95));
  line('phone wheel main-thread CPU/frame, ms', (f) => ms(mean(f.phoneWheelCpu)));
  console.log(
    `baseline build: ${dir}; ${rounds} round(s) alternating the builds on one plan (wheel: 120 px a frame, 300 frames; fast: the whole plan in 120 frames, there and back)`,
  );
  for (const row of rows)
    console.log(
      `  ${row[0]!.padEnd(32)}${row
        .slice(1)
        .map((cell) => cell.padStart(20))
        .join('')}`,
    );
  results.compare = Object.fromEntries(
    [...figures].map(([name, f]) => [
      name,
      {
        rows: f.rows,
        render: f.render,
        wheel: summary(f.wheel),
        fast: summary(f.fast),
        cpuPerFrameMs: { wheelMain: mean(f.wheelCpu), fastMain: mean(f.fastCpu), wheelRenderer: mean(f.wheelProcess), fastRenderer: mean(f.fastProcess) },
        phone: { cards: f.phoneRows, render: f.phoneRender, wheel: summary(f.phoneWheel), wheelMainCpuPerFrameMs: mean(f.phoneWheelCpu) },
      },
    ]),
  );
  for (const page of [...pages.values(), ...phones.values()]) await page.context().close();
}
