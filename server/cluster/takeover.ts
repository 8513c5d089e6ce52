import type { Logger } from 'pino';
import { TentativeLedger, type TentativeEntry } from './tentative-ledger.ts';

/** COLLAB_TAKEOVER_AFTER_MS: far above a slow commit (tens of ms), well below a person giving up on an edit */
export const DEFAULT_TAKEOVER_AFTER_MS = 5_000;
/** at shutdown, how long relayed updates may still wait for their sender's confirmation before they are stored here */
const CONFIRMATIONS_AT_CLOSE_MS = 1_000;

export type StoreUpdates = (documentId: string, updates: Uint8Array[]) => void;

/**
 * A process relays the updates it accepts to the other processes at once, before it commits them:
 * waiting for the commit cost every cross-process delivery a group commit or two, the larger part
 * of its latency. The receivers' clients then hold an update that, if its sender died before
 * committing it, would be in memory only: their resync finds nothing new on the receiver, and
 * nobody would store it. So each receiver holds what it received as tentative, until the sender
 * says it committed that far (one confirmation per flush, on one channel for all documents); what
 * is not confirmed within `takeoverAfterMs` the receiver stores itself. If the sender was only
 * slow, the log then holds the same update twice, which Yjs applies once: a duplicate, never a loss.
 */
export class Takeover {
  private readonly ledger: TentativeLedger;
  private timer: NodeJS.Timeout | null = null;
  private store: StoreUpdates | null = null;
  /** told whenever the ledger shrinks (close waits on it) */
  private onConfirmed: (() => void) | null = null;
  /** updates stored here for a sender that did not confirm them, since start */
  taken = 0;

  constructor(
    readonly takeoverAfterMs: number,
    private readonly logger: Logger,
  ) {
    this.ledger = new TentativeLedger(takeoverAfterMs);
  }

  /** Where unconfirmed updates go: this process's own store. Until it is set, nothing is held. */
  storeWith(store: StoreUpdates): void {
    this.store = store;
  }

  /** Updates `sender` relayed before committing them, applied here (its queue up to `sequence`). */
  held(sender: string, documentId: string, sequence: number, updates: Uint8Array[]): void {
    if (!this.store) return;
    this.ledger.add(sender, documentId, sequence, updates, performance.now());
    this.schedule();
  }

  /** `sender` committed everything it queued up to `sequence`. */
  confirmed(sender: string, sequence: number): void {
    this.ledger.confirm(sender, sequence);
    this.onConfirmed?.();
  }

  /** How many relayed updates (batches) wait for their sender's confirmation. */
  get waiting(): number {
    return this.ledger.size;
  }

  /**
   * This process is stopping: relayed updates still unconfirmed get a moment for their sender's
   * confirmation (it usually comes within milliseconds), then the rest are stored here, before the
   * store's last flush. Call before that flush.
   */
  async close(): Promise<void> {
    if (this.ledger.size > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, CONFIRMATIONS_AT_CLOSE_MS);
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.onConfirmed = () => {
          if (this.ledger.size === 0) done();
        };
      });
      this.onConfirmed = null;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.storeHere(this.ledger.takeAll(), 'stopping');
    this.store = null;
  }

  private schedule(): void {
    if (this.timer) return;
    const next = this.ledger.nextDue();
    if (next === null) return;
    this.timer = setTimeout(() => this.sweep(), Math.max(0, next - performance.now()));
    this.timer.unref();
  }

  private sweep(): void {
    this.timer = null;
    this.storeHere(this.ledger.takeDue(performance.now()), 'not confirmed in time');
    this.schedule();
  }

  private storeHere(entries: TentativeEntry[], why: string): void {
    if (entries.length === 0 || !this.store) return;
    for (const entry of entries) this.store(entry.documentId, entry.updates);
    const updates = entries.reduce((sum, entry) => sum + entry.updates.length, 0);
    this.taken += updates;
    const senders = [...new Set(entries.map((entry) => entry.sender))];
    this.logger.warn(
      { updates, documents: new Set(entries.map((entry) => entry.documentId)).size, senders, why },
      'storing updates another process relayed and did not confirm committing',
    );
  }
}
