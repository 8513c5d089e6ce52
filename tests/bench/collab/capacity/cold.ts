import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isTansiq, onPostgres, openDocuments, ROOT, type Target } from '../targets.ts';
import { groupsOf, round, sleep, type CapacityScenario } from './common.ts';

const APPLY_TIME = path.join(path.dirname(fileURLToPath(import.meta.url)), 'apply-time.ts');

/**
 * cold open, server side: a document with 100,000 single edits of history is fed through the
 * protocol, stored and unloaded; then a fresh connection asks for it and the time to the last byte
 * of the answer is taken at the client socket, nothing applied. The stock client's time to apply
 * that answer is measured apart, each time in a fresh process (as a browser tab opening it).
 */
export const coldServer: CapacityScenario = {
  name: 'cold-server',
  title: 'cold open of a 100k-update document, server side',
  applies: (label) => label !== 'reference',
  async run(ctx) {
    const { repetitions, feedPerSecond } = ctx.sizes.cold;
    const history = await ctx.history();
    const server = await ctx.server();
    const pool = await ctx.pool('wire');
    const [feeder, verifier, opener] = groupsOf(server, [0, 1], 3)[0]!;
    await pool.connect(server.endpoint, [feeder!]);
    ctx.log(`  feeding ${history.updates} updates in ${history.batches} messages at ≤ ${feedPerSecond}/s`);
    await pool.feed(feeder!.id, history.file, feedPerSecond);
    const deadline = Date.now() + 120_000;
    for (;;) {
      const state = await pool.openRaw(server.endpoint, verifier!);
      if (state.textLength === history.textLength) break;
      if (Date.now() > deadline) throw new Error(`the server has ${state.textLength} of ${history.textLength} characters after feeding`);
      await sleep(500);
    }
    await pool.close();
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tansiq-cold-')), 'state.bin');
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < repetitions; i++) {
      await waitUnloaded(server);
      await sleep(500);
      const opened = await pool.openRaw(server.endpoint, opener!, 60_000, i === 0 ? file : undefined);
      if (opened.textLength !== history.textLength) throw new Error(`cold open got ${opened.textLength} of ${history.textLength} characters`);
      times.push(opened.ms);
      bytes = opened.bytes;
      ctx.log(`  open ${i + 1}/${repetitions}: last byte after ${opened.ms.toFixed(1)} ms`);
    }
    const applyMs = Array.from({ length: repetitions }, () => Number(execFileSync(process.execPath, ['--import', 'tsx', APPLY_TIME, file], { cwd: ROOT }).toString().trim()));
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
    return {
      store: onPostgres(ctx.label) ? 'PostgreSQL' : isTansiq(ctx.label) ? 'PGlite' : 'SQLite',
      historyUpdates: history.updates,
      stateKB: round(bytes / 1024, 1),
      lastByteMedianMs: median(times),
      lastByteMinMs: round(Math.min(...times), 1),
      lastByteMaxMs: round(Math.max(...times), 1),
      stockApplyMedianMs: median(applyMs),
      runs: times.map((t) => t.toFixed(1)).join(' '),
    };
  },
};

const median = (values: number[]) => round([...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)], 1);

async function waitUnloaded(target: Target, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await openDocuments(target);
    if (open === null || open === 0) return;
    if (Date.now() > deadline) throw new Error(`${target.label} still has ${open} documents open after ${timeoutMs} ms`);
    await sleep(100);
  }
}
