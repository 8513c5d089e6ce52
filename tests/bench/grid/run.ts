/**
 * The measures grid with a long plan, in headless Chromium. A benchmark, not a test: it prints
 * figures (and writes them under bench-results/).
 *
 *   npm run bench:grid -- [--count=2000] [--keys=50] [--only=render,scroll,latency] [--profile]
 *
 * render   navigation to the first row shown, three times
 * scroll   frame times (requestAnimationFrame) while the grid scrolls as a mouse wheel does
 *          (120 px a frame) and as a dragged scrollbar does (the whole plan in 4 s)
 * latency  a key typed into a cell in one browser context until another context's field shows it
 * --profile  a CPU profile of the scrolls: the functions with the most self time
 */
import { mkdir, writeFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { signIn } from '../../e2e/helpers/session.ts';
import { ADMIN } from '../../e2e/helpers/tansiq.ts';
import { measureLatency } from './latency.ts';
import { benchPlan, ms, summary } from './plan.ts';
import { profileScroll, scrollFrames } from './scroll.ts';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const count = Number(arg('count') ?? 2000);
const keys = Number(arg('keys') ?? 50);
const only = new Set((arg('only') ?? 'render,scroll,latency').split(','));
const profile = process.argv.includes('--profile');

const plan = await benchPlan(count);
const results: Record<string, unknown> = { count, at: new Date().toISOString() };
try {
  const open = async (): Promise<Page> => {
    const page = await (await plan.browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await signIn(page, plan.server.url, ADMIN.email, ADMIN.password);
    return page;
  };
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
  await mkdir('bench-results', { recursive: true });
  await writeFile(`bench-results/grid-${Date.now()}.json`, JSON.stringify(results, null, 2));
} finally {
  await plan.close();
}
