/**
 * npm run bench:collab -- [--pg] [--quick] [--only=steady,ramp,…] [--servers=tansiq,hocuspocus,reference]
 *                         [--rounds=N] [--json=path] [--compare=old.json] [--profile] [--client-procs=N]
 *                         [--baseline=<checkout>]  (also Tansiq from another checkout, as tansiq-base)
 *
 * --rounds=N runs the latency scenarios (steady, session) N times, the servers taking turns in a
 * rotating order, and reports each metric's median with the key one listed round by round.
 *
 * Tansiq (as `npm start` runs it), Hocuspocus (default settings, SQLite) and the reference
 * y-websocket server, driven one at a time with the same load from separate client processes.
 */
import { execSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cleanupAll, installExitHandlers, trackDir } from './cleanup.ts';
import { ClientPool } from './client-pool.ts';
import { printProfile, summarizeHeapProfile, summarizeProfile, type ProfileSummary } from './profile.ts';
import { printComparison, printRoundByRound, printScenario, type Results } from './report.ts';
import { coldOpen } from './scenarios/cold-open.ts';
import { combineRounds, roundOrder } from './rounds.ts';
import type { Ctx, Result, Scenario } from './scenarios/common.ts';
import { durability } from './scenarios/durability.ts';
import { memory } from './scenarios/memory.ts';
import { ramp } from './scenarios/ramp.ts';
import { session } from './scenarios/session.ts';
import { steady } from './scenarios/steady.ts';
import { storage } from './scenarios/storage.ts';
import { docRanges, FULL, poolDocs, poolUsers, QUICK } from './sizes.ts';
import { isTansiq, Launcher, ROOT, type Label, type Target } from './targets.ts';
import { buildHistory, type History } from './workload.ts';

const args = new Map(process.argv.slice(2).map((arg) => [arg.replace(/^--/, '').split('=')[0]!, arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : 'true']));
const known = ['pg', 'quick', 'only', 'servers', 'json', 'compare', 'profile', 'client-procs', 'rounds', 'nice', 'baseline', 'help'];
for (const key of args.keys()) if (!known.includes(key)) throw new Error(`unknown option --${key} (known: ${known.join(', ')})`);
if (args.has('help')) {
  console.log(fs.readFileSync(new URL(import.meta.url), 'utf8').split('*/')[0]);
  process.exit(0);
}

// Order matters: memory wants an untouched server, storage stops it.
const SCENARIOS: Scenario[] = [memory, steady, ramp, session, durability, coldOpen, storage];
const sizes = structuredClone(args.has('quick') ? QUICK : FULL);
if (args.has('client-procs')) sizes.clientProcesses = Number(args.get('client-procs'));
const only = args.get('only')?.split(',');
const scenarios = SCENARIOS.filter((s) => !only || only.includes(s.name));
if (only?.some((name) => !SCENARIOS.some((s) => s.name === name))) throw new Error(`--only takes ${SCENARIOS.map((s) => s.name).join(',')}`);
const allLabels: Label[] = [
  'tansiq',
  ...(args.has('pg') ? (['tansiq-pg'] as const) : []),
  ...(args.has('baseline') ? (['tansiq-base', ...(args.has('pg') ? (['tansiq-base-pg'] as const) : [])] as const) : []),
  'hocuspocus',
  'reference',
];
const labels = allLabels.filter((label) => !args.has('servers') || args.get('servers')!.split(',').includes(label));
const profiling = args.has('profile');
const roundCount = Number(args.get('rounds') ?? 1);
if (!Number.isInteger(roundCount) || roundCount < 1) throw new Error('--rounds takes a whole number ≥ 1');
// --nice=-10: on a shared machine, run the benchmark (and every server and client it starts,
// which inherit it) ahead of other work, so it measures the servers rather than the scheduler.
if (args.has('nice')) os.setPriority(0, Number(args.get('nice')));

const startedAt = Date.now();
const print = (line: string) => console.log(line);
const elapsed = () => {
  const s = Math.round((Date.now() - startedAt) / 1000);
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
};
const log = (message: string) => print(`[${elapsed()}] ${message}`);
installExitHandlers(log);

const root = trackDir(fs.mkdtempSync(path.join(os.tmpdir(), 'tansiq-bench-')));
const runId = `${Date.now().toString(36)}_${process.pid}`;
const profileDir = profiling ? path.join(ROOT, 'bench-results', `profiles-${runId}`) : undefined;
if (profileDir) fs.mkdirSync(profileDir, { recursive: true });
const launcher = new Launcher({ root, runId, docs: poolDocs(sizes), users: poolUsers(sizes), baselineRoot: args.get('baseline'), log });
let history: Promise<History> | null = null;
const getHistory = () =>
  (history ??= Promise.resolve().then(() => {
    log(`building a ${sizes.cold.updates}-update history…`);
    return buildHistory(path.join(root, 'history.bin'), sizes.cold.updates, sizes.cold.perBatch);
  }));

const version = (name: string) => (JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
const git = (command: string) => {
  try {
    return execSync(`git ${command}`, { cwd: ROOT }).toString().trim();
  } catch {
    return null;
  }
};
const meta = {
  startedAt: new Date(startedAt).toISOString(),
  machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memGB: Math.round(os.totalmem() / 2 ** 30), loadAvgAtStart: os.loadavg().map((l) => +l.toFixed(1)) },
  versions: {
    node: process.version,
    tansiq: `${git('rev-parse --short HEAD')}${git('status --porcelain server shared db') ? ' (+ uncommitted changes in server/)' : ''}`,
    yjs: version('yjs'),
    'y-websocket': version('y-websocket'),
    '@hocuspocus/server': version('@hocuspocus/server'),
    '@hocuspocus/provider': version('@hocuspocus/provider'),
    '@hocuspocus/extension-sqlite': version('@hocuspocus/extension-sqlite'),
    '@y/websocket-server': version('@y/websocket-server'),
  },
  options: { quick: args.has('quick'), pg: args.has('pg'), only: only ?? 'all', servers: labels, profile: profiling, rounds: roundCount, nice: os.getPriority(0) },
  sizes,
};

const results: Results = {};
/** with --rounds: every round's result of each repeated scenario, per server */
const roundResults: Record<string, Partial<Record<Label, Result[]>>> = {};
const errors: Record<string, string> = {};
const profiles: Record<string, ProfileSummary> = {};

/** --profile: the Tansiq server is CPU-profiled over each measured window (not its start-up). */
function profileHooks(target: Target, scenario: string): Ctx['profile'] {
  if (!profileDir || !isTansiq(target.label)) return undefined;
  let n = 0;
  return {
    begin: () => target.inspector.start(),
    end: async () => {
      const file = path.join(profileDir, `${target.label}-${scenario}-${++n}.cpuprofile`);
      await target.inspector.stop(file);
      // The last window of a scenario is the one summarized (for the ramp: where it stopped).
      profiles[`${target.label}/${scenario}`] = summarizeProfile(file);
    },
    beginHeap: () => target.inspector.startHeapSampling(),
    endHeap: async (phase) => {
      const file = path.join(profileDir, `${target.label}-${scenario}-${phase}.heapprofile`);
      await target.inspector.stopHeapSampling(file);
      profiles[`${target.label}/${scenario} (${phase})`] = summarizeHeapProfile(file);
    },
  };
}

async function retire(target: Target): Promise<void> {
  await target.stop();
  await target.dispose();
}

/** One scenario on one server: starts the server if needed, gives it fresh client processes. */
async function runOnce(scenario: Scenario, label: Label, peerDocs: string[], servers: Map<Label, Target>, round: string): Promise<Result | null> {
  let target = servers.get(label);
  const started = Date.now();
  if (!scenario.applies({ label } as Target)) return null;
  if (target && scenario.fresh(label)) {
    await retire(target);
    servers.delete(label);
    target = undefined;
  }
  if (!target) {
    log(`${scenario.name} / ${label}: starting server`);
    target = await launcher.start(label, scenario.name, peerDocs);
    servers.set(label, target);
  }
  log(`${scenario.name} / ${label}${round}: running (load average ${os.loadavg()[0]!.toFixed(1)})`);
  const pool = await ClientPool.start(sizes.clientProcesses);
  const ctx: Ctx = { target, pool, sizes, ranges: docRanges(sizes), log, history: getHistory, profile: profileHooks(target, scenario.name) };
  let result: Result;
  try {
    result = await scenario.run(ctx);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(`${scenario.name} / ${label} FAILED: ${message}\n${target.output().slice(-2_000)}`);
    errors[`${scenario.name}/${label}`] = message;
    result = { error: message.slice(0, 200) };
    // A failed scenario may leave the server in any state: the next one gets a fresh server.
    await retire(target).catch(() => {});
    servers.delete(label);
  } finally {
    await pool.stop();
  }
  if (scenario.name === 'storage') {
    await retire(target).catch(() => {});
    servers.delete(label);
  }
  log(`${scenario.name} / ${label}${round}: done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return result;
}

async function main(): Promise<void> {
  log(
    `collaboration benchmark${args.has('quick') ? ' (quick)' : ''}: ${scenarios.map((s) => s.name).join(', ')} on ${labels.join(', ')}; load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`,
  );
  const firstTansiq = labels.find(isTansiq);
  const peerDocs = firstTansiq ? await launcher.documentIds(firstTansiq) : Array.from({ length: poolDocs(sizes) }, () => randomUUID());
  const servers = new Map<Label, Target>();
  for (const scenario of scenarios) {
    const rounds = scenario.repeatable ? roundCount : 1;
    const byLabel = new Map<Label, Result[]>();
    for (let round = 0; round < rounds; round++) {
      for (const label of roundOrder(labels, round)) {
        const result = await runOnce(scenario, label, peerDocs, servers, rounds > 1 ? ` (round ${round + 1} of ${rounds})` : '');
        if (result) byLabel.set(label, [...(byLabel.get(label) ?? []), result]);
      }
    }
    results[scenario.name] = Object.fromEntries(labels.map((label) => [label, byLabel.has(label) ? combineRounds(byLabel.get(label)!) : null]));
    if (rounds > 1) roundResults[scenario.name] = Object.fromEntries(byLabel);
    printScenario(scenario.name, scenario.title, results[scenario.name]!, labels, print);
    printRounds(scenario);
  }
  for (const [label, target] of servers) await retire(target).catch((error) => log(`stopping ${label}: ${String(error)}`));
}

/** Under a repeated scenario's table: its key metric round by round, and Tansiq ÷ the better peer in each. */
function printRounds(scenario: Scenario): void {
  const rounds = roundResults[scenario.name];
  if (rounds && scenario.repeatable) printRoundByRound(scenario.name, scenario.repeatable.metric, rounds, labels, print);
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
const finishedAt = new Date();
const jsonPath = args.get('json') ?? path.join(ROOT, 'bench-results', `collab-${finishedAt.toISOString().replace(/[:.]/g, '-')}.json`);
fs.mkdirSync(path.dirname(jsonPath), { recursive: true });
const report = { ...meta, finishedAt: finishedAt.toISOString(), loadAvgAtEnd: os.loadavg().map((l) => +l.toFixed(1)), results, rounds: roundResults, errors, profiles };
fs.writeFileSync(jsonPath, JSON.stringify(report, null, 2));

print(
  `\n==== summary (${((Date.now() - startedAt) / 60_000).toFixed(1)} min; ${meta.machine.cpus} cores, ${meta.machine.memGB} GB; load average ${meta.machine.loadAvgAtStart[0]} → ${report.loadAvgAtEnd[0]}) ====`,
);
print(
  `versions: ${Object.entries(meta.versions)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')}`,
);
for (const scenario of scenarios) {
  if (!results[scenario.name]) continue;
  printScenario(scenario.name, scenario.title, results[scenario.name]!, labels, print);
  printRounds(scenario);
}
for (const [key, summary] of Object.entries(profiles)) printProfile(key, summary, print);
if (args.has('compare')) printComparison(JSON.parse(fs.readFileSync(args.get('compare')!, 'utf8')).results as Results, results, print);
for (const [key, message] of Object.entries(errors)) print(`error in ${key}: ${message}`);
print(`\nresults: ${path.relative(process.cwd(), jsonPath)}${profileDir ? `\nprofiles: ${path.relative(process.cwd(), profileDir)}` : ''}`);
process.exit(failed || Object.keys(errors).length ? 1 : 0);
