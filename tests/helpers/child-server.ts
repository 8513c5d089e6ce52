import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Test servers serve /metrics on their public port behind this token (METRICS_TOKEN) and open no
 * separate metrics listener (METRICS_PORT=off): parallel test servers would all want port 9464.
 */
export const TEST_METRICS_TOKEN = 'test-metrics-token-0123456789';
export const TEST_METRICS_ENV = { METRICS_PORT: 'off', METRICS_TOKEN: TEST_METRICS_TOKEN };

/**
 * A port that was free a moment ago, for a server that must come back on the same port after a
 * restart. Taken below the kernel's ephemeral range (32768+), from which every `PORT=0` server and
 * outgoing connection of the parallel tests draws, so none of them grabs it while it is down.
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 10_000);
    if (await canListen(port)) return port;
  }
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

export interface ChildServer {
  url: string;
  port: number;
  /** stdout and stderr so far, for failure messages */
  output(): string;
  /** SIGKILL: no shutdown hook runs, nothing is flushed */
  kill9(): Promise<void>;
  /** SIGTERM: the normal shutdown, which flushes and closes the database */
  stop(): Promise<void>;
}

/**
 * `main.ts` in its own Node process (tsx loader in-process, so the pid killed is the
 * server itself), listening on `port`; resolves once GET /readyz answers 200.
 */
export async function spawnServer(port: number, env: Record<string, string>): Promise<ChildServer> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...TEST_METRICS_ENV, ...env };
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', 'main.ts'], { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      // A server that ended by itself (a crash) says so in its output, which failure messages show.
      output += `\n[server process ended: ${signal ?? `exit code ${code}`}]\n`;
      resolve();
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  await waitReady(url, child, () => output);
  const signal = async (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name);
    await exited;
  };
  return { url, port, output: () => output, kill9: () => signal('SIGKILL'), stop: () => signal('SIGTERM') };
}

async function waitReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  // A hang detector: a loaded machine (two cores shared by parallel suites) can take a minute.
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${url}/readyz`);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`server did not become ready:\n${output()}`);
}

/** One sample of a Prometheus metric from GET /metrics, summed over the series that carry `labels`; 0 when absent. */
export async function metricValue(url: string, name: string, labels: Record<string, string> = {}): Promise<number> {
  const text = await (await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${TEST_METRICS_TOKEN}` } })).text();
  const wanted = Object.entries(labels).map(([label, value]) => `${label}="${value}"`);
  let total = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (\S+)$/.exec(line);
    if (match && match[1] === name && wanted.every((pair) => match[2]?.includes(pair))) total += Number(match[3]);
  }
  return total;
}
