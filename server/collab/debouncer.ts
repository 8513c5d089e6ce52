/**
 * Runs a task per key after `waitMs` of quiet, but at least every `maxWaitMs` while changes keep
 * coming. One run per key at a time; a change during a run schedules one more.
 *
 * A change only notes its time: the key's one timer, when it fires, re-arms itself if the key
 * was not quiet long enough. Hot documents change thousands of times a second in all; a timer
 * cleared and re-created per change would be most of the cost of scheduling.
 */
export class KeyedDebouncer {
  private readonly entries = new Map<string, Entry>();

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
    if (entry) {
      entry.lastAt = now;
      return;
    }
    const created: Entry = { timer: null, firstAt: now, lastAt: now, running: false, again: false };
    created.timer = setTimeout(() => this.fire(key), this.dueAt(created) - now);
    this.entries.set(key, created);
  }

  private dueAt(entry: Entry): number {
    return Math.min(entry.lastAt + this.waitMs, entry.firstAt + this.maxWaitMs);
  }

  private fire(key: string): void {
    const entry = this.entries.get(key);
    if (!entry || entry.running) return;
    const wait = this.dueAt(entry) - Date.now();
    if (wait > 0) {
      entry.timer = setTimeout(() => this.fire(key), wait);
      return;
    }
    entry.timer = null;
    void this.run(key);
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
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = null;
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

interface Entry {
  timer: NodeJS.Timeout | null;
  /** first change since the last run */
  firstAt: number;
  /** latest change */
  lastAt: number;
  running: boolean;
  /** changed while running: run once more after */
  again: boolean;
}
