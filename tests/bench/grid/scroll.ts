import type { Page } from 'playwright-core';

/**
 * Scrolls the grid (or, for cards on a phone, the page) once frame by frame and returns each
 * frame's time (requestAnimationFrame to requestAnimationFrame): either a fixed step a frame (a
 * mouse wheel) or the whole plan down and back up in `wholePlanInFrames` (a dragged scrollbar).
 */
export async function scrollFrames(
  page: Page,
  how: { pixelsPerFrame?: number; wholePlanInFrames?: number; frames: number /** the page scrolls (cards on a phone), not the grid's frame */; document?: boolean },
): Promise<number[]> {
  return page.evaluate(async ({ pixelsPerFrame, wholePlanInFrames, frames, document: whole }) => {
    const scroller = (whole ? document.scrollingElement : document.querySelector('.grid-scroll')) as HTMLElement;
    scroller.scrollTop = 0;
    await new Promise(requestAnimationFrame);
    const half = frames / 2;
    const step = pixelsPerFrame ?? Math.ceil(scroller.scrollHeight / (wholePlanInFrames ?? half));
    const times: number[] = [];
    let last = performance.now();
    for (let i = 0; i < frames; i++) {
      scroller.scrollTop = i < half ? i * step : (frames - i) * step;
      await new Promise(requestAnimationFrame);
      const now = performance.now();
      times.push(now - last);
      last = now;
    }
    return times;
  }, how);
}

/** The functions with the most self time (CPU profile, Chrome DevTools protocol) during both scrolls. */
export async function profileScroll(page: Page, top = 25): Promise<{ name: string; selfMs: number }[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await scrollFrames(page, { pixelsPerFrame: 120, frames: 300 });
  await scrollFrames(page, { wholePlanInFrames: 120, frames: 240 });
  const { profile } = await cdp.send('Profiler.stop');
  const self = new Map<number, number>();
  const deltas = profile.timeDeltas ?? [];
  for (const [i, id] of (profile.samples ?? []).entries()) self.set(id, (self.get(id) ?? 0) + (deltas[i] ?? 0) / 1000);
  const byName = new Map<string, number>();
  for (const node of profile.nodes) {
    const frame = node.callFrame;
    const where = frame.url ? `${frame.url.split('/').pop()}:${frame.lineNumber + 1}` : '';
    const name = `${frame.functionName || '(anonymous)'} ${where}`.trim();
    byName.set(name, (byName.get(name) ?? 0) + (self.get(node.id) ?? 0));
  }
  return [...byName]
    .map(([name, selfMs]) => ({ name, selfMs }))
    .sort((a, b) => b.selfMs - a.selfMs)
    .slice(0, top);
}

/**
 * CPU time the page's renderer spent per frame while `scroll` ran: its main thread and its whole
 * process (raster and compositor threads too). Unlike frame times, these barely move with the
 * machine's load (a busy machine stretches wall time, not the work), so two builds measured on a
 * shared machine can be compared.
 */
export async function cpuPerFrame(page: Page, scroll: () => Promise<number[]>): Promise<{ frames: number[]; mainMs: number; processMs: number }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const read = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((metric) => [metric.name, metric.value]));
  const before = await read();
  const frames = await scroll();
  const after = await read();
  await cdp.detach();
  const perFrame = (name: string) => ((after[name]! - before[name]!) * 1000) / frames.length;
  return { frames, mainMs: perFrame('ThreadTime'), processMs: perFrame('ProcessTime') };
}
