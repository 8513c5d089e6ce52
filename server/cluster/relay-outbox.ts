/**
 * While updates keep coming, relays to the other processes leave at most this often: each send is
 * a write to Redis (ioredis sends what one tick publishes in one write), and one write per
 * accepted update cost a busy process a tenth of its time in the cluster benchmark (issue 20).
 * An update after a quiet spell leaves at the end of the turn, as before.
 */
export const RELAY_SEND_INTERVAL_MS = 2;
/**
 * A commit confirmation rides with the next relay, in the same write; when no relay follows, it
 * leaves alone after this. The others hold what is unconfirmed for seconds (takeover.ts): a few
 * milliseconds more cost nothing, a write per group commit did.
 */
export const CONFIRM_DELAY_MS = 20;

export interface RelaySink {
  /** the updates of one document, the last of which the store queued as `sequence` */
  relay(documentId: string, sequence: number, updates: Uint8Array[]): void;
  /** everything queued up to `sequence` is committed */
  confirm(sequence: number): void;
}

/** Updates waiting to be relayed to the other processes, and the commit confirmations owed them. */
export class RelayOutbox {
  private outgoing = new Map<string, { updates: Uint8Array[]; sequence: number }>();
  private sendScheduled = false;
  private confirmTimer: NodeJS.Timeout | null = null;
  private lastSentAt = -Infinity;
  /** the highest sequence number relayed, the highest confirmed, the highest committed */
  private relayedThrough = 0;
  private confirmedThrough = 0;
  private committedThrough = 0;

  constructor(private readonly sink: RelaySink) {}

  /** An update accepted here, queued in the store as `sequence`; the updates of one document leave together, in order. */
  add(documentId: string, update: Uint8Array, sequence: number): void {
    const waiting = this.outgoing.get(documentId);
    if (waiting) {
      waiting.updates.push(update);
      waiting.sequence = sequence;
    } else {
      this.outgoing.set(documentId, { updates: [update], sequence });
    }
    if (this.sendScheduled) return;
    this.sendScheduled = true;
    const wait = this.lastSentAt + RELAY_SEND_INTERVAL_MS - performance.now();
    if (wait <= 0) setImmediate(() => this.send());
    else setTimeout(() => this.send(), wait);
  }

  /** The store committed everything it queued up to `sequence`. */
  committed(sequence: number): void {
    this.committedThrough = sequence;
    // A relay about to leave takes the confirmation along.
    if (this.sendScheduled || this.confirmTimer || !this.owesConfirmation) return;
    this.confirmTimer = setTimeout(() => this.confirm(), CONFIRM_DELAY_MS);
  }

  /** Sends what waits now (before this process stops: its last confirmation); a send already scheduled then finds nothing. */
  flush(): void {
    this.send();
  }

  private send(): void {
    this.sendScheduled = false;
    this.lastSentAt = performance.now();
    const outgoing = this.outgoing;
    this.outgoing = new Map();
    for (const [documentId, { updates, sequence }] of outgoing) {
      this.sink.relay(documentId, sequence, updates);
      this.relayedThrough = Math.max(this.relayedThrough, sequence);
    }
    this.confirm();
  }

  private get owesConfirmation(): boolean {
    return this.committedThrough > this.confirmedThrough && this.relayedThrough > this.confirmedThrough;
  }

  private confirm(): void {
    if (this.confirmTimer) clearTimeout(this.confirmTimer);
    this.confirmTimer = null;
    if (!this.owesConfirmation) return;
    this.confirmedThrough = this.committedThrough;
    this.sink.confirm(this.committedThrough);
  }
}
