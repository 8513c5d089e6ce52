import type { ClientPool } from '../client-pool.ts';
import type { ClientSpec } from '../protocol.ts';
import type { Target } from '../targets.ts';
import { groupsOf, measure, openGroups, p, round, type CapacityCtx } from './common.ts';

export interface RampStep {
  docs: number;
  clients: number;
  /** edits the clients sent per second in the window (what the server took in) */
  editsPerS: number;
  /** edits received per second by all clients (what the server relayed) */
  deliveriesPerS: number;
  deliveredPct: number;
  p50: number | null;
  p99: number | null;
  /** per server process */
  cpu: number[];
  /** CPU ms all server processes used per 1000 edits taken in: the relative figure a busy machine still gives */
  cpuMsPer1k: number | null;
  /** of which the main threads' (the relay; not PGlite's worker) */
  mainCpuMsPer1k: number | null;
  rss: number[];
  clientCpu: number;
  failed: number;
  lateEdits: number;
}

/**
 * Documents of `perDoc` protocol-level clients added step by step (`docSchedule`) until the p99 of
 * a window passes the limit (measured once more first) or a client fails. Between steps the load
 * pauses while the next edits are encoded, so encoding never runs inside a window.
 */
export async function rampDocuments(
  ctx: CapacityCtx,
  pool: ClientPool,
  servers: Target[],
  endpointOf: (spec: ClientSpec) => Target['endpoint'],
  /** keep stepping up to this many documents past the limit (to compare p99 at another ramp's load); `sustained` still ends at the limit */
  measureUpTo = 0,
): Promise<{ steps: RampStep[]; sustained: RampStep | null; stoppedBecause: string }> {
  const { perDoc, rate, docSchedule, warmupS, seconds, p99LimitMs } = ctx.sizes.capacity;
  const steps: RampStep[] = [];
  let sustained: RampStep | null = null;
  let stoppedBecause = `held at the last step (${docSchedule.at(-1)} documents)`;
  let docs = 0;
  let limitReached = false;
  const ids: number[] = [];
  // --profile: each window of the first process is profiled; the summary kept is the last one's (where the ramp ended)
  const profile = ctx.profile(servers[0]!, `ramp-${servers.length}p`);
  for (const goal of docSchedule) {
    await pool.broadcast({ op: 'stopEdits' });
    const groups = groupsOf(servers[0]!, [docs, goal], perDoc);
    docs = goal;
    const opened = await openGroups(pool, ctx.label, groups, endpointOf);
    ids.push(...groups.flat().map((spec) => spec.id));
    // enough for the warm-up, two windows and the grace in between
    await pool.prepare(ids, Math.ceil(rate * (warmupS + 2 * seconds + 4)), rate);
    const before = await pool.status();
    await pool.edit(ids, rate);
    let window = await measure(pool, servers, { warmupS, seconds, profile });
    const over = () => (p(window.merged, 0.99) ?? Infinity) > p99LimitMs;
    if (over() && window.merged.lost === 0 && opened.failed === 0) {
      ctx.log(`  ${docs} documents: p99 ${round(p(window.merged, 0.99), 1)} ms, measuring once more`);
      window = await measure(pool, servers, { warmupS: 0, seconds, profile });
    }
    const { merged } = window;
    const after = await pool.status();
    const expected = merged.editsSent * (perDoc - 1);
    const step: RampStep = {
      docs,
      clients: ids.length,
      editsPerS: round(merged.editsSent / window.seconds, 0)!,
      deliveriesPerS: round(merged.histogram.count / window.seconds, 0)!,
      deliveredPct: round(expected ? (100 * merged.histogram.count) / expected : 0, 2)!,
      p50: round(p(merged, 0.5), 2),
      p99: round(p(merged, 0.99), 2),
      cpu: window.procs.map((proc) => round(proc.cpuPercent, 0)!),
      cpuMsPer1k: merged.editsSent ? round((window.procs.reduce((sum, proc) => sum + proc.cpuSeconds, 0) * 1e6) / merged.editsSent, 0) : null,
      mainCpuMsPer1k: merged.editsSent ? round((window.procs.reduce((sum, proc) => sum + proc.mainThreadCpuSeconds, 0) * 1e6) / merged.editsSent, 0) : null,
      rss: window.procs.map((proc) => round(proc.rssPeakMB, 0)!),
      clientCpu: round(window.clientCpuPct, 0)!,
      failed: opened.failed + merged.lost,
      lateEdits: after.lateEdits - before.lateEdits,
    };
    steps.push(step);
    ctx.log(
      `  ${step.docs} documents (${step.clients} clients): ${step.editsPerS} edits/s in, ${step.deliveriesPerS} deliveries/s (${step.deliveredPct} %), p50 ${step.p50} ms, p99 ${step.p99} ms, server CPU ${step.cpu.join('+')}% (${step.cpuMsPer1k} ms per 1000 edits, main thread ${step.mainCpuMsPer1k}), RSS ${step.rss.join('+')} MB, clients CPU ${step.clientCpu}%${step.failed ? `, ${step.failed} failed/lost` : ''}${step.lateEdits ? `, ${step.lateEdits} edits encoded late` : ''}`,
    );
    if (step.failed > 0) {
      if (!limitReached) stoppedBecause = `${step.failed} clients failed or were dropped at ${docs} documents`;
      break;
    }
    if (step.p99 === null || step.p99 > p99LimitMs || step.deliveredPct < 99) {
      if (!limitReached)
        stoppedBecause = step.deliveredPct < 99 ? `${step.deliveredPct} % delivered at ${docs} documents` : `p99 ${step.p99} ms > ${p99LimitMs} ms at ${docs} documents`;
      limitReached = true;
      if (docs >= measureUpTo) break;
      continue;
    }
    if (!limitReached) sustained = step;
    else if (docs >= measureUpTo) break;
  }
  await pool.broadcast({ op: 'stopEdits' });
  return { steps, sustained, stoppedBecause };
}

export const stepsNote = (steps: RampStep[]) => steps.map((s) => `${s.docs}:${s.editsPerS}/s:${s.p99}ms:${s.cpuMsPer1k}(${s.mainCpuMsPer1k})cpu`).join(' ');
