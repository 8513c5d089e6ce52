import { watchPostgres, watchSqlite, type Watcher } from '../commit-watch.ts';
import { metricsText, type Target } from '../targets.ts';
import { clientGroups, measureWindow, openDocs, round, type Scenario } from './common.ts';

/**
 * 6. durability lag: from an update's arrival at the server to its commit in the database. Each
 * document has a writer and an observer; the server broadcasts an update before storing it, so
 * its delivery to the observer marks its arrival (within the server → observer hop).
 *   arrival → committed = visible in the database − (sent + delivery latency)
 *   Tansiq on PostgreSQL: the benchmark polls doc_updates (every 2 ms) and reads the stamps;
 *   Tansiq on PGlite (in-process, unreadable from outside): the server's own lag metric;
 *   Hocuspocus: the benchmark polls its SQLite file read-only and decodes the stored states.
 */
export const durability: Scenario = {
  name: 'durability',
  title: 'durability lag (edit → committed)',
  // The embedded database is watched through the server's own metric: it must hold only this scenario.
  fresh: (label) => label === 'tansiq',
  applies: (target) => target.label !== 'reference',
  async run(ctx) {
    const { docs, rate, seconds } = ctx.sizes.durability;
    const groups = clientGroups(ctx.target, ctx.ranges.durability, 2);
    const ids = groups.map((group) => group[0]!.id);
    await openDocs(ctx, groups);
    const { target } = ctx;
    const watcher: Watcher | null = target.store.pgUrl ? await watchPostgres(target.store.pgUrl) : target.store.sqliteFile ? watchSqlite(target.store.sqliteFile) : null;
    ctx.log(`  ${docs} writers × ${rate} edits/s for ${seconds} s; ${watcher ? 'watching the database' : 'reading the server metric'}`);
    await ctx.pool.edit(ids, rate);
    // Hocuspocus stores 2 s after the last change and at most 10 s after the first: wait that out.
    const graceS = target.label === 'hocuspocus' ? 13 : 2;
    const { merged } = await measureWindow(ctx, { warmupS: 2, seconds, perEdit: true, graceS });
    await ctx.pool.broadcast({ op: 'stopEdits' });
    await watcher?.stop();
    await ctx.pool.close();
    const server = target.label.startsWith('tansiq') ? await serverLag(target) : null;
    if (!watcher) {
      return {
        source: `server metric ${server?.source}`,
        edits: merged.editsSent,
        p50Ms: server?.p50 ?? null,
        p99Ms: server?.p99 ?? null,
        maxMs: null,
        sentP99Ms: null,
        notCommitted: null,
        pollMs: null,
        serverMetricP99Ms: server?.p99 ?? null,
      };
    }
    const fromSent: number[] = [];
    const fromArrival: number[] = [];
    for (const [writer, seq, sentAt] of merged.sent) {
      const committed = watcher.log.committedAt(writer, seq) ?? Infinity;
      fromSent.push(committed - sentAt);
      const delivered = merged.perEdit.get(`bench:${writer}:${seq}`)?.[0];
      fromArrival.push(delivered === undefined ? Infinity : Math.max(0, committed - sentAt - delivered));
    }
    const at = (values: number[], q: number) => {
      const sorted = [...values].sort((a, b) => a - b);
      return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? null;
    };
    return {
      source: target.store.pgUrl ? 'poll doc_updates' : 'poll SQLite file',
      edits: fromSent.length,
      p50Ms: round(at(fromArrival, 0.5), 1),
      p99Ms: round(at(fromArrival, 0.99), 1),
      maxMs: round(at(fromArrival, 1), 0),
      sentP99Ms: round(at(fromSent, 0.99), 1),
      notCommitted: fromSent.filter((lag) => lag === Infinity).length,
      pollMs: round(watcher.pollMs(), 2),
      serverMetricP99Ms: server?.p99 ?? null,
    };
  },
};

/** Tansiq's durability lag from GET /metrics, interpolated within the histogram's buckets. */
async function serverLag(target: Target): Promise<{ p50: number | null; p99: number | null; count: number; source: string }> {
  const text = await metricsText(target);
  const buckets = [...text.matchAll(/^tansiq_collab_durability_lag_seconds_bucket\{le="([^"]+)"\} (\S+)$/gm)].map((m) => [Number(m[1]), Number(m[2])] as const);
  const count = buckets.at(-1)?.[1] ?? 0;
  const at = (q: number) => {
    const rank = q * count;
    let previous: readonly [number, number] = [0, 0];
    for (const bucket of buckets) {
      if (bucket[1] >= rank) {
        if (!Number.isFinite(bucket[0])) return null;
        const share = bucket[1] === previous[1] ? 1 : (rank - previous[1]) / (bucket[1] - previous[1]);
        return round((previous[0] + share * (bucket[0] - previous[0])) * 1000, 2);
      }
      previous = bucket;
    }
    return null;
  };
  return { p50: at(0.5), p99: at(0.99), count, source: 'histogram (interpolated)' };
}
