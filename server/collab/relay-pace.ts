import { performance, type EventLoopUtilization } from 'node:perf_hooks';

/**
 * How long a busy document's updates wait to leave together (see Room.relay): a write to a socket
 * and a Yjs transaction cost about the same for one update as for ten, so the busier the process,
 * the more updates each of them should carry. While the event loop has time to spare, updates
 * leave within BASE_WINDOW_MS as they always did; as it fills, the window widens towards
 * MAX_WINDOW_MS, which still keeps a delivery well within the 100 ms the latency goal allows. Like
 * Nagle's algorithm or interrupt coalescing: latency is spent only when it buys throughput.
 */
export const BASE_WINDOW_MS = 10;
export const MAX_WINDOW_MS = 50;
/** event loop utilisation below which the window stays at its base */
const CALM = 0.5;
/** utilisation at which it reaches its maximum */
const BUSY = 0.9;
const SAMPLE_MS = 250;

/** The relay window for an event loop busy `utilization` (0–1) of the time. Pure. */
export function relayWindowFor(utilization: number): number {
  if (!(utilization > CALM)) return BASE_WINDOW_MS;
  if (utilization >= BUSY) return MAX_WINDOW_MS;
  return BASE_WINDOW_MS + ((utilization - CALM) / (BUSY - CALM)) * (MAX_WINDOW_MS - BASE_WINDOW_MS);
}

/** The process's relay window, from the event loop's utilisation sampled every SAMPLE_MS (smoothed). */
export class RelayPace {
  windowMs = BASE_WINDOW_MS;
  private smoothed = 0;
  private last: EventLoopUtilization = performance.eventLoopUtilization();
  private readonly timer: NodeJS.Timeout;

  constructor(onWindow?: (windowMs: number) => void) {
    this.timer = setInterval(() => {
      const now = performance.eventLoopUtilization();
      const recent = performance.eventLoopUtilization(now, this.last).utilization;
      this.last = now;
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
