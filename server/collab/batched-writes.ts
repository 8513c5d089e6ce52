/**
 * Rows that may wait a moment and are then written together, every document of the process in
 * one statement: a record kept beside the edits (who deleted what) whose readers first wait for
 * it (`flush`), not the edits themselves, which the update log's own group commit stores.
 *
 * Written per change, such a record cost a statement per edit — a whole round trip, a pool
 * connection and a commit for a row of five numbers — and was the largest share of the server's
 * work per edit on PostgreSQL (issue 20: every keystroke of a stock editor deletes something).
 * A failed write is reported and not retried, as before.
 */
export class BatchedWrites<Row> {
  private rows: Row[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly writing = new Set<Promise<void>>();

  constructor(
    /** writes one batch (at most `maxRows` rows) */
    private readonly write: (rows: Row[]) => Promise<void>,
    private readonly onError: (error: unknown, rows: number) => void,
    private readonly intervalMs: number,
    private readonly maxRows = 2_000,
  ) {}

  add(rows: readonly Row[]): void {
    for (const row of rows) this.rows.push(row);
    if (this.rows.length >= this.maxRows) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.intervalMs);
  }

  /** Writes what waits now; resolves once everything added before the call is written (or has failed). */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.rows.length > 0) {
      const batch = this.rows.splice(0, this.maxRows);
      const written = this.write(batch)
        .catch((error: unknown) => this.onError(error, batch.length))
        .finally(() => this.writing.delete(written));
      this.writing.add(written);
    }
    await Promise.all(this.writing);
  }
}
