import type { ClientPool, Merged } from '../client-pool.ts';
import { sampleProcess, type ProcWindow } from '../proc.ts';
import { now, type ClientSpec } from '../protocol.ts';
import type { Result } from '../scenarios/common.ts';
import { isTansiq, type Label, type Launcher, type Target } from '../targets.ts';
import type { History } from '../workload.ts';
import type { CapacitySizes } from './sizes.ts';

export interface CapacityCtx {
  label: Label;
  launcher: Launcher;
  sizes: CapacitySizes;
  /** document ids every server uses (Tansiq's, prepared through its API) */
  peerDocs: string[];
  log(message: string): void;
  history(): Promise<History>;
  /** a fresh pool of protocol-level (wire) or stock client processes, stopped with the scenario */
  pool(kind: 'wire' | 'stock'): Promise<ClientPool>;
  /** starts the label's server (fresh, from the prepared template), disposed with the scenario */
  server(extraEnv?: NodeJS.ProcessEnv): Promise<Target>;
  /** with --profile on Tansiq: CPU-profiles a server over a window */
  profile(target: Target, name: string): { begin(): Promise<void>; end(): Promise<void> } | undefined;
}

export interface CapacityScenario {
  name: string;
  title: string;
  applies(label: Label): boolean;
  run(ctx: CapacityCtx): Promise<Result>;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
export const round = (value: number | null | undefined, digits = 1): number | null =>
  value === null || value === undefined || !Number.isFinite(value) ? null : Number(value.toFixed(digits));

/** clients of documents [from, to), `perDoc` each, ids unique: document × perDoc + j (plus `idBase`) */
export function groupsOf(target: Target, [from, to]: [number, number], perDoc: number, idBase = 0): ClientSpec[][] {
  const groups: ClientSpec[][] = [];
  for (let d = from; d < to; d++) {
    groups.push(
      Array.from({ length: perDoc }, (_, j) => {
        const id = idBase + d * perDoc + j;
        const token = target.tokens[id % target.tokens.length];
        return { id, doc: target.docs[d]!, ...(token ? { token } : {}) };
      }),
    );
  }
  return groups;
}

/**
 * Opens documents as the stock runner does: the first client of each connects and writes the same
 * small content, then the others join. `endpointOf` picks each client's server (a cluster splits
 * the clients of one document over its processes).
 */
export async function openGroups(
  pool: ClientPool,
  label: Label,
  groups: ClientSpec[][],
  endpointOf: (spec: ClientSpec) => Target['endpoint'],
): Promise<{ failed: number; syncMs: number[] }> {
  const byEndpoint = (specs: ClientSpec[]) => {
    const map = new Map<string, { endpoint: Target['endpoint']; specs: ClientSpec[] }>();
    for (const spec of specs) {
      const endpoint = endpointOf(spec);
      const entry = map.get(endpoint.url) ?? { endpoint, specs: [] };
      entry.specs.push(spec);
      map.set(endpoint.url, entry);
    }
    return [...map.values()];
  };
  const connect = async (specs: ClientSpec[]) => {
    const replies = await Promise.all(byEndpoint(specs).map(({ endpoint, specs: part }) => pool.connect(endpoint, part)));
    return { failed: replies.reduce((sum, r) => sum + r.failed, 0), syncMs: replies.flatMap((r) => r.syncMs) };
  };
  const first = groups.map((group) => group[0]!);
  const a = await connect(first);
  await pool.seed(
    first.map((spec) => spec.id),
    !isTansiq(label),
  );
  await sleep(500);
  const rest = groups.flatMap((group) => group.slice(1));
  const b = rest.length ? await connect(rest) : { failed: 0, syncMs: [] };
  return { failed: a.failed + b.failed, syncMs: [...a.syncMs, ...b.syncMs] };
}

export interface Measured {
  merged: Merged;
  seconds: number;
  /** per server process */
  procs: ProcWindow[];
  clientCpuPct: number;
}

/** Lets the load run `warmupS`, then measures `seconds` (edits sent in the window count). */
export async function measure(
  pool: ClientPool,
  servers: Target[],
  options: { warmupS: number; seconds: number; perEdit?: boolean; graceS?: number; profile?: { begin(): Promise<void>; end(): Promise<void> } },
): Promise<Measured> {
  const start = now() + options.warmupS * 1000;
  const end = start + options.seconds * 1000;
  await pool.broadcast({ op: 'window', start, end, perEdit: options.perEdit ?? false });
  await sleep(start - now());
  await pool.broadcast({ op: 'resetWire' });
  await options.profile?.begin();
  const t0 = now();
  const samplers = servers.map((server) => sampleProcess(server.pid));
  const clients = pool.pids().map((pid) => sampleProcess(pid));
  await sleep(end - now());
  const procs = samplers.map((sampler) => sampler.stop());
  const clientCpuPct = clients.reduce((sum, client) => sum + client.stop().cpuPercent, 0);
  await options.profile?.end();
  await sleep((options.graceS ?? 1) * 1000);
  return { merged: await pool.collect(), seconds: (now() - t0) / 1000, procs, clientCpuPct };
}

/** deliveries one edit should reach: everyone else on its document */
export const expectedDeliveries = (merged: Merged, perDoc: number) => merged.editsSent * (perDoc - 1);
export const p = (merged: Merged, q: number) => merged.histogram.quantile(q);
