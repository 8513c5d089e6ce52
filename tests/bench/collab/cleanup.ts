import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';

/**
 * Everything the run created outside itself: child processes, temp folders, databases. Released
 * at the end, on failure, and on Ctrl-C / SIGTERM — children by their own pid, never by name.
 */
const children = new Set<{ child: ChildProcess; name: string; pids: () => number[] }>();
const dirs = new Set<string>();
const finalizers = new Map<string, () => Promise<void>>();

export function track(child: ChildProcess, name: string, pids: () => number[] = () => (child.pid ? [child.pid] : [])): void {
  const entry = { child, name, pids };
  children.add(entry);
  child.once('exit', () => children.delete(entry));
}

export function trackDir(dir: string): string {
  dirs.add(dir);
  return dir;
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  dirs.delete(dir);
}

/** an async release step (dropping a database), run once */
export function onCleanup(key: string, release: () => Promise<void>): void {
  finalizers.set(key, release);
}

export async function runFinalizer(key: string): Promise<void> {
  const release = finalizers.get(key);
  finalizers.delete(key);
  await release?.();
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

let cleaning: Promise<void> | null = null;

export function cleanupAll(): Promise<void> {
  cleaning ??= (async () => {
    const pids = [...children].flatMap((entry) => entry.pids());
    for (const pid of pids) if (alive(pid)) process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + 8_000;
    while (pids.some(alive) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    for (const pid of pids) if (alive(pid)) process.kill(pid, 'SIGKILL');
    for (const key of [...finalizers.keys()]) await runFinalizer(key).catch((error) => console.error(`cleanup ${key}: ${String(error)}`));
    for (const dir of [...dirs]) removeDir(dir);
  })();
  return cleaning;
}

/** Ctrl-C, SIGTERM and crashes end every child and remove every temp folder before exiting. */
export function installExitHandlers(log: (message: string) => void): void {
  let signalled = false;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (signalled) return;
      signalled = true;
      log(`${signal}: stopping servers and clients, removing temp data…`);
      void cleanupAll().finally(() => process.exit(130));
    });
  }
  process.on('uncaughtException', (error) => {
    console.error(error);
    void cleanupAll().finally(() => process.exit(1));
  });
  process.on('exit', () => {
    // Last resort when exiting without cleanupAll having finished: no orphans.
    for (const entry of children) for (const pid of entry.pids()) if (alive(pid)) process.kill(pid, 'SIGKILL');
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });
}
