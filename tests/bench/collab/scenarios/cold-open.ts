import { isTansiq, onPostgres } from '../targets.ts';
import { clientGroups, round, sleep, waitUnloaded, type Scenario } from './common.ts';

/**
 * 5. cold open: a document with a long history (100k single edits), fed through the server's own
 * protocol in batched messages (so its rate limits are not what is measured), stored and unloaded
 * by the server; then connect → synced of a new client, several times, each from unloaded.
 */
export const coldOpen: Scenario = {
  name: 'cold',
  title: 'cold open of a 100k-update document',
  fresh: () => false,
  applies: (target) => target.label !== 'reference',
  async run(ctx) {
    const { repetitions, feedPerSecond } = ctx.sizes.cold;
    const history = await ctx.history();
    const [group] = clientGroups(ctx.target, ctx.ranges.cold, 3);
    const [feeder, verifier, opener] = group!;
    await ctx.pool.connect(ctx.target.endpoint, [feeder!]);
    ctx.log(`  feeding ${history.updates} updates in ${history.batches} messages (${(history.bytes / 1024).toFixed(0)} KB) at ≤ ${feedPerSecond} messages/s`);
    const fedAt = performance.now();
    await ctx.pool.feed(feeder!.id, history.file, feedPerSecond);
    // The server has it all once a new client syncs the full text.
    const deadline = Date.now() + 120_000;
    for (;;) {
      const check = await ctx.pool.open(ctx.target.endpoint, verifier!);
      if (check.textLength === history.textLength) break;
      if (Date.now() > deadline) throw new Error(`server has ${check.textLength} of ${history.textLength} characters after feeding`);
      await sleep(500);
    }
    ctx.log(`  fed in ${((performance.now() - fedAt) / 1000).toFixed(1)} s; waiting for the server to store and unload it`);
    await ctx.pool.close();
    const times: number[] = [];
    let syncedBytes = 0;
    for (let i = 0; i < repetitions; i++) {
      await waitUnloaded(ctx);
      await sleep(500);
      await ctx.profile?.begin();
      const opened = await ctx.pool.open(ctx.target.endpoint, opener!);
      if (opened.textLength !== history.textLength) throw new Error(`cold open synced ${opened.textLength} of ${history.textLength} characters`);
      await ctx.profile?.end();
      times.push(opened.ms);
      syncedBytes = opened.encodedBytes;
      ctx.log(`  open ${i + 1}/${repetitions}: ${opened.ms.toFixed(1)} ms`);
    }
    const sorted = [...times].sort((a, b) => a - b);
    return {
      database: onPostgres(ctx.target.label) ? 'PostgreSQL' : isTansiq(ctx.target.label) ? 'PGlite' : 'SQLite',
      historyUpdates: history.updates,
      encodedKB: round(syncedBytes / 1024, 1),
      medianMs: round(sorted[Math.floor((sorted.length - 1) / 2)], 1),
      minMs: round(sorted[0], 1),
      maxMs: round(sorted.at(-1), 1),
      runs: times.map((t) => t.toFixed(1)).join(' '),
    };
  },
};
