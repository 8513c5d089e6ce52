import { execSync } from 'node:child_process';
import fs from 'node:fs';

/** Server process figures from /proc: resident memory and CPU time. */

const CLOCK_TICKS = Number(execSync('getconf CLK_TCK').toString().trim()) || 100;

export function rssBytes(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+) kB/m.exec(status);
  return match ? Number(match[1]) * 1024 : 0;
}

/**
 * user + system CPU seconds the process used so far; with `mainThread`, only its main thread's
 * (where Node runs JavaScript: Tansiq's relay, apart from PGlite's worker thread and libuv's pool)
 */
export function cpuSeconds(pid: number, mainThread = false): number {
  const stat = fs.readFileSync(mainThread ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`, 'utf8');
  // The command name may contain spaces: fields are counted after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** The direct children of a process (tsx runs the program in a child Node process). */
export function childPids(pid: number): number[] {
  try {
    return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

export interface ProcWindow {
  cpuPercent: number;
  cpuSeconds: number;
  /** of which the main thread's */
  mainThreadCpuSeconds: number;
  rssMB: number;
  rssPeakMB: number;
}

/** CPU % (of one core) and RSS of a process over a window, sampled every 250 ms. */
export function sampleProcess(pid: number): { stop(): ProcWindow } {
  const startedAt = performance.now();
  const startCpu = cpuSeconds(pid);
  const startMain = cpuSeconds(pid, true);
  let peak = rssBytes(pid);
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, rssBytes(pid));
    } catch {
      // the process ended; stop() reports what was seen
    }
  }, 250);
  return {
    stop() {
      clearInterval(timer);
      const seconds = (performance.now() - startedAt) / 1000;
      const rss = rssBytes(pid);
      const used = cpuSeconds(pid) - startCpu;
      const main = cpuSeconds(pid, true) - startMain;
      return { cpuPercent: (used / seconds) * 100, cpuSeconds: used, mainThreadCpuSeconds: main, rssMB: rss / 2 ** 20, rssPeakMB: Math.max(peak, rss) / 2 ** 20 };
    },
  };
}

/** RSS after the process had a moment of quiet (a median of a few reads: RSS moves with GC). */
export async function settledRss(pid: number, ms = 3_000): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, ms));
  const reads: number[] = [];
  for (let i = 0; i < 5; i++) {
    reads.push(rssBytes(pid));
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return reads.sort((a, b) => a - b)[2]!;
}

/**
 * The kernel's count of connections dropped because a listening socket's accept queue was full
 * (TcpExt ListenOverflows, for the whole machine): a herd of reconnections larger than the listen
 * backlog, while the server's event loop is busy, loses SYNs, and each lost one costs its client
 * a retransmission 1, 3, 7, 15 … seconds later.
 */
export function listenOverflows(): number {
  const lines = fs
    .readFileSync('/proc/net/netstat', 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('TcpExt:'));
  const names = lines[0]?.split(/\s+/) ?? [];
  const values = lines[1]?.split(/\s+/) ?? [];
  const at = names.indexOf('ListenOverflows');
  return at > 0 ? Number(values[at]) : 0;
}
