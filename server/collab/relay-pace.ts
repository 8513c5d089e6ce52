import { performance } from 'node:perf_hooks';

/**
 * How long a busy document's updates wait to leave together (see Room.relay): a write to a socket
 * and a Yjs transaction cost about the same for one update as for ten, so the busier the process,
 * the more updates each of them should carry. While the process uses little of its core, an
 * update leaves at the end of the turn of the event loop that took it in (with whatever else that
 * turn took in for its document); as it nears a whole core, the window widens towards
 * MAX_WINDOW_MS, which still keeps a delivery well within the 100 ms the latency goal allows. A
 * fixed 10 ms window had cost every delivery ~1.5 ms at the median on an idle server (0.6 ms
 * without), where batching buys nothing. Like Nagle's algorithm or interrupt coalescing: latency
 * is spent only when it buys throughput. Read from the CPU the process used, not from the event loop's utilisation: that is
 * measured in wall time, and on a machine busy with other work it reads high while the process
 * waits for a core it does not get, when batching buys nothing.
 */
export const BASE_WINDOW_MS = 0;
export const MAX_WINDOW_MS = 50;
/** share of one core below which the window stays at its base */
const CALM = 0.6;
/** share at which it reaches its maximum */
const BUSY = 0.95;
const SAMPLE_MS = 250;

/** The relay window for a process using `load` of one core (0–1, more with helper threads). Pure. */
export function relayWindowFor(load: number): number {
  if (!(load > CALM)) return BASE_WINDOW_MS;
  if (load >= BUSY) return MAX_WINDOW_MS;
  return BASE_WINDOW_MS + ((load - CALM) / (BUSY - CALM)) * (MAX_WINDOW_MS - BASE_WINDOW_MS);
}

/** The process's relay window, from the CPU it used over the last SAMPLE_MS (smoothed). */
export class RelayPace {
  windowMs = BASE_WINDOW_MS;
  private smoothed = 0;
  private lastCpu = process.cpuUsage();
  private lastAt = performance.now();
  private readonly timer: NodeJS.Timeout;

  constructor(onWindow?: (windowMs: number) => void) {
    this.timer = setInterval(() => {
      const cpu = process.cpuUsage(this.lastCpu);
      const now = performance.now();
      const recent = (cpu.user + cpu.system) / 1000 / Math.max(1, now - this.lastAt);
      this.lastCpu = process.cpuUsage();
      this.lastAt = now;
      // Half the last sample, half the past: one long turn (a load, a compaction) moves it only halfway.
      this.smoothed = (this.smoothed + recent) / 2;
      this.windowMs = relayWindowFor(this.smoothed);
      onWindow?.(this.windowMs);
    }, SAMPLE_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
