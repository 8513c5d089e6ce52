import type { Logger } from 'pino';
import type * as Y from 'yjs';
import type { CollabMetrics } from './metrics.ts';
import { pendingStructCount } from './update-effect.ts';

/** A document stuck this long on missing dependencies fetches what it lacks (then less and less often). */
export const DEFAULT_PENDING_REPAIR_MS = 3_000;
const MAX_BACKOFF_STEPS = 4;

/**
 * Yjs keeps an update whose dependencies are missing as pending, without saying so, and every
 * later edit that builds on it waits too: the document looks fine but stops changing for some of
 * its readers. Dependencies go missing when a message between processes is lost (Redis away for a
 * while), or when an update was committed by a process that died before relaying it. What is
 * missing is then in storage (a relayed update is stored by its sender, or by the processes it
 * reached once the sender fails to confirm it: cluster/takeover.ts) or with another process:
 * a document still stuck after `repairAfterMs` asks both, again after twice as long while it stays
 * stuck (up to 16 times), and the metrics count it meanwhile.
 */
export class PendingWatch {
  private structs = 0;
  private stuck = false;
  private attempts = 0;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly doc: Y.Doc,
    private readonly documentId: string,
    private readonly metrics: CollabMetrics,
    private readonly logger: Logger,
    private readonly repairAfterMs: number,
    private readonly repair: () => Promise<void>,
  ) {}

  /** After every change to the document. */
  check(): void {
    if (this.closed) return;
    const structs = pendingStructCount(this.doc);
    const stuck = structs > 0 || this.doc.store.pendingDs !== null;
    if (structs !== this.structs) this.metrics.pendingStructs.inc(structs - this.structs);
    this.structs = structs;
    if (stuck && !this.stuck) {
      this.metrics.pendingDocuments.inc();
      this.logger.warn({ documentId: this.documentId, structs }, 'document holds updates with missing dependencies');
      this.arm();
    } else if (!stuck && this.stuck) {
      this.metrics.pendingDocuments.dec();
      if (this.attempts > 0) this.logger.info({ documentId: this.documentId, attempts: this.attempts }, 'missing dependencies found');
      this.disarm();
      this.attempts = 0;
    }
    this.stuck = stuck;
  }

  private arm(): void {
    this.timer = setTimeout(() => void this.attempt(), this.repairAfterMs * 2 ** Math.min(this.attempts, MAX_BACKOFF_STEPS));
    this.timer.unref();
  }

  private disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async attempt(): Promise<void> {
    this.timer = null;
    if (!this.stuck || this.closed) return;
    this.attempts++;
    this.metrics.repairs.inc();
    try {
      await this.repair();
    } catch (error) {
      this.logger.error({ err: error, documentId: this.documentId }, 'could not fetch missing dependencies');
    }
    if (this.stuck && !this.closed && !this.timer) this.arm();
  }

  close(): void {
    this.closed = true;
    this.disarm();
    if (this.structs) this.metrics.pendingStructs.dec(this.structs);
    if (this.stuck) this.metrics.pendingDocuments.dec();
    this.structs = 0;
    this.stuck = false;
  }
}
