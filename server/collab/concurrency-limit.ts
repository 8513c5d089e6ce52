/**
 * Runs at most `max` tasks at a time; the others wait their turn, first come first served.
 * Background work that every open document asks for at about the same moment (compactions,
 * projections: documents opened together reach their thresholds together) would otherwise take
 * every pool connection and stall the event loop at once, and the commits the cross-process
 * relay waits for would queue behind all of it.
 */
export class ConcurrencyLimit {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly max: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.max) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    try {
      return await task();
    } finally {
      // The slot passes straight to the next waiting task (running stays counted for it).
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }

  /** tasks waiting for a slot */
  get queued(): number {
    return this.waiting.length;
  }
}
