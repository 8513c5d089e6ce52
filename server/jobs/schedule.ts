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

/**
 * A check that counts what it did (announced, sent), repeated as `repeatJob` does: a count above
 * zero is logged as `done`, a failure as `failed`, and the next tick tries again.
 */
export function repeatCountingCheck(
  check: () => Promise<number>,
  logger: { info(details: object, message: string): void; error(details: object, message: string): void },
  messages: { done: string; failed: string },
  intervalMs: number,
): () => void {
  const run = async () => {
    try {
      const count = await check();
      if (count > 0) logger.info({ count }, messages.done);
    } catch (error) {
      logger.error({ err: error }, messages.failed);
    }
  };
  return repeatJob(run, { firstAfterMs: 2_000, intervalMs });
}
