/**
 * Waits for `work` at most `ms` (never negative); true when it finished in time, whether it
 * succeeded or failed. Shutdown uses it so that nothing stuck (a database gone) holds it past its
 * budget.
 */
export async function within(ms: number, work: Promise<unknown> | undefined): Promise<boolean> {
  if (!work) return true;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), Math.max(0, ms))));
  try {
    return await Promise.race([
      work.then(
        () => true,
        () => true,
      ),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
