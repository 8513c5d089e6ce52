import { performance } from 'node:perf_hooks';

/**
 * How long a busy document's updates wait to leave together (see Room.relay): a write to a socket
 * and a Yjs transaction cost about the same for one update as for ten, so the busier the process,
 * the more updates each of them should carry. While the process has CPU to spare, an update
 * leaves at the end of the turn of the event loop that took it in (with whatever else that turn
 * took in for its document): no window. When the process nears a whole core, the window widens
 * step by step until its CPU is back under BUSY, and narrows again once it is under CALM: it
 * settles at the narrowest window the load needs, never past MAX_WINDOW_MS, so a delivery stays
 * within the 100 ms the latency goal allows. Like Nagle's algorithm or interrupt coalescing:
 * latency is spent only when it buys throughput.
 *
 * Measured (issue 20): a fixed 10 ms window cost every delivery ~1.5 ms at the median on an idle
 * server (0.6 ms without); a window read straight off the load (wider from 0.6 of a core)
 * widened it where the process still had room, the median at 26 ms at 0.78 of a core; and a
 * wide band (narrowing only under 0.7) left it at its widest once the batching had brought the
 * load back into the band: at 130 documents p50 52 ms, p99 126 ms, against 30 and 75 ms with
 * this band.
 *
 * Read from the CPU the process used, not from the event loop's utilisation: that is measured in
 * wall time, and on a machine busy with other work it reads high while the process waits for a
 * core it does not get, when batching buys nothing.
 */
export const MAX_WINDOW_MS = 40;
/** share of one core (all of the process's threads) above which the window widens */
const BUSY = 0.85;
/** share below which it narrows */
const CALM = 0.78;
/** how much it moves per sample */
const STEP_MS = 4;
const SAMPLE_MS = 250;

/** The next relay window, from the current one and the share of a core the process used since. Pure. */
export function nextRelayWindow(windowMs: number, load: number): number {
  if (load > BUSY) return Math.min(MAX_WINDOW_MS, windowMs + STEP_MS);
  if (!(load >= CALM)) return Math.max(0, windowMs - STEP_MS);
  return windowMs;
}

/** The process's relay window, moved every SAMPLE_MS by the CPU it used meanwhile. */
export class RelayPace {
  windowMs = 0;
  private lastCpu = process.cpuUsage();
  private lastAt = performance.now();
  private readonly timer: NodeJS.Timeout;

  constructor(onWindow?: (windowMs: number) => void) {
    this.timer = setInterval(() => {
      const cpu = process.cpuUsage(this.lastCpu);
      const now = performance.now();
      const load = (cpu.user + cpu.system) / 1000 / Math.max(1, now - this.lastAt);
      this.lastCpu = process.cpuUsage();
      this.lastAt = now;
      this.windowMs = nextRelayWindow(this.windowMs, load);
      onWindow?.(this.windowMs);
    }, SAMPLE_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
