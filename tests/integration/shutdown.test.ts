import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabaseKind, type TestDatabase } from '../helpers/database.ts';
import { startTestServer } from '../helpers/server.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
/** generous: a child has to boot tsx and (on PGlite) compile PostgreSQL to WebAssembly */
const EXIT_WAIT_MS = 80_000;
/** starting PGlite can take a while on a busy machine; these tests wait, they do not time anything */
const SLOW = { timeout: 90_000 };

interface Child {
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output: () => string;
  kill: (signal: NodeJS.Signals) => void;
  waitFor: (pattern: RegExp) => Promise<RegExpMatchArray>;
}

function run(args: string[], env: NodeJS.ProcessEnv): Child {
  const child = spawn(TSX, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const waiters: Array<() => void> = [];
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const waiter of waiters.splice(0)) waiter();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    // a child still running after the wait is killed, and reported as such rather than hanging the suite
    const guard = setTimeout(() => child.kill('SIGKILL'), EXIT_WAIT_MS);
    child.on('exit', (code, signal) => {
      clearTimeout(guard);
      resolve({ code, signal });
      for (const waiter of waiters.splice(0)) waiter();
    });
  });
  return {
    exited,
    output: () => output,
    kill: (signal) => child.kill(signal),
    async waitFor(pattern) {
      for (;;) {
        const match = output.match(pattern);
        if (match) return match;
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`child exited before printing ${pattern}:\n${output}`);
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    },
  };
}

/** the environment of a child: ours, minus anything that would reach out to other services */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (/^(SLACK_|REDIS_URL|TANSIQ_|PORT$|HOST$)/.test(name)) delete env[name];
  return { ...env, METRICS_PORT: 'off', ...extra };
}

const refusesConnections = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });

describe('graceful shutdown', () => {
  it('close() resolves, stops listening, and a second close() is fine', SLOW, async () => {
    const server = await startTestServer();
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    await expect(server.close()).resolves.toBeUndefined();
    await expect(server.close()).resolves.toBeUndefined();
    expect(await refusesConnections(server.port)).toBe(true);
  });

  it('leaves nothing open: a process that starts, uses and closes a server exits by itself', SLOW, async () => {
    const child = run([path.join(ROOT, 'tests/helpers/start-and-close-child.ts')], childEnv({}));
    const { code, signal } = await child.exited;
    expect({ code, signal }, child.output()).toEqual({ code: 0, signal: null });
    expect(child.output()).toContain('closed');
  });

  describe(`npm start (main.ts) on ${testDatabaseKind}`, () => {
    let dataDir: string;
    let database: TestDatabase | undefined;
    beforeAll(async () => {
      dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'tansiq-main-'));
      if (testDatabaseKind === 'postgres') database = await createTestDatabase({ migrate: false });
    });
    afterAll(async () => {
      await database?.close();
      await fs.rm(dataDir, { recursive: true, force: true });
    });

    it('serves, then exits with code 0 on SIGTERM', SLOW, async () => {
      const child = run(
        [path.join(ROOT, 'main.ts')],
        childEnv({
          PORT: '0',
          HOST: '127.0.0.1',
          TANSIQ_DATA_DIR: dataDir,
          TANSIQ_DEMO: 'false',
          LOG_LEVEL: 'info',
          DATABASE_URL: database?.url ?? '',
        }),
      );
      const [, url] = await child.waitFor(/"url":"(http:\/\/[^"]+)"[^\n]*"msg":"Tansiq is listening"/);
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
      child.kill('SIGTERM');
      const { code, signal } = await child.exited;
      expect({ code, signal }, child.output()).toEqual({ code: 0, signal: null });
      expect(child.output()).toContain('"msg":"stopped"');
    });

    it('refuses to start with an admin e-mail but no password (exit code 78, a clear message)', SLOW, async () => {
      const child = run([path.join(ROOT, 'main.ts')], childEnv({ TANSIQ_ADMIN_EMAIL: 'admin@mre.gov.ma', TANSIQ_DATA_DIR: dataDir, DATABASE_URL: '' }));
      const { code } = await child.exited;
      expect(code, child.output()).toBe(78);
      expect(child.output()).toMatch(/TANSIQ_ADMIN_EMAIL and TANSIQ_ADMIN_PASSWORD/);
    });
  });
});
