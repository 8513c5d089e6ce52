/**
 * Runs a background job a first time after `firstAfterMs`, then every `intervalMs`, never two runs
 * at once (a slow run is not overtaken by the next tick). Timers never keep the process alive.
 * The job reports its own errors. Returns the stop function.
 */
export function repeatJob(run: () => Promise<unknown>, { firstAfterMs, intervalMs }: { firstAfterMs: number; intervalMs: number }): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await run();
    } finally {
      running = false;
    }
  };
  const first = setTimeout(tick, firstAfterMs);
  const timer = setInterval(tick, intervalMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
