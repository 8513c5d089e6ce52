import { clientGroups, measureWindow, openDocs, round, type Scenario } from './common.ts';

/** 1. steady: documents × clients typing N edits/s each; edit → remote-apply latency and wire traffic. */
export const steady: Scenario = {
  name: 'steady',
  title: 'steady typing',
  fresh: () => false,
  applies: () => true,
  repeatable: { metric: 'p99Ms' },
  async run(ctx) {
    const { docs, perDoc, rate, warmupS, seconds } = ctx.sizes.steady;
    const groups = clientGroups(ctx.target, ctx.ranges.steady, perDoc);
    const ids = groups.flat().map((spec) => spec.id);
    ctx.log(`  connecting ${ids.length} clients over ${docs} documents`);
    const opened = await openDocs(ctx, groups);
    await ctx.pool.edit(ids, rate);
    ctx.log(`  typing: ${ids.length} × ${rate} edits/s; warm-up ${warmupS} s, measuring ${seconds} s`);
    const { merged, seconds: elapsed, proc, clientCpuPct } = await measureWindow(ctx, { warmupS, seconds });
    await ctx.pool.broadcast({ op: 'stopEdits' });
    await ctx.pool.close();
    const h = merged.histogram;
    const expected = merged.editsSent * (perDoc - 1);
    return {
      clients: ids.length,
      p50Ms: round(h.quantile(0.5), 2),
      p99Ms: round(h.quantile(0.99), 2),
      maxMs: round(h.max, 1),
      meanMs: round(h.mean, 2),
      editsPerS: round(merged.editsSent / seconds, 0),
      deliveredPct: expected ? round((h.count / expected) * 100, 2) : null,
      msgsInPerClientS: round(merged.wire.messagesIn / elapsed / ids.length, 1),
      msgsOutPerClientS: round(merged.wire.messagesOut / elapsed / ids.length, 1),
      kbInPerS: round(merged.wire.bytesIn / elapsed / 1024, 1),
      kbOutPerS: round(merged.wire.bytesOut / elapsed / 1024, 1),
      bytesInPerDelivery: h.count ? round(merged.wire.bytesIn / h.count, 1) : null,
      bytesOutPerEdit: merged.editsSent ? round(merged.wire.bytesOut / merged.editsSent, 1) : null,
      serverCpuPct: round(proc.cpuPercent, 0),
      // CPU time rather than wall time: the figure that holds on a busy machine.
      serverCpuMsPer1kEdits: merged.editsSent ? round((proc.cpuSeconds * 1e6) / merged.editsSent, 0) : null,
      serverRssMB: round(proc.rssPeakMB, 0),
      clientCpuPct: round(clientCpuPct, 0),
      failedOrLost: opened.failed + merged.lost,
    };
  },
};
