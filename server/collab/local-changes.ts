import type * as Y from 'yjs';

/**
 * Changes the server's copy of a document makes by itself. After every remote change to text
 * with formatting, Yjs cleans up redundant formatting marks in a transaction of its own, with no
 * origin. Like the reference y-websocket server, we relay and store them like any change: else
 * the live document holds deletions that neither the log nor the clients have, and a replay of
 * the log (load, compaction) can come out formatted differently from what everyone saw.
 */
export class LocalChanges {
  private readonly queue: Uint8Array[] = [];
  private holds = 0;

  constructor(
    doc: Y.Doc,
    private readonly publish: (update: Uint8Array) => void,
  ) {
    // Yjs encodes a transaction's update for 'update' listeners only while there is one (checked
    // right after 'afterTransactionCleanup'): listening for the few transactions made by Yjs itself
    // spares encoding every client's update a second time (~5 % of a relay's CPU, issue 20).
    const collect = (update: Uint8Array, origin: unknown) => {
      doc.off('update', collect);
      if (origin === null || origin === undefined) {
        this.queue.push(update);
        this.flush();
      }
    };
    doc.on('afterTransactionCleanup', (transaction: Y.Transaction) => {
      doc.off('update', collect);
      if (transaction.origin === null || transaction.origin === undefined) doc.on('update', collect);
    });
  }

  /** Runs `apply`; what Yjs does after it waits for `flush`, so it is stored after the change that caused it. */
  hold<T>(apply: () => T): T {
    this.holds++;
    try {
      return apply();
    } finally {
      this.holds--;
    }
  }

  /** whether changes wait for `flush` */
  get waiting(): boolean {
    return this.queue.length > 0;
  }

  flush(): void {
    if (this.holds > 0) return;
    for (const update of this.queue.splice(0)) this.publish(update);
  }
}
