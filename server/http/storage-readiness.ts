import fs from 'node:fs/promises';
import type { DatabaseHandle } from '../../db/database.ts';
import type { ReadinessCheck } from './readiness.ts';

/** Below this much free space in the embedded database's folder, /readyz says the disk is full. */
export const MIN_FREE_DISK_BYTES = 16 * 1024 * 1024;

/**
 * The /readyz checks of storage: the database answers; the edits it was given are being stored
 * (a database can answer a SELECT while every write fails: full disk, read-only disk); and, for the
 * embedded database, its disk has room. `writeProblem` is the store's (DocumentStore.writeProblem).
 */
export function storageChecks(database: DatabaseHandle, writeProblem: () => unknown): ReadinessCheck[] {
  const checks: ReadinessCheck[] = [
    { name: 'database', check: () => database.problem() },
    { name: 'writes', check: async () => describeWriteProblem(writeProblem()) },
  ];
  const dataDir = database.dataDir;
  if (dataDir) checks.push({ name: 'disk', check: () => diskProblem(dataDir) });
  return checks;
}

/** Why writes fail, said plainly; null when they do not. */
export function describeWriteProblem(error: unknown): string | null {
  if (error === null || error === undefined) return null;
  const message = error instanceof Error ? error.message : String(error);
  return isDiskFull(error, message) ? `disk full, edits are not being stored: ${message}` : `failing writes, edits are not being stored: ${message}`;
}

function isDiskFull(error: unknown, message: string): boolean {
  // 53100: PostgreSQL's disk_full; the embedded one reports the operating system's error.
  return (error as { code?: string })?.code === '53100' || /no space left on device|ENOSPC/i.test(message);
}

async function diskProblem(dir: string): Promise<string | null> {
  const stats = await fs.statfs(dir);
  const free = stats.bavail * stats.bsize;
  return free < MIN_FREE_DISK_BYTES ? `disk full: ${Math.floor(free / 1024 / 1024)} MB free where the database lives (${dir})` : null;
}
