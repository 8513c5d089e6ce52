import type { Page } from 'playwright-core';

type Clocked = Window & { __keyTimes: number[]; __lengths: Map<number, number> };

/**
 * Edit-to-remote latency of one cell: a key pressed in `typing` (its keydown time) until the
 * other page's cell shows the character (seen by a requestAnimationFrame loop there, so at most
 * a frame late). Both clocks are the machine's (Date.now in two pages of one browser).
 */
export async function measureLatency(typing: Page, watching: Page, url: string, keys: number): Promise<number[]> {
  await watching.goto(url);
  await watching.locator('#measure-m0').waitFor({ timeout: 60_000 });
  await typing.evaluate(() => document.querySelector('.grid-scroll')!.scrollTo(0, 0));
  await typing.locator('#measure-title-m0').click();
  await typing.keyboard.press('Control+End');
  await typing.evaluate(() => {
    const times: number[] = [];
    (window as unknown as Clocked).__keyTimes = times;
    document.addEventListener('keydown', () => times.push(Date.now()), { capture: true });
  });
  // The time each length of the watched field was first shown.
  // (a string: tsx would name an inner function with a helper the page does not have)
  await watching.evaluate(`(() => {
    const lengths = new Map();
    window.__lengths = lengths;
    const look = () => {
      const cell = document.getElementById('measure-title-m0');
      const length = cell ? ('value' in cell && cell.tagName === 'TEXTAREA' ? cell.value.length : cell.textContent.length) : -1;
      if (!lengths.has(length)) lengths.set(length, Date.now());
      requestAnimationFrame(look);
    };
    look();
  })()`);
  const latencies: number[] = [];
  for (let i = 0; i < keys; i++) {
    const before = await watching.evaluate(() => {
      // A field bound to the cell while entered, its text otherwise (the grid mounts editors on entry).
      const cell = document.getElementById('measure-title-m0');
      return cell instanceof HTMLTextAreaElement ? cell.value.length : cell!.textContent!.length;
    });
    await typing.keyboard.type(String.fromCharCode(0x61 + (i % 26)));
    const seenAt = await watching.waitForFunction((length) => (window as unknown as Clocked).__lengths.get(length + 1), before, { timeout: 10_000 });
    const pressedAt = await typing.evaluate(() => (window as unknown as Clocked).__keyTimes.at(-1)!);
    latencies.push(((await seenAt.jsonValue()) as number) - pressedAt);
    await typing.waitForTimeout(40);
  }
  return latencies;
}
