import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from './child-server.ts';
import { createExt4Volume, ext4VolumeUnavailable, type Ext4Volume } from './ext4-volume.ts';

/**
 * A PostgreSQL cluster of the test's own whose data directory sits on a small ext4 volume (see
 * ext4-volume.ts), for tests that fill or break the disk under it: the shared server must never
 * be. PostgreSQL refuses to run as root, so it runs as the `postgres` OS user. Tests ask
 * `ownPostgresUnavailable()` first and skip with its reason.
 */
export interface OwnPostgres {
  /** postgres:// URL of its `postgres` database (trust authentication, loopback only) */
  url: string;
  volume: Ext4Volume;
  /** starts it (crash recovery included, after a cut); nothing when it runs */
  start(): Promise<void>;
  /** immediate shutdown (SIGQUIT), SIGKILL if it does not exit within 5 s; nothing when stopped */
  stop(): Promise<void>;
  /** whether the postmaster process still runs (it exits by itself after a failure it cannot recover from) */
  running(): boolean;
  /** its server log so far, for failure messages */
  log(): string;
  dispose(): Promise<void>;
}

/** Why these tests cannot run here, or null when they can. */
export function ownPostgresUnavailable(): string | null {
  const volume = ext4VolumeUnavailable();
  if (volume) return volume;
  if (!postgresBin()) return 'no PostgreSQL server binaries (/usr/lib/postgresql/*/bin/initdb)';
  if (postgresUser() === null) return 'no `postgres` OS user to run PostgreSQL as (it refuses to run as root)';
  return null;
}

function postgresBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return null;
  const versions = fs.readdirSync(root).filter((version) => fs.existsSync(path.join(root, version, 'bin', 'initdb')));
  versions.sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], 'bin') : null;
}

function postgresUser(): { uid: number; gid: number } | null {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    return null;
  }
}

export async function startOwnPostgres(volumeMb: number): Promise<OwnPostgres> {
  const bin = postgresBin()!;
  const user = postgresUser()!;
  const volume = createExt4Volume(volumeMb);
  // The volume's parent folder is root's (mkdtemp, 0700): the postgres user must reach the mount.
  fs.chmodSync(path.dirname(volume.dir), 0o755);
  fs.chownSync(volume.dir, user.uid, user.gid);
  const dataDir = path.join(volume.dir, 'pg');
  // Log and socket off the volume: they must outlive a full or failing disk.
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tansiq-pg-run-'));
  fs.chmodSync(runDir, 0o755);
  fs.chownSync(runDir, user.uid, user.gid);
  const asPostgres = { uid: user.uid, gid: user.gid, cwd: runDir, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8' } };
  execFileSync(path.join(bin, 'initdb'), ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync'], { ...asPostgres, stdio: 'ignore' });
  // initdb without its own fsyncs is quicker; one sync makes the new cluster durable before a test cuts power under it.
  execFileSync('sync', ['-f', dataDir]);
  const port = await freePort();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let child: ChildProcess | null = null;
  let log = '';

  const start = async () => {
    if (child && child.exitCode === null && child.signalCode === null) return;
    const started = spawn(
      path.join(bin, 'postgres'),
      // fsync on, as in production: what it acknowledged must survive; small WAL so the volume stays small.
      ['-D', dataDir, '-p', String(port), '-k', runDir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=on', '-c', 'max_wal_size=64MB', '-c', 'min_wal_size=32MB'],
      { ...asPostgres, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    started.stdout!.on('data', (chunk) => (log += chunk));
    started.stderr!.on('data', (chunk) => (log += chunk));
    child = started;
    const deadline = Date.now() + 60_000;
    while (!(await answers(url))) {
      if (started.exitCode !== null) throw new Error(`PostgreSQL exited with ${started.exitCode}:\n${log}`);
      if (Date.now() > deadline) throw new Error(`PostgreSQL did not start:\n${log}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const stop = async () => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGQUIT');
    const timer = setTimeout(() => running.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };

  await start();
  return {
    url,
    volume,
    start,
    stop,
    running: () => child !== null && child.exitCode === null && child.signalCode === null,
    log: () => log,
    dispose: async () => {
      await stop();
      volume.dispose();
      fs.rmSync(runDir, { recursive: true, force: true });
    },
  };
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}
