/**
 * Answers shared by everyone who asks the same question while nothing that could change the answer
 * has happened in this process: a question asked while the same one is in flight joins it, and a
 * settled answer is reused until `ttlMs` after it was asked. "Nothing happened" is the live registry's epoch
 * (LiveRegistry.epoch), bumped by every event after which a right or credential may have ended:
 * at the first call that sees a new epoch every answer is forgotten, so an answer is only ever
 * handed to a caller whose own epoch is the one it was asked in, and that caller's usual check
 * (a connection admitted on an epoch that has since moved is decided again) covers it as it
 * covers a fresh query.
 *
 * Made for a thundering herd of reconnections after a restart (issue 20): 10,000 sync connections
 * of 125 people on 1,000 documents ask 125 credential and 1,000 access questions, not 10,000 of
 * each. The TTL bounds what an event still on its way from another process could leave standing
 * to the one second the rights-over-time contract allows.
 */
export interface EpochMemoOptions<V> {
  /** how long a settled answer may be reused */
  ttlMs: number;
  /** past this many remembered answers, all are forgotten (a bound, not an eviction policy) */
  maxEntries: number;
  /** whether a settled answer may be reused now (e.g. not a refusal, not past its expiry); default: always */
  reusable?: (answer: V) => boolean;
  /** told of every question: shared an answer, or asked */
  counted?: (shared: boolean) => void;
}

interface Entry<V> {
  askedAt: number;
  answer: Promise<V>;
  settled: boolean;
  value?: V;
}

export class EpochMemo<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private epochSeen: number;
  /** questions actually asked, and those that shared an answer */
  asked = 0;
  shared = 0;

  constructor(
    private readonly epoch: () => number,
    private readonly options: EpochMemoOptions<V>,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.epochSeen = epoch();
  }

  /** The answer to `key`: shared when asked in this epoch and still in flight or asked less than `ttlMs` ago, else `ask()`ed now. */
  get(key: string, ask: () => Promise<V>): Promise<V> {
    const epoch = this.epoch();
    if (epoch !== this.epochSeen) {
      this.entries.clear();
      this.epochSeen = epoch;
    }
    const now = this.now();
    const known = this.entries.get(key);
    if (known && (!known.settled || (now - known.askedAt < this.options.ttlMs && (this.options.reusable?.(known.value as V) ?? true)))) {
      this.shared++;
      this.options.counted?.(true);
      return known.answer;
    }
    if (this.entries.size >= this.options.maxEntries) this.entries.clear();
    this.asked++;
    this.options.counted?.(false);
    const answer = ask();
    const entry: Entry<V> = { askedAt: now, answer, settled: false };
    this.entries.set(key, entry);
    answer.then(
      (value) => {
        entry.settled = true;
        entry.value = value;
      },
      // A failure is told to those who shared it, never reused.
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    return answer;
  }
}
