/**
 * Runs a task per key after `waitMs` of quiet, but at least every `maxWaitMs` while changes keep
 * coming. One run per key at a time; a change during a run schedules one more.
 */
export class KeyedDebouncer {
  private readonly entries = new Map<string, { timer: NodeJS.Timeout; firstAt: number; running: boolean; again: boolean }>();

  constructor(
    private readonly waitMs: number,
    private readonly maxWaitMs: number,
    private readonly task: (key: string) => Promise<void>,
  ) {}

  schedule(key: string): void {
    const now = Date.now();
    const entry = this.entries.get(key);
    if (entry?.running) {
      entry.again = true;
      return;
    }
    if (entry) clearTimeout(entry.timer);
    const firstAt = entry?.firstAt ?? now;
    const delay = Math.max(0, Math.min(this.waitMs, firstAt + this.maxWaitMs - now));
    this.entries.set(key, { timer: setTimeout(() => void this.run(key), delay), firstAt, running: false, again: false });
  }

  /** Runs a scheduled task now (e.g. before unloading); resolves when it is done. */
  async runNow(key: string): Promise<void> {
    const entry = this.entries.get(key);
    if (!entry) return;
    if (entry.running) {
      entry.again = true;
      while (this.entries.get(key)?.running) await new Promise((resolve) => setTimeout(resolve, 5));
      return this.runNow(key);
    }
    clearTimeout(entry.timer);
    await this.run(key);
  }

  async runAll(): Promise<void> {
    await Promise.all([...this.entries.keys()].map((key) => this.runNow(key)));
  }

  private async run(key: string): Promise<void> {
    const entry = this.entries.get(key);
    if (!entry || entry.running) return;
    entry.running = true;
    try {
      await this.task(key);
    } finally {
      const again = entry.again;
      this.entries.delete(key);
      if (again) this.schedule(key);
    }
  }
}
