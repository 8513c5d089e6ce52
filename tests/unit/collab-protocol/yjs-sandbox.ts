import { Worker } from 'node:worker_threads';

/**
 * Feeds inputs to Yjs in a worker thread with a deadline per input. A worker that misses the
 * deadline (a hang) is terminated and replaced; one that dies (out of memory: its heap is capped)
 * is replaced too. Either is reported, never waited on.
 */
export type YjsJob = 'apply-v1' | 'merge-v1' | 'apply-v2' | 'merge-v2' | 'apply-seq-v1' | 'merge-seq-v1';
export type YjsOutcome = 'returned' | 'threw' | 'hung' | 'crashed';

export interface YjsRun {
  outcome: YjsOutcome;
  ms: number;
  error?: string;
}

const WORKER_URL = new URL('./yjs-apply-worker.mjs', import.meta.url);

export class YjsSandbox {
  private worker: Worker | null = null;
  private nextId = 0;

  constructor(
    private readonly deadlineMs = 2_000,
    private readonly heapMb = 256,
  ) {}

  async run(job: YjsJob, bytes: Uint8Array | Uint8Array[]): Promise<YjsRun> {
    const worker = (this.worker ??= new Worker(WORKER_URL, { resourceLimits: { maxOldGenerationSizeMb: this.heapMb } }));
    const id = this.nextId++;
    const start = performance.now();
    return new Promise<YjsRun>((resolve) => {
      const finish = (run: YjsRun, kill: boolean) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (kill) {
          void worker.terminate();
          this.worker = null;
        }
        resolve(run);
      };
      const onMessage = (m: { id: number; outcome: 'returned' | 'threw'; error?: string; ms: number }) => {
        if (m.id === id) finish({ outcome: m.outcome, ms: m.ms, error: m.error }, false);
      };
      const onError = (e: Error) => finish({ outcome: 'crashed', ms: performance.now() - start, error: e.message }, true);
      const onExit = () => finish({ outcome: 'crashed', ms: performance.now() - start, error: 'worker exited' }, true);
      const timer = setTimeout(() => finish({ outcome: 'hung', ms: this.deadlineMs }, true), this.deadlineMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ id, job, bytes });
    });
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
    this.worker = null;
  }
}
