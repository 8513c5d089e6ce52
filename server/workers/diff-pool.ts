import { Worker } from 'node:worker_threads';
import { AppError, tooManyRequests } from '../errors.ts';
import type { DiffResult, DiffTask } from './diff-task.ts';

/**
 * Runs version diffs off the event loop, in one worker thread (the machine may have two cores;
 * the event loop keeps the other). Bounds, each with a clear answer:
 * - both states together at most `maxStateBytes` (413 `diff_too_large`), checked before any work;
 * - at most `perUser` diffs in flight per person (429) and `maxQueued` waiting overall (503);
 * - a diff that runs past `timeoutMs` ends its worker (a fresh one starts for the next) and
 *   answers 503 `diff_timeout`; the worker's heap is capped too.
 */
export interface DiffPoolLimits {
  maxStateBytes: number;
  timeoutMs: number;
  perUser: number;
  maxQueued: number;
}

export const DIFF_POOL_LIMITS: DiffPoolLimits = { maxStateBytes: 16 * 1024 * 1024, timeoutMs: 20_000, perUser: 2, maxQueued: 16 };

const WORKER_URL = new URL('./diff-worker.js', import.meta.url);

interface Job {
  id: number;
  task: DiffTask;
  /** the diff as JSON text and the clients it names (see diff-task.ts) */
  resolve: (result: DiffResult) => void;
  reject: (error: Error) => void;
}

export class DiffPool {
  private worker: Worker | null = null;
  private ready: Promise<Worker> | null = null;
  private readonly queue: Job[] = [];
  private running: { job: Job; timer: NodeJS.Timeout | undefined } | null = null;
  private readonly perUser = new Map<string, number>();
  private nextId = 1;

  constructor(private readonly limits: DiffPoolLimits = DIFF_POOL_LIMITS) {}

  /** The diff of two states, as JSON text of an AttributedDiff, with the client ids it names. */
  async diff(userId: string, task: DiffTask): Promise<DiffResult> {
    const bytes = task.from.byteLength + task.to.byteLength;
    if (bytes > this.limits.maxStateBytes) {
      throw new AppError(
        413,
        'diff_too_large',
        `These versions are too large to compare here (${mib(bytes)} MiB; at most ${mib(this.limits.maxStateBytes)} MiB). Export them instead.`,
      );
    }
    const mine = this.perUser.get(userId) ?? 0;
    if (mine >= this.limits.perUser) throw tooManyRequests('You are already comparing versions: wait for the comparison under way.', 2);
    if (this.queue.length >= this.limits.maxQueued) throw new AppError(503, 'busy', 'Many comparisons are under way: try again in a moment.', undefined, { 'Retry-After': '5' });
    this.perUser.set(userId, mine + 1);
    try {
      return await new Promise<DiffResult>((resolve, reject) => {
        this.queue.push({ id: this.nextId++, task, resolve, reject });
        this.pump();
      });
    } finally {
      const left = (this.perUser.get(userId) ?? 1) - 1;
      if (left > 0) this.perUser.set(userId, left);
      else this.perUser.delete(userId);
    }
  }

  async close(): Promise<void> {
    for (const job of this.queue.splice(0)) job.reject(new AppError(503, 'busy', 'The server is stopping.'));
    await this.worker?.terminate();
    this.worker = null;
    this.ready = null;
  }

  private pump(): void {
    if (this.running || this.queue.length === 0) return;
    const job = this.queue.shift()!;
    this.running = { job, timer: undefined };
    this.start().then(
      (worker) => {
        // The clock runs from the moment the worker has the task (starting a worker is not the diff's fault).
        if (this.running?.job !== job) return;
        this.running.timer = setTimeout(() => this.fail(new AppError(503, 'diff_timeout', 'Comparing these versions took too long.'), true), this.limits.timeoutMs);
        worker.postMessage({ id: job.id, task: job.task });
      },
      (error: Error) => this.fail(error, true),
    );
  }

  private start(): Promise<Worker> {
    this.ready ??= new Promise<Worker>((resolve, reject) => {
      const worker = new Worker(WORKER_URL, { resourceLimits: { maxOldGenerationSizeMb: 512 } });
      worker.unref();
      this.worker = worker;
      worker.on('message', (message: { ready?: boolean; id?: number; ok?: boolean; result?: DiffResult; error?: string }) => {
        if (message.ready) return resolve(worker);
        if (message.id !== this.running?.job.id) return;
        if (message.ok) this.finish((job) => job.resolve(message.result!));
        else this.fail(new Error(`version diff failed: ${message.error}`), false);
      });
      worker.on('error', (error) => {
        reject(error);
        this.fail(error, true);
      });
      worker.on('exit', () => {
        if (this.worker === worker) {
          this.worker = null;
          this.ready = null;
        }
      });
    });
    return this.ready;
  }

  private finish(settle: (job: Job) => void): void {
    const running = this.running;
    if (!running) return;
    clearTimeout(running.timer);
    this.running = null;
    settle(running.job);
    this.pump();
  }

  /** Settles the running job with an error; a worker that hung or broke is replaced. */
  private fail(error: Error, replaceWorker: boolean): void {
    if (replaceWorker && this.worker) {
      const worker = this.worker;
      this.worker = null;
      this.ready = null;
      void worker.terminate();
    }
    this.finish((job) => job.reject(error));
  }
}

const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

/** The process's one diff worker, started at the first comparison. */
export const versionDiffs = new DiffPool();
