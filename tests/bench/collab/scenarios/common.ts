import type { ClientPool, Merged } from '../client-pool.ts';
import { sampleProcess, type ProcWindow } from '../proc.ts';
import { now, type ClientSpec } from '../protocol.ts';
import type { docRanges, Sizes } from '../sizes.ts';
import { isTansiq, openDocuments, type Label, type Target } from '../targets.ts';
import type { History } from '../workload.ts';

export type Value = number | string | null;
export type Result = Record<string, Value>;

export interface Ctx {
  target: Target;
  pool: ClientPool;
  sizes: Sizes;
  ranges: ReturnType<typeof docRanges>;
  log(message: string): void;
  /** the 100k-update history, built once per run */
  history(): Promise<History>;
  /** with --profile on Tansiq: CPU-profiles the server between begin and end (heap: live allocations instead) */
  profile?: { begin(): Promise<void>; end(): Promise<void>; beginHeap(): Promise<void>; endHeap(phase: string): Promise<void> };
}

export interface Scenario {
  name: string;
  title: string;
  /** needs a server that has not run anything before (memory baselines, server-side metrics) */
  fresh(label: Label): boolean;
  /** false: the server cannot do this (the in-memory reference has no storage) */
  applies(target: Target): boolean;
  /** a latency scenario that --rounds repeats; `metric` is listed round by round under its table */
  repeatable?: { metric: string };
  run(ctx: Ctx): Promise<Result>;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Clients of documents [start, end) of the pool, `perDoc` each; ids are unique over the pool. */
export function clientGroups(target: Target, [start, end]: [number, number], perDoc: number, maxPerDoc = perDoc): ClientSpec[][] {
  const groups: ClientSpec[][] = [];
  for (let d = start; d < end; d++) {
    groups.push(
      Array.from({ length: perDoc }, (_, j) => {
        const id = d * maxPerDoc + j;
        const token = target.tokens[id % target.tokens.length];
        return { id, doc: target.docs[d]!, ...(token ? { token } : {}) };
      }),
    );
  }
  return groups;
}

/**
 * The first client of each document connects and seeds it (the same small content everywhere),
 * then the others join; resolves once everyone synced (or failed).
 */
export async function openDocs(ctx: Ctx, groups: ClientSpec[][]): Promise<{ failed: number; syncMs: number[] }> {
  const first = groups.map((group) => group[0]!);
  const a = await ctx.pool.connect(ctx.target.endpoint, first);
  await ctx.pool.seed(
    first.map((spec) => spec.id),
    !isTansiq(ctx.target.label),
  );
  await sleep(500);
  const rest = groups.flatMap((group) => group.slice(1));
  const b = rest.length ? await ctx.pool.connect(ctx.target.endpoint, rest) : { failed: 0, syncMs: [] };
  return { failed: a.failed + b.failed, syncMs: [...a.syncMs, ...b.syncMs] };
}

export interface Window {
  merged: Merged;
  seconds: number;
  proc: ProcWindow;
  /** CPU of all client processes together, % of one core: near 100 × processes, the clients were the limit */
  clientCpuPct: number;
}

/** Lets the load run `warmupS`, then measures over `seconds` (stamps sent in the window count). */
export async function measureWindow(ctx: Ctx, options: { warmupS: number; seconds: number; perEdit?: boolean; graceS?: number }): Promise<Window> {
  const start = now() + options.warmupS * 1000;
  const end = start + options.seconds * 1000;
  await ctx.pool.broadcast({ op: 'window', start, end, perEdit: options.perEdit ?? false });
  await sleep(start - now());
  await ctx.pool.broadcast({ op: 'resetWire' });
  await ctx.profile?.begin();
  const t0 = now();
  const sampler = sampleProcess(ctx.target.pid);
  const clients = ctx.pool.pids().map((pid) => sampleProcess(pid));
  await sleep(end - now());
  const proc = sampler.stop();
  const clientCpuPct = clients.reduce((sum, client) => sum + client.stop().cpuPercent, 0);
  await ctx.profile?.end();
  await sleep((options.graceS ?? 1) * 1000);
  const merged = await ctx.pool.collect();
  return { merged, seconds: (now() - t0) / 1000, proc, clientCpuPct };
}

export const round = (value: number | null | undefined, digits = 1): number | null =>
  value === null || value === undefined || !Number.isFinite(value) ? null : Number(value.toFixed(digits));

/** Waits until the server has unloaded every document (stored, then dropped from memory). */
export async function waitUnloaded(ctx: Ctx, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await openDocuments(ctx.target);
    if (open === null || open === 0) return;
    if (Date.now() > deadline) throw new Error(`${ctx.target.label} still has ${open} documents open after ${timeoutMs} ms`);
    await sleep(100);
  }
}
