/**
 * Updates other processes relayed here before committing them, held until their sender says they
 * are committed (see takeover.ts for why and what happens to the rest). Pure: the caller gives the
 * time and does the storing.
 *
 * A sender's updates arrive in the order of their sequence numbers (one Redis connection publishes
 * them, and Redis delivers one connection's messages in order), and its commits advance in that
 * order too, so each sender's entries form a queue: confirmations take from its front, and so does
 * expiry (entries that came first are due first).
 */
export interface TentativeEntry {
  sender: string;
  documentId: string;
  /** the sender's sequence number of the last of `updates` (DocumentStore.queuedThrough) */
  sequence: number;
  updates: Uint8Array[];
  /** when it is to be stored here unless confirmed before */
  dueAt: number;
}

interface Sender {
  /** the highest sequence number the sender said it committed */
  committedThrough: number;
  entries: TentativeEntry[];
}

export class TentativeLedger {
  private readonly senders = new Map<string, Sender>();
  private held = 0;

  constructor(private readonly holdMs: number) {}

  /** Updates `sender` relayed before committing them; nothing is held for what it already said it committed. */
  add(sender: string, documentId: string, sequence: number, updates: Uint8Array[], now: number): void {
    const known = this.senderOf(sender);
    if (sequence <= known.committedThrough) return;
    known.entries.push({ sender, documentId, sequence, updates, dueAt: now + this.holdMs });
    this.held++;
  }

  /** `sender` committed everything it queued up to `sequence`: none of it needs storing here. */
  confirm(sender: string, sequence: number): void {
    const known = this.senderOf(sender);
    if (sequence <= known.committedThrough) return;
    known.committedThrough = sequence;
    const firstUnconfirmed = known.entries.findIndex((entry) => entry.sequence > sequence);
    const confirmed = firstUnconfirmed === -1 ? known.entries.length : firstUnconfirmed;
    known.entries.splice(0, confirmed);
    this.held -= confirmed;
  }

  /** Takes out the entries due by `now`: their senders did not confirm them in time. */
  takeDue(now: number): TentativeEntry[] {
    const due: TentativeEntry[] = [];
    for (const known of this.senders.values()) {
      let count = 0;
      while (count < known.entries.length && known.entries[count]!.dueAt <= now) count++;
      due.push(...known.entries.splice(0, count));
    }
    this.held -= due.length;
    return due;
  }

  /** Takes out every entry still held (this process is stopping). */
  takeAll(): TentativeEntry[] {
    return this.takeDue(Infinity);
  }

  /** When the next entry falls due; null when none is held. */
  nextDue(): number | null {
    let next: number | null = null;
    for (const known of this.senders.values()) {
      const first = known.entries[0];
      if (first && (next === null || first.dueAt < next)) next = first.dueAt;
    }
    return next;
  }

  /** How many entries are held. */
  get size(): number {
    return this.held;
  }

  private senderOf(sender: string): Sender {
    let known = this.senders.get(sender);
    if (!known) {
      known = { committedThrough: 0, entries: [] };
      this.senders.set(sender, known);
    }
    return known;
  }
}
