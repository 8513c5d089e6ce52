import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { RemotePGlite } from '../../db/pglite-remote.ts';
import { eventually } from '../helpers/collab.ts';

const STUCK_WORKER = new URL('../fixtures/stuck-database-worker.js', import.meta.url);
let remote: RemotePGlite | undefined;
let folder: string | undefined;

afterEach(async () => {
  await remote?.close();
  if (folder) fs.rmSync(folder, { recursive: true, force: true });
});

// A stalled worker is replaced, but a worker stuck in a system call ends only once the call
// returns, and its PostgreSQL could still write to the folder: two of them on one folder corrupt
// it. The new one must start only after the old one has ended.
it('opens the folder again only once the stalled worker has ended', { timeout: 30_000 }, async () => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'tansiq-stuck-'));
  const log = path.join(folder, 'log');
  remote = await RemotePGlite.create(log, 300, undefined, STUCK_WORKER);

  await expect(remote.query('stall')).rejects.toThrow(/did not answer within 300 ms/);
  expect(remote.failure?.message).toMatch(/did not answer/);
  // Asked meanwhile: an error at once, not a wait.
  await expect(remote.query('select 1')).rejects.toThrow(/not answering/);

  await eventually(async () => expect((await remote!.query('select 1')).rows).toEqual([{ answered: true }]), 20_000, 100);
  expect(fs.readFileSync(log, 'utf8').trim().split('\n')).toEqual(['open', 'ended', 'open']);
  expect(remote.failure).toBeNull();
});
