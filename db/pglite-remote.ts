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

export class RemotePGlite implements PGlite {
  closed = false;
  ready = false;
  readonly waitReady: Promise<void>;
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private nextId = 1;

  private constructor(location: string | undefined) {
    this.worker = new Worker(WORKER_URL, { workerData: { location } });
    this.worker.unref();
    this.waitReady = new Promise((resolve, reject) => {
      const onStart = (message: { ready?: boolean; error?: DescribedError }) => {
        if (!('ready' in message)) return;
        this.worker.off('message', onStart);
        if (message.ready) {
          this.ready = true;
          this.worker.on('message', (answer: Answer) => this.settle(answer));
          resolve();
        } else {
          reject(new EmbeddedDatabaseError(message.error ?? { message: 'the embedded database did not start' }));
        }
      };
      this.worker.on('message', onStart);
      this.worker.once('error', reject);
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`the embedded database worker stopped (exit code ${code})`)));
  }

  /** Starts the worker and waits until its database is open; `location` undefined = in memory. */
  static async create(location: string | undefined): Promise<RemotePGlite> {
    const remote = new RemotePGlite(location);
    await remote.waitReady;
    return remote;
  }

  async query<T>(sql: string, params: unknown[] = [], _options?: PGliteQueryOptions): Promise<PGliteQueryResults<T>> {
    return this.queryIn<T>(undefined, sql, params);
  }

  async transaction<T>(callback: (tx: PGliteTransaction) => Promise<T>): Promise<T> {
    const id = (await this.request({ op: 'begin' })) as number;
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
    if (this.closed) return;
    await this.request({ op: 'close' });
    this.closed = true;
  }

  private async queryIn<T>(tx: number | undefined, sql: string, params: unknown[]): Promise<PGliteQueryResults<T>> {
    const { rows, affectedRows } = (await this.request({ op: 'query', sql, params, tx })) as { rows: T[]; affectedRows?: number };
    return { rows, affectedRows, fields: [] };
  }

  private request(message: Record<string, unknown>): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error('the embedded database is closed'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      // The worker does not keep the process alive by itself, only while an answer is awaited.
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...message, id });
    });
  }

  private settle(answer: Answer): void {
    const waiting = this.pending.get(answer.id);
    if (!waiting) return;
    this.pending.delete(answer.id);
    if (this.pending.size === 0) this.worker.unref();
    if (answer.ok) waiting.resolve(answer.result);
    else waiting.reject(new EmbeddedDatabaseError(answer.error));
  }

  private fail(error: Error): void {
    this.closed = true;
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}
