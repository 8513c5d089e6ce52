import { Worker } from 'node:worker_threads';
import type { PGlite, PGliteQueryOptions, PGliteQueryResults, PGliteTransaction } from 'kysely';

/*
 * The embedded database lives in a worker thread (pglite-worker.js); this is its face on the
 * main thread, shaped like the PGlite instance Kysely's PGliteDialect drives. Requests and
 * answers are messages:
 *   → { id, op: 'query', sql, params, tx? }   ← { id, ok, result: { rows, affectedRows } }
 *   → { id, op: 'begin' }                     ← { id, ok, result: transactionId }
 *   → { id, op: 'end', tx, commit }           ← { id, ok }
 *   → { id, op: 'close' }                     ← { id, ok }
 * An error answer carries the PostgreSQL error's fields (code, constraint…), rebuilt here.
 */

type Answer = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: DescribedError };
type DescribedError = { message: string; name?: string; stack?: string } & Record<string, unknown>;

const WORKER_URL = new URL('./pglite-worker.js', import.meta.url);

/** A PostgreSQL error raised in the worker, with the same fields as PGlite's own. */
export class EmbeddedDatabaseError extends Error {
  code?: string;
  constructor(described: DescribedError) {
    super(described.message);
    const { message: _message, name, stack, ...fields } = described;
    Object.assign(this, fields);
    this.name = name ?? 'Error';
    // Where it failed in the worker, under where it was asked from here.
    if (stack) this.stack = `${this.stack}\n    --- in the database worker ---\n${stack.split('\n').slice(1).join('\n')}`;
  }
}

/** How long a request may wait for the worker before the database counts as stalled (DATABASE_QUERY_TIMEOUT_MS). */
export const DEFAULT_EMBEDDED_TIMEOUT_MS = 30_000;
const RESTART_DELAYS_MS = [500, 1_000, 2_000, 5_000, 10_000];

type Waiting = { resolve: (value: unknown) => void; reject: (error: Error) => void; sentAt: number };

/**
 * Fails loudly, never hangs. After a PANIC (a write the disk refused: full, failing) PGlite
 * answers nothing more, and everything waiting on it would wait forever: queries, /readyz, new
 * connections, shutdown. So a request that gets no answer within `timeoutMs`, or a PANIC, ends
 * the worker: every waiting request fails with the reason, later ones fail at once while a new
 * worker reopens the folder (PostgreSQL's crash recovery, as after a power cut), retried until it
 * opens. Transactions of the old worker are gone with it: their next request fails.
 */
export class RemotePGlite implements PGlite {
  closed = false;
  ready = false;
  readonly waitReady: Promise<void>;
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Waiting>();
  private nextId = 1;
  private closing = false;
  /** why the database is not answering right now; null while it works */
  private down: Error | null = null;
  private restarts = 0;
  /** when the worker last answered a request (performance.now()) */
  private lastAnswerAt = -Infinity;
  private readonly watchdog: NodeJS.Timeout;
  /**
   * Settles once the last lost worker has ended. A worker stuck in a system call (a write on a
   * frozen or failing disk, a long fsync) cannot be stopped until the call returns, and its
   * PostgreSQL may still write to the folder then: a new one must not open the folder before.
   */
  private lostWorkerEnded: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly location: string | undefined,
    private readonly timeoutMs: number,
    private readonly initialDump: string | undefined,
    private readonly workerUrl: URL,
  ) {
    this.waitReady = this.start().then(() => {
      this.ready = true;
    });
    this.watchdog = setInterval(() => this.checkStalled(), Math.min(1_000, timeoutMs));
    this.watchdog.unref();
  }

  /**
   * Starts the worker and waits until its database is open; `location` undefined = in memory.
   * `initialDump`: a tar file from PGlite's dumpDataDir() that a new database starts as (tests
   * start from one already migrated, see tests/helpers/database.ts). `workerUrl`: another worker
   * speaking the same protocol (tests: one that gets stuck like PGlite on a frozen disk).
   */
  static async create(location: string | undefined, timeoutMs = DEFAULT_EMBEDDED_TIMEOUT_MS, initialDump?: string, workerUrl = WORKER_URL): Promise<RemotePGlite> {
    const remote = new RemotePGlite(location, timeoutMs, initialDump, workerUrl);
    try {
      await remote.waitReady;
    } catch (error) {
      clearInterval(remote.watchdog);
      throw error;
    }
    return remote;
  }

  /** Why the embedded database is not answering right now (stalled, failed, restarting), or null. */
  get failure(): Error | null {
    return this.down;
  }

  private start(): Promise<void> {
    const worker = new Worker(this.workerUrl, { workerData: { location: this.location, initialDump: this.initialDump } });
    worker.unref();
    return new Promise((resolve, reject) => {
      const onStart = (message: { ready?: boolean; error?: DescribedError }) => {
        if (!('ready' in message)) return;
        worker.off('message', onStart);
        if (message.ready) {
          this.worker = worker;
          this.down = null;
          this.restarts = 0;
          worker.on('message', (answer: Answer) => this.settle(worker, answer));
          resolve();
        } else {
          reject(new EmbeddedDatabaseError(message.error ?? { message: 'the embedded database did not start' }));
        }
      };
      worker.on('message', onStart);
      worker.once('error', reject);
      worker.on('error', (error) => this.lose(worker, error));
      worker.on('exit', (code) => {
        reject(new Error(`the embedded database worker stopped (exit code ${code})`));
        this.lose(worker, new Error(`the embedded database worker stopped (exit code ${code})`));
      });
    });
  }

  async query<T>(sql: string, params: unknown[] = [], _options?: PGliteQueryOptions): Promise<PGliteQueryResults<T>> {
    return this.queryIn<T>(undefined, sql, params);
  }

  async transaction<T>(callback: (tx: PGliteTransaction) => Promise<T>): Promise<T> {
    let id: number;
    try {
      id = (await this.request({ op: 'begin' })) as number;
    } catch (error) {
      // Kysely's dialect waits for the callback to start before anything else, and would wait
      // for ever (holding its only connection) if it never did: it runs, and every query fails.
      const failed: PGliteTransaction = { query: () => Promise.reject(error), rollback: async () => {} };
      await callback(failed).catch(() => {});
      throw error;
    }
    let rolledBack = false;
    const tx: PGliteTransaction = {
      query: <R>(sql: string, params: unknown[] = []) => this.queryIn<R>(id, sql, params),
      rollback: async () => {
        rolledBack = true;
        await this.request({ op: 'end', tx: id, commit: false });
      },
    };
    let result: T;
    try {
      result = await callback(tx);
    } catch (error) {
      if (!rolledBack) await this.request({ op: 'end', tx: id, commit: false }).catch(() => {});
      throw error;
    }
    if (!rolledBack) await this.request({ op: 'end', tx: id, commit: true });
    return result;
  }

  async close(): Promise<void> {
    if (this.closed || this.closing) return;
    this.closing = true;
    clearInterval(this.watchdog);
    try {
      if (this.worker) await this.request({ op: 'close' });
    } catch {
      // Stalled or failed: nothing more to write out; the worker is ended below.
    } finally {
      this.closed = true;
      void this.worker?.terminate();
      this.worker = null;
    }
  }

  private async queryIn<T>(tx: number | undefined, sql: string, params: unknown[]): Promise<PGliteQueryResults<T>> {
    const { rows, affectedRows } = (await this.request({ op: 'query', sql, params, tx })) as { rows: T[]; affectedRows?: number };
    return { rows, affectedRows, fields: [] };
  }

  private request(message: Record<string, unknown>): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error('the embedded database is closed'));
    const worker = this.worker;
    if (!worker) return Promise.reject(new Error(`the embedded database is not answering: ${this.down?.message ?? 'restarting'}`));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      // The worker does not keep the process alive by itself, only while an answer is awaited.
      if (this.pending.size === 0) worker.ref();
      this.pending.set(id, { resolve, reject, sentAt: performance.now() });
      worker.postMessage({ ...message, id });
    });
  }

  private settle(worker: Worker, answer: Answer): void {
    if (worker !== this.worker) return;
    const waiting = this.pending.get(answer.id);
    if (!waiting) return;
    this.pending.delete(answer.id);
    this.lastAnswerAt = performance.now();
    if (this.pending.size === 0) worker.unref();
    if (answer.ok) return waiting.resolve(answer.result);
    const error = new EmbeddedDatabaseError(answer.error);
    waiting.reject(error);
    // PostgreSQL ends itself after a PANIC; PGlite instead stops answering.
    if ((error as { severity?: string }).severity === 'PANIC') this.lose(worker, error);
  }

  /**
   * True while requests wait and the worker answered one within `ms`: it works, it is only busy.
   * A trivial query would wait behind all of them (the worker answers in order), and a restarted
   * server that a herd of reconnecting clients keeps busy would count as down until they all
   * were served.
   */
  busyAndAnswering(ms: number): boolean {
    return this.worker !== null && this.pending.size > 0 && performance.now() - this.lastAnswerAt < ms;
  }

  /** The oldest request (they are answered in order) waited too long: the worker is stalled. */
  private checkStalled(): void {
    const oldest = this.pending.values().next().value;
    if (!oldest || !this.worker || performance.now() - oldest.sentAt < this.timeoutMs) return;
    this.lose(this.worker, new Error(`the embedded database did not answer within ${this.timeoutMs} ms`));
  }

  /** The worker is lost: everyone waiting is told why, and a new one reopens the folder. */
  private lose(worker: Worker, reason: Error): void {
    if (worker !== this.worker) return;
    this.worker = null;
    this.down = reason;
    for (const waiting of this.pending.values()) waiting.reject(reason);
    this.pending.clear();
    this.lostWorkerEnded = worker.terminate().catch(() => {});
    if (this.closing || this.closed) {
      this.closed = true;
      return;
    }
    this.restart();
  }

  private restart(): void {
    const delay = RESTART_DELAYS_MS[Math.min(this.restarts++, RESTART_DELAYS_MS.length - 1)]!;
    setTimeout(() => {
      void this.lostWorkerEnded.then(() => {
        if (this.closing || this.closed) return;
        this.start().catch((error: Error) => {
          this.down = error;
          this.restart();
        });
      });
    }, delay).unref();
  }
}
