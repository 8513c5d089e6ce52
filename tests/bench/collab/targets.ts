import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { onCleanup, removeDir, runFinalizer, track, trackDir } from './cleanup.ts';
import { ensureClientBuilt } from '../../../server/http/static-client.ts';
import { Inspector } from './inspector.ts';
import { childPids } from './proc.ts';
import type { Endpoint } from './protocol.ts';
import { ADMIN, prepareTansiq, type Prepared } from './tansiq-setup.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/**
 * tansiq-base: Tansiq on PGlite from another checkout (--baseline=<dir>), to compare two versions
 * in one run; tansiq-base-pg: the same on PostgreSQL (--baseline with --pg)
 */
export type Label = 'tansiq' | 'tansiq-pg' | 'tansiq-base' | 'tansiq-base-pg' | 'hocuspocus' | 'reference';
export const isTansiq = (label: Label) => label === 'tansiq' || label === 'tansiq-pg' || label === 'tansiq-base' || label === 'tansiq-base-pg';
/** Tansiq on PostgreSQL (this checkout's or the baseline's) */
export const onPostgres = (label: Label) => label === 'tansiq-pg' || label === 'tansiq-base-pg';
const isBaseline = (label: Label) => label === 'tansiq-base' || label === 'tansiq-base-pg';
const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** One server process, fresh for one scenario. */
export interface Target {
  label: Label;
  endpoint: Endpoint;
  httpUrl: string;
  /** the server process itself (for Tansiq: the Node child that tsx starts) */
  pid: number;
  docs: string[];
  /** API tokens for Tansiq (one per user); [''] for the peers, which take anyone */
  tokens: string[];
  store: { pgliteDir?: string; pgUrl?: string; sqliteFile?: string };
  /** the server's inspector (opened on first use by SIGUSR1): forced GCs for memory readings, CPU profiles */
  inspector: Inspector;
  output(): string;
  stop(): Promise<void>;
  /**
   * stops the server (SIGTERM, as a deploy does) and starts it again on the same port and data;
   * resolves once it answers again (pid and inspector then are the new process's)
   */
  restart(): Promise<void>;
  /** removes its data once the scenario has read what it needed */
  dispose(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function waitHttp(url: string, child: ChildProcess, output: () => string, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output()}`);
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`server at ${url} not ready after ${timeoutMs} ms:\n${output()}`);
}

/** a Node flag giving the server an inspector port (closed until the benchmark sends SIGUSR1) */
// (port only: tsx passes `--inspect-port=host:port` on in a form Node then ignores)
const inspectFlag = async () => `--inspect-port=${await freePort()}`;

async function pgAdmin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}
const pgUrlOf = (database: string) => Object.assign(new URL(PG_URL), { pathname: `/${database}` }).toString();

interface Spawned {
  child: ChildProcess;
  pid: number;
  inspector: Inspector;
  output(): string;
  stop(): Promise<void>;
}

async function spawnServer(name: string, args: string[], env: NodeJS.ProcessEnv, readyUrl: string, viaTsxCli: boolean, cwd = ROOT): Promise<Spawned> {
  const inspectPort = Number(/--inspect-port=(\d+)/.exec(args.join(' '))?.[1]);
  const child = spawn(args[0]!, args.slice(1), { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let serverPid = 0;
  track(child, name, () => [serverPid, child.pid ?? 0].filter(Boolean));
  let output = '';
  // BENCH_SERVER_LOGS=<dir>: every server's whole output in a file of its own (a restart's phases, timed by its log)
  const logDir = process.env.BENCH_SERVER_LOGS;
  const logFile = logDir ? path.join(logDir, `${name}-${Date.now()}-${child.pid}.log`) : null;
  if (logDir) fs.mkdirSync(logDir, { recursive: true });
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
    if (logFile) fs.appendFileSync(logFile, chunk);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitHttp(readyUrl, child, () => output);
  serverPid = viaTsxCli ? (childPids(child.pid!)[0] ?? child.pid!) : child.pid!;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    // The server process itself gets the signal, as from a process manager: it shuts down cleanly.
    process.kill(serverPid, 'SIGTERM');
    const timer = setTimeout(() => {
      for (const pid of [serverPid, child.pid!]) process.kill(pid, 'SIGKILL');
    }, 90_000);
    await exited;
    clearTimeout(timer);
  };
  const inspector = new Inspector(serverPid, inspectPort);
  return { child, pid: serverPid, inspector, output: () => output, stop: () => (inspector.close(), stop()) };
}

export interface LauncherOptions {
  root: string;
  runId: string;
  docs: number;
  users: number;
  /** the checkout tansiq-base runs from (its own node_modules and built client) */
  baselineRoot?: string;
  log(message: string): void;
}

/** Starts fresh servers; Tansiq from a prepared copy (users, tokens, documents made once through the API). */
export class Launcher {
  private templates = new Map<Label, Promise<Prepared & { source: string }>>();
  private count = 0;
  constructor(private readonly options: LauncherOptions) {}

  private async tansiq(label: Label, store: { dataDir?: string; database?: string }, options: { port?: number; env?: NodeJS.ProcessEnv } = {}): Promise<Spawned & { url: string }> {
    // `npm start` builds the web client first when its sources changed; done here, so the build's
    // memory and CPU stay out of the measured server process.
    const say = (...parts: unknown[]) => this.options.log(`  web client: ${parts.map((p) => (typeof p === 'string' ? p : JSON.stringify(p))).join(' ')}`);
    type BuildLogger = NonNullable<NonNullable<Parameters<typeof ensureClientBuilt>[0]>['logger']>;
    const { built } = await ensureClientBuilt({ logger: { info: () => {}, warn: say, error: say } as unknown as BuildLogger });
    if (built) this.options.log('  (the web client sources had changed: built it before starting Tansiq, as npm start would)');
    const port = options.port ?? (await freePort());
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...options.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      TANSIQ_DATA_DIR: store.dataDir ?? path.join(this.options.root, 'unused-data'),
      TANSIQ_DEMO: 'false',
      LOG_LEVEL: 'warn',
      TANSIQ_ADMIN_EMAIL: ADMIN.email,
      TANSIQ_ADMIN_PASSWORD: ADMIN.password,
      // scraped on the public port with the token, so no second listener is measured
      METRICS_PORT: 'off',
      METRICS_TOKEN: BENCH_METRICS_TOKEN,
      // Every benchmark client comes from 127.0.0.1, a thousand at once in the memory scenario.
      HTTP_MAX_CONNECTIONS_PER_ADDRESS: '0',
    };
    delete env.DATABASE_URL;
    if (store.database) env.DATABASE_URL = pgUrlOf(store.database);
    const url = `http://127.0.0.1:${port}`;
    // `npm start` is `tsx main.ts`: the same command, with the tsx of this repository
    // (which hands Node flags to the server process; the inspector only opens on SIGUSR1).
    const root = isBaseline(label) ? this.options.baselineRoot! : ROOT;
    const spawned = await spawnServer(label, [path.join(root, 'node_modules/.bin/tsx'), await inspectFlag(), 'main.ts'], env, `${url}/readyz`, true, root);
    return { ...spawned, url };
  }

  private template(label: Label): Promise<Prepared & { source: string }> {
    // The baseline prepares its own (its migrations may be older: a server refuses a database
    // migrated past what it knows), through the same API, so the same users and documents.
    let prepared = this.templates.get(label);
    if (!prepared) {
      prepared = (async () => {
        const { log, root, runId, docs, users } = this.options;
        log(`preparing ${label}: fresh database, ${users} users with API tokens, ${docs} documents (through the API)…`);
        let source: string;
        if (onPostgres(label)) {
          source = `tansiq_bench_${runId}_${label.replaceAll('-', '_')}_template`;
          await pgAdmin((client) => client.query(`CREATE DATABASE ${source}`));
          onCleanup(`db:${source}`, () => pgAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${source} WITH (FORCE)`)).then(() => {}));
        } else {
          source = trackDir(fs.mkdtempSync(path.join(root, 'tansiq-template-')));
        }
        const server = await this.tansiq(label, onPostgres(label) ? { database: source } : { dataDir: source });
        const result = await prepareTansiq(server.url, docs, users, log);
        await server.stop();
        return { ...result, source };
      })();
      this.templates.set(label, prepared);
    }
    return prepared;
  }

  /**
   * Several Tansiq processes on one PostgreSQL database and a Redis: each is a Target of its own
   * (its endpoint, pid and inspector); the database is dropped with the last one disposed.
   */
  async startCluster(label: 'tansiq-pg' | 'tansiq-base-pg', processes: number, redisUrl: string, scenario: string): Promise<Target[]> {
    const first = await this.start(label, scenario, [], { REDIS_URL: redisUrl });
    const database = new URL(first.store.pgUrl!).pathname.slice(1);
    const others: Target[] = [];
    for (let i = 1; i < processes; i++) {
      const server = await this.tansiq(label, { database }, { env: { REDIS_URL: redisUrl } });
      const port = Number(new URL(server.url).port);
      let current = server;
      const target: Target = {
        ...first,
        endpoint: { client: 'y-websocket', url: `${server.url.replace('http', 'ws')}/collab` },
        httpUrl: server.url,
        pid: server.pid,
        inspector: server.inspector,
        output: () => current.output(),
        stop: () => current.stop(),
        restart: async () => {
          await current.stop();
          current = await this.tansiq(label, { database }, { port, env: { REDIS_URL: redisUrl } });
          target.pid = current.pid;
          target.inspector = current.inspector;
        },
        dispose: async () => {},
      };
      others.push(target);
    }
    return [first, ...others];
  }

  async start(label: Label, scenario: string, peerDocs: string[], extraEnv?: NodeJS.ProcessEnv): Promise<Target> {
    const n = ++this.count;
    const options = { env: extraEnv };
    if (isTansiq(label)) {
      const template = await this.template(label);
      let store: Target['store'];
      let dispose: () => Promise<void>;
      let server: Spawned & { url: string };
      if (onPostgres(label)) {
        const database = `tansiq_bench_${this.options.runId}_${n}`;
        await pgAdmin((client) => client.query(`CREATE DATABASE ${database} TEMPLATE ${template.source}`));
        onCleanup(`db:${database}`, () => pgAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)).then(() => {}));
        store = { pgUrl: pgUrlOf(database) };
        dispose = () => runFinalizer(`db:${database}`);
        server = await this.tansiq(label, { database }, options);
      } else {
        const dataDir = trackDir(path.join(this.options.root, `tansiq-${scenario}-${n}`));
        fs.cpSync(template.source, dataDir, { recursive: true });
        store = { pgliteDir: path.join(dataDir, 'pglite') };
        dispose = async () => removeDir(dataDir);
        server = await this.tansiq(label, { dataDir }, options);
      }
      const port = Number(new URL(server.url).port);
      const storeOf = onPostgres(label) ? { database: new URL(store.pgUrl!).pathname.slice(1) } : { dataDir: path.dirname(store.pgliteDir!) };
      const target: Target = {
        label,
        endpoint: { client: 'y-websocket', url: `${server.url.replace('http', 'ws')}/collab` },
        httpUrl: server.url,
        pid: server.pid,
        docs: template.docs,
        tokens: template.tokens,
        store,
        inspector: server.inspector,
        output: () => server.output(),
        stop: () => server.stop(),
        restart: async () => {
          await server.stop();
          server = await this.tansiq(label, storeOf, { port, env: options.env });
          target.pid = server.pid;
          target.inspector = server.inspector;
        },
        dispose,
      };
      return target;
    }
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    if (label === 'hocuspocus') {
      const dir = trackDir(fs.mkdtempSync(path.join(this.options.root, `hocuspocus-${scenario}-`)));
      const sqliteFile = path.join(dir, 'documents.sqlite');
      const script = path.join(ROOT, 'tests/bench/collab/servers/hocuspocus.ts');
      const env = { ...process.env, PORT: String(port), BENCH_SQLITE_FILE: sqliteFile };
      const launch = async () => spawnServer(label, [process.execPath, await inspectFlag(), '--import', 'tsx', script], env, `${url}/stats`, false);
      const endpoint: Endpoint = { client: 'hocuspocus', url: url.replace('http', 'ws') };
      return peerTarget(await launch(), launch, { label, endpoint, httpUrl: url, docs: peerDocs, tokens: [''], store: { sqliteFile }, dispose: async () => removeDir(dir) });
    }
    const bin = path.join(ROOT, 'node_modules/@y/websocket-server/src/server.js');
    const launch = async () => spawnServer(label, [process.execPath, await inspectFlag(), bin], { ...process.env, HOST: '127.0.0.1', PORT: String(port) }, url, false);
    const endpoint: Endpoint = { client: 'y-websocket', url: url.replace('http', 'ws') };
    return peerTarget(await launch(), launch, { label, endpoint, httpUrl: url, docs: peerDocs, tokens: [''], store: {}, dispose: async () => {} });
  }

  /** the documents every server uses: Tansiq's ids if prepared, so names (and wire bytes) match */
  async documentIds(label: Label): Promise<string[]> {
    return (await this.template(label)).docs;
  }
}

/** A peer server's Target; restart starts the same command again on the same port (and store). */
function peerTarget(first: Spawned, launch: () => Promise<Spawned>, fields: Pick<Target, 'label' | 'endpoint' | 'httpUrl' | 'docs' | 'tokens' | 'store' | 'dispose'>): Target {
  let server = first;
  const target: Target = {
    ...fields,
    pid: server.pid,
    inspector: server.inspector,
    output: () => server.output(),
    stop: () => server.stop(),
    restart: async () => {
      await server.stop();
      server = await launch();
      target.pid = server.pid;
      target.inspector = server.inspector;
    },
  };
  return target;
}

/** Tansiq's open documents (GET /metrics) or Hocuspocus's (GET /stats); null for the reference. */
export async function openDocuments(target: Target): Promise<number | null> {
  if (target.label === 'reference') return null;
  if (target.label === 'hocuspocus') return ((await (await fetch(`${target.httpUrl}/stats`)).json()) as { documents: number }).documents;
  return metric(target, 'tansiq_collab_open_documents');
}

/** One Prometheus sample (summed over labels) from Tansiq's GET /metrics. */
export async function metric(target: Target, name: string): Promise<number> {
  const text = await metricsText(target);
  let total = 0;
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (\S+)$/.exec(line);
    if (match && match[1] === name) total += Number(match[3]);
  }
  return total;
}

const BENCH_METRICS_TOKEN = 'bench-metrics-token-0123456789';

export async function metricsText(target: Target): Promise<string> {
  return (await fetch(`${target.httpUrl}/metrics`, { headers: { authorization: `Bearer ${BENCH_METRICS_TOKEN}` } })).text();
}
