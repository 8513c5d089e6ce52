import type { Logger } from 'pino';
import type * as Y from 'yjs';
import type { DocumentStore } from './document-store.ts';
import type { CollabMetrics } from './metrics.ts';
import { ConcurrencyLimit } from './concurrency-limit.ts';

/** compactions run at once by one process; the others wait their turn */
export const MAX_CONCURRENT_COMPACTIONS = 2;

/** A document open in this process, as the compactor sees it. */
export interface CompactedRoom {
  documentId: string;
  /** log entries this process wrote since the last compaction */
  tailEntries: number;
  /** the live document while it is open and loaded, else null */
  liveDocument(): Y.Doc | null;
}

/**
 * When to merge a document's update log into its snapshot: once its tail is long, and when the
 * document goes quiet with a shorter one. One compaction per document at a time in this process;
 * the store's advisory lock keeps other processes out.
 */
export class Compactor {
  private readonly running = new Map<string, Promise<void>>();
  /**
   * Documents opened together reach the threshold together: twenty compactions at once held
   * their pool connections and the event loop for up to a second, and the cross-process relay
   * (which waits for each update's commit) stalled behind them.
   */
  private readonly limit = new ConcurrencyLimit(MAX_CONCURRENT_COMPACTIONS);

  constructor(
    private readonly store: DocumentStore,
    private readonly logger: Logger,
    private readonly metrics: CollabMetrics,
    private readonly afterEntries: number,
  ) {}

  /** After an append: once the tail this process wrote is long enough. */
  afterAppend(room: CompactedRoom): void {
    if (room.tailEntries < this.afterEntries || this.running.has(room.documentId)) return;
    room.tailEntries = 0;
    void this.compact(room.documentId, () => room.liveDocument());
  }

  /** When a document is unloaded: a shorter tail is worth merging before it rests. */
  async beforeUnload(room: CompactedRoom): Promise<void> {
    if (room.tailEntries >= this.afterEntries / 4) await this.compact(room.documentId, () => room.liveDocument());
  }

  /** `live`: the document open in this process, if it is (see DocumentStore.compact). */
  compact(documentId: string, live?: () => Y.Doc | null): Promise<void> {
    const running = this.running.get(documentId);
    if (running) return running;
    const compaction = (async () => {
      try {
        const result = await this.limit.run(() => this.store.compact(documentId, live));
        this.metrics.compactions.inc({ from: result.fromLive ? 'live' : 'log' });
        this.logger.debug({ documentId, ...result }, 'compacted update log');
      } catch (error) {
        this.logger.error({ err: error, documentId }, 'compaction failed; the log is kept as it is');
      } finally {
        this.running.delete(documentId);
      }
    })();
    this.running.set(documentId, compaction);
    return compaction;
  }

  /** Resolves when every compaction started so far is done. */
  async settled(): Promise<void> {
    await Promise.all([...this.running.values()]);
  }
}
