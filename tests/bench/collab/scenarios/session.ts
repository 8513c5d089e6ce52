import { clientGroups, measureWindow, openDocs, round, type Scenario } from './common.ts';

/**
 * 3. session: one writer, many observers on one document (a commission session on screen). Per
 * edit, the latency to the LAST observer that got it; an edit some observer never got counts as
 * infinitely late.
 */
export const session: Scenario = {
  name: 'session',
  title: 'commission session (1 writer, N observers)',
  fresh: () => false,
  applies: () => true,
  repeatable: { metric: 'lastObserverP99Ms' },
  async run(ctx) {
    const { observers, rate, warmupS, seconds } = ctx.sizes.session;
    const [group] = clientGroups(ctx.target, ctx.ranges.session, observers + 1);
    const writer = group![0]!;
    ctx.log(`  1 writer + ${observers} observers on one document`);
    const opened = await openDocs(ctx, [group!]);
    await ctx.pool.edit([writer.id], rate);
    const { merged, proc, clientCpuPct, seconds: elapsed } = await measureWindow(ctx, { warmupS, seconds, perEdit: true, graceS: 2 });
    await ctx.pool.broadcast({ op: 'stopEdits' });
    await ctx.pool.close();
    const lastObserver = [...merged.perEdit.values()].map(([max, n]) => (n >= observers ? max : Infinity)).sort((a, b) => a - b);
    // Edits no observer got at all are not in perEdit: they count as infinitely late too.
    for (let missing = merged.editsSent - lastObserver.length; missing > 0; missing--) lastObserver.push(Infinity);
    const at = (q: number) => (lastObserver.length ? lastObserver[Math.min(lastObserver.length - 1, Math.ceil(q * lastObserver.length) - 1)]! : null);
    const late = (value: number | null, digits: number) => (value === Infinity ? 'never' : round(value, digits));
    return {
      observers,
      edits: merged.editsSent,
      lastObserverP50Ms: late(at(0.5), 2),
      lastObserverP99Ms: late(at(0.99), 2),
      lastObserverMaxMs: late(at(1), 1),
      incompleteEdits: lastObserver.filter((value) => value === Infinity).length,
      allObserversP99Ms: round(merged.histogram.quantile(0.99), 2),
      serverCpuPct: round(proc.cpuPercent, 0),
      clientCpuPct: round(clientCpuPct, 0),
      // The stock providers renew their awareness every 15 s, and each renewal goes to everyone.
      msgsInPerObserverS: round(merged.wire.messagesIn / elapsed / (observers + 1), 1),
      kbInPerObserverS: round(merged.wire.bytesIn / elapsed / (observers + 1) / 1024, 2),
      failedOrLost: opened.failed + merged.lost,
    };
  },
};
