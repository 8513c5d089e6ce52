/**
 * `npm run bench:faults`: runs the fault tests of issue 13 on the embedded database and on
 * PostgreSQL, and prints what they measured as one table: per scenario and database, the edits
 * typed, acknowledged and lost, and the time to converge after the fault ended. The tests assert
 * that nothing acknowledged is lost; this only gathers their figures (times are not asserted).
 *
 *   npm run bench:faults [-- --only=pglite|postgres] [-- --files=collab-crash,power-cut]
 *
 * PostgreSQL: BENCH_DATABASE_URL, else DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres
 * (the tests create and drop their own databases on it). The disk and power-cut tests need root.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const FILES = [
  'cluster-process-loss',
  'cluster-redis-outage',
  'power-cut',
  'pglite-disk-failure',
  'postgres-disk-failure',
  'database-outage',
  'pglite-stall',
  'collab-large-offline-edit',
  'collab-projection-crash',
  'collab-crash',
  'collab-offline-merge',
];

interface Row {
  scenario: string;
  database: string;
  typed: number;
  acknowledged: number | null;
  lost: number;
  convergedMs: number | null;
  note?: string;
}

const argument = (name: string) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const only = argument('only');
const files = (argument('files')?.split(',') ?? FILES).map((name) => `tests/integration/${name}.test.ts`);
const postgresUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const figures = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tansiq-faults-')), 'figures.jsonl');
const failures: string[] = [];

for (const database of ['pglite', 'postgres'] as const) {
  if (only && only !== database) continue;
  const env: NodeJS.ProcessEnv = { ...process.env, FAULT_FIGURES_FILE: figures };
  if (database === 'postgres') env.DATABASE_URL = postgresUrl;
  else delete env.DATABASE_URL;
  // One file at a time: the figures are times, and parallel files would slow each other.
  for (const file of files) {
    console.error(`[bench:faults] ${database}: ${file}`);
    const run = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--maxWorkers=1', file], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    if (run.status !== 0) failures.push(`${database}: ${file} (exit ${run.status})`);
  }
}

const rows: Row[] = fs.existsSync(figures)
  ? fs
      .readFileSync(figures, 'utf8')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line))
  : [];
rows.sort((a, b) => a.scenario.localeCompare(b.scenario) || a.database.localeCompare(b.database));
console.log('| scenario | database | typed | acknowledged | lost | converged after the fault (ms) | note |');
console.log('| --- | --- | ---: | ---: | ---: | ---: | --- |');
for (const row of rows) {
  console.log(`| ${row.scenario} | ${row.database} | ${row.typed} | ${row.acknowledged ?? 'n/a'} | ${row.lost} | ${row.convergedMs ?? 'n/a'} | ${row.note ?? ''} |`);
}
if (failures.length > 0) {
  console.log(`\nFailed or skipped with an error: ${failures.join('; ')}`);
  process.exitCode = 1;
}
