/**
 * npm run bench:capacity -- [--quick] [--pg] [--only=check,capacity,connections,cold-server,cluster]
 *                           [--servers=tansiq,tansiq-pg,hocuspocus,reference] [--json=path] [--profile] [--nice=-10]
 *                           [--baseline=<checkout>]  (also Tansiq from another checkout, as tansiq-base: before/after in one run)
 *                           [--steps=10,20] [--seconds=N]  (the capacity ramp's documents and window: a longer fixed load to profile)
 *                           [--docs=N]  (the connections scenario on N documents of 10 clients instead of 1,000: a smaller herd)
 *
 * How many people one process and a cluster serve, measured with protocol-level clients
 * (wire/client.ts): they speak the y-websocket (or Hocuspocus) protocol, send edits encoded in
 * advance by a real Y.Doc, and only read the stamps they need from what they receive — so the
 * clients cost the machine little and the server its real work. `check` verifies that against
 * stock providers; `cluster` needs --pg (two Tansiq processes on PostgreSQL and a Redis of its own).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cleanupAll, installExitHandlers, trackDir } from './cleanup.ts';
import { ClientPool } from './client-pool.ts';
import { printScenario, type Results } from './report.ts';
import { printProfile, summarizeProfile, type ProfileSummary } from './profile.ts';
import type { Result } from './scenarios/common.ts';
import { isTansiq, Launcher, ROOT, type Label, type Target } from './targets.ts';
import { buildHistory, type History } from './workload.ts';
import { capacity } from './capacity/capacity.ts';
import { check } from './capacity/check.ts';
import { coldServer } from './capacity/cold.ts';
import { cluster } from './capacity/cluster.ts';
import type { CapacityCtx, CapacityScenario } from './capacity/common.ts';
import { connections } from './capacity/connections.ts';
import { capacityDocs, capacityUsers, FULL, QUICK } from './capacity/sizes.ts';

const args = new Map(process.argv.slice(2).map((arg) => [arg.replace(/^--/, '').split('=')[0]!, arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : 'true']));
const known = ['quick', 'pg', 'only', 'servers', 'json', 'profile', 'nice', 'baseline', 'steps', 'seconds', 'docs', 'help'];
for (const key of args.keys()) if (!known.includes(key)) throw new Error(`unknown option --${key} (known: ${known.join(', ')})`);
if (args.has('help')) {
  console.log(fs.readFileSync(new URL(import.meta.url), 'utf8').split('*/')[0]);
  process.exit(0);
}
const SCENARIOS: CapacityScenario[] = [check, capacity, connections, coldServer, cluster];
const sizes = structuredClone(args.has('quick') ? QUICK : FULL);
if (args.has('steps')) sizes.capacity.docSchedule = args.get('steps')!.split(',').map(Number);
if (args.has('seconds')) sizes.capacity.seconds = sizes.check.seconds = Number(args.get('seconds'));
if (args.has('docs')) sizes.connections.docs = Number(args.get('docs'));
const only = args.get('only')?.split(',');
if (only?.some((name) => !SCENARIOS.some((s) => s.name === name))) throw new Error(`--only takes ${SCENARIOS.map((s) => s.name).join(',')}`);
const scenarios = SCENARIOS.filter((s) => !only || only.includes(s.name));
const allLabels: Label[] = [
  'tansiq',
  ...(args.has('pg') ? (['tansiq-pg'] as const) : []),
  ...(args.has('baseline') ? (['tansiq-base', ...(args.has('pg') ? (['tansiq-base-pg'] as const) : [])] as const) : []),
  'hocuspocus',
  'reference',
];
const labels = allLabels.filter((label) => !args.has('servers') || args.get('servers')!.split(',').includes(label));
if (args.has('nice')) os.setPriority(0, Number(args.get('nice')));

const startedAt = Date.now();
const print = (line: string) => console.log(line);
const log = (message: string) => print(`[${String(Math.round((Date.now() - startedAt) / 1000)).padStart(5)} s] ${message}`);
installExitHandlers(log);
const root = trackDir(fs.mkdtempSync(path.join(os.tmpdir(), 'tansiq-capacity-')));
const runId = `${Date.now().toString(36)}_${process.pid}`;
const launcher = new Launcher({ root, runId, docs: capacityDocs(sizes), users: capacityUsers(sizes), baselineRoot: args.get('baseline'), log });
const profileDir = args.has('profile') ? path.join(ROOT, 'bench-results', `capacity-profiles-${runId}`) : undefined;
if (profileDir) fs.mkdirSync(profileDir, { recursive: true });
const profiles: Record<string, ProfileSummary> = {};
let history: Promise<History> | null = null;

const results: Results = {};
const errors: Record<string, string> = {};

async function runOne(scenario: CapacityScenario, label: Label, peerDocs: string[]): Promise<Result> {
  const started: Target[] = [];
  const pools: ClientPool[] = [];
  const ctx: CapacityCtx = {
    label,
    launcher,
    sizes,
    peerDocs,
    log,
    history: () =>
      (history ??= Promise.resolve().then(() => {
        log(`building a ${sizes.cold.updates}-update history…`);
        return buildHistory(path.join(root, 'history.bin'), sizes.cold.updates, sizes.cold.perBatch);
      })),
    pool: async (kind) => {
      const pool = await ClientPool.start(kind === 'stock' ? 4 : sizes.clientProcesses, kind);
      pools.push(pool);
      return pool;
    },
    server: async (extraEnv) => {
      const target = await launcher.start(label, scenario.name, peerDocs, extraEnv);
      started.push(target);
      return target;
    },
    profile: (target, name) => {
      if (!profileDir || !isTansiq(target.label)) return undefined;
      let n = 0;
      return {
        begin: () => target.inspector.start(),
        end: async () => {
          const file = path.join(profileDir, `${target.label}-${name}-${++n}.cpuprofile`);
          await target.inspector.stop(file);
          profiles[`${target.label}/${name}`] = summarizeProfile(file);
        },
      };
    },
  };
  try {
    return await scenario.run(ctx);
  } finally {
    for (const pool of pools) await pool.stop().catch(() => {});
    for (const target of started) {
      await target.stop().catch(() => {});
      await target.dispose().catch(() => {});
    }
  }
}

async function main(): Promise<void> {
  log(
    `capacity benchmark${args.has('quick') ? ' (quick)' : ''}: ${scenarios.map((s) => s.name).join(', ')} on ${labels.join(', ')}; load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`,
  );
  const firstTansiq = labels.find(isTansiq);
  const peerDocs = firstTansiq ? await launcher.documentIds(firstTansiq) : Array.from({ length: capacityDocs(sizes) }, () => crypto.randomUUID());
  for (const scenario of scenarios) {
    const byLabel: Partial<Record<Label, Result | null>> = {};
    for (const label of labels) {
      if (!scenario.applies(label)) {
        byLabel[label] = null;
        continue;
      }
      log(`${scenario.name} / ${label}: running (load average ${os.loadavg()[0]!.toFixed(1)})`);
      const started = Date.now();
      try {
        byLabel[label] = await runOne(scenario, label, peerDocs);
      } catch (error) {
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
        log(`${scenario.name} / ${label} FAILED: ${message}`);
        errors[`${scenario.name}/${label}`] = message.split('\n')[0]!;
        byLabel[label] = { error: message.split('\n')[0]!.slice(0, 200) };
      }
      log(`${scenario.name} / ${label}: done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
    results[scenario.name] = byLabel;
    printScenario(scenario.name, scenario.title, byLabel, labels, print);
  }
}

let failed = false;
try {
  await main();
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  await cleanupAll();
}
const jsonPath = args.get('json') ?? path.join(ROOT, 'bench-results', `capacity-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
fs.mkdirSync(path.dirname(jsonPath), { recursive: true });
const meta = {
  startedAt: new Date(startedAt).toISOString(),
  machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memGB: Math.round(os.totalmem() / 2 ** 30) },
  loadAvgAtEnd: os.loadavg().map((l) => +l.toFixed(1)),
  node: process.version,
  sizes,
};
fs.writeFileSync(jsonPath, JSON.stringify({ ...meta, results, errors, profiles }, null, 2));
print(`\n==== summary (${((Date.now() - startedAt) / 60_000).toFixed(1)} min; ${meta.machine.cpus} cores; load average at the end ${meta.loadAvgAtEnd[0]}) ====`);
for (const scenario of scenarios) if (results[scenario.name]) printScenario(scenario.name, scenario.title, results[scenario.name]!, labels, print);
for (const [key, summary] of Object.entries(profiles)) printProfile(key, summary, print);
for (const [key, message] of Object.entries(errors)) print(`error in ${key}: ${message}`);
print(`\nresults: ${path.relative(process.cwd(), jsonPath)}`);
process.exit(failed || Object.keys(errors).length ? 1 : 0);
