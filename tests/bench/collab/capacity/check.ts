import type { ClientPool } from '../client-pool.ts';
import type { Result } from '../scenarios/common.ts';
import { groupsOf, measure, openGroups, p, round, type CapacityScenario } from './common.ts';

type Kind = 'stock' | 'wire';
interface Figures {
  editsPerS: number;
  cpuMsPer1k: number;
  bytesOutPerEdit: number;
  bytesInPerDelivery: number;
  /** messages the clients received per edit delivered: fewer when the server merged several edits of a turn into one */
  messagesInPerDelivery: number;
  p99: number | null;
  clientCpuPct: number;
}

/**
 * check: the same steady load on one server from stock providers and from protocol-level clients
 * (on other documents of the same server): the server's work per edit must be the same — edits/s
 * taken in, bytes per edit both ways, CPU per 1000 edits — within 10 %.
 *
 * Both kinds stay connected throughout and take turns editing (stock, wire, stock, wire, …), so
 * each window carries the same idle connections (heartbeats, awareness renewals) and a drift in
 * the machine's load falls on both kinds alike; each figure is the mean over a kind's windows.
 */
export const check: CapacityScenario = {
  name: 'check',
  title: 'protocol-level clients cost the server what stock clients do',
  applies: () => true,
  async run(ctx) {
    const { docs, perDoc, rate, warmupS, seconds, rounds } = ctx.sizes.check;
    const server = await ctx.server();
    const pools = {} as Record<Kind, { pool: ClientPool; ids: number[] }>;
    for (const [kind, range] of [
      ['stock', [0, docs]],
      ['wire', [docs, 2 * docs]],
    ] as const) {
      const pool = await ctx.pool(kind);
      const groups = groupsOf(server, [range[0], range[1]], perDoc);
      const ids = groups.flat().map((spec) => spec.id);
      await openGroups(pool, ctx.label, groups, () => server.endpoint);
      if (kind === 'wire') await pool.prepare(ids, Math.ceil(rate * (warmupS + seconds + 4) * rounds), rate);
      pools[kind] = { pool, ids };
    }
    const windows: Record<Kind, Figures[]> = { stock: [], wire: [] };
    for (let round_ = 0; round_ < rounds; round_++) {
      for (const kind of ['stock', 'wire'] as const) {
        const { pool, ids } = pools[kind];
        await pool.edit(ids, rate);
        const window = await measure(pool, [server], { warmupS, seconds });
        await pool.broadcast({ op: 'stopEdits' });
        const { merged } = window;
        const figures: Figures = {
          editsPerS: merged.editsSent / window.seconds,
          cpuMsPer1k: (window.procs[0]!.cpuSeconds * 1000) / (merged.editsSent / 1000),
          bytesOutPerEdit: merged.wire.bytesOut / merged.editsSent,
          bytesInPerDelivery: merged.histogram.count ? merged.wire.bytesIn / merged.histogram.count : 0,
          messagesInPerDelivery: merged.histogram.count ? merged.wire.messagesIn / merged.histogram.count : 0,
          p99: p(merged, 0.99),
          clientCpuPct: window.clientCpuPct,
        };
        windows[kind].push(figures);
        ctx.log(
          `  round ${round_ + 1} ${kind} clients: ${round(figures.editsPerS, 0)} edits/s, server ${round(figures.cpuMsPer1k, 0)} ms CPU per 1000 edits, ${round(figures.bytesOutPerEdit, 1)} B out per edit, ${round(figures.messagesInPerDelivery, 2)} messages in per delivery, client processes ${round(figures.clientCpuPct, 0)} % CPU`,
        );
      }
    }
    for (const { pool } of Object.values(pools)) await pool.close();
    const mean = (kind: Kind, key: keyof Figures) => {
      const values = windows[kind].map((w) => w[key]).filter((v): v is number => v !== null);
      return values.length ? values.reduce((a, b) => a + b, 0) / values.length : NaN;
    };
    const result: Result = {};
    for (const kind of ['stock', 'wire'] as const) {
      Object.assign(result, {
        [`${kind}EditsPerS`]: round(mean(kind, 'editsPerS'), 0),
        [`${kind}CpuMsPer1kEdits`]: round(mean(kind, 'cpuMsPer1k'), 0),
        [`${kind}BytesOutPerEdit`]: round(mean(kind, 'bytesOutPerEdit'), 1),
        [`${kind}BytesInPerDelivery`]: round(mean(kind, 'bytesInPerDelivery'), 1),
        [`${kind}MessagesInPerDelivery`]: round(mean(kind, 'messagesInPerDelivery'), 2),
        [`${kind}P99Ms`]: round(mean(kind, 'p99'), 1),
        [`${kind}ClientCpuPct`]: round(mean(kind, 'clientCpuPct'), 0),
      });
    }
    const ratio = (key: keyof Figures) => round(mean('wire', key) / mean('stock', key), 2);
    const ratios = { editsPerS: ratio('editsPerS'), cpuPer1k: ratio('cpuMsPer1k'), bytesOut: ratio('bytesOutPerEdit'), bytesIn: ratio('bytesInPerDelivery') };
    const within = Object.values(ratios).every((value) => value !== null && Math.abs(value - 1) <= 0.1);
    return {
      ...result,
      rounds,
      wireOverStockEditsPerS: ratios.editsPerS,
      wireOverStockCpuPer1k: ratios.cpuPer1k,
      wireOverStockBytesOut: ratios.bytesOut,
      wireOverStockBytesIn: ratios.bytesIn,
      cpuPer1kByWindow: `stock ${windows.stock.map((w) => w.cpuMsPer1k.toFixed(0)).join('/')}; wire ${windows.wire.map((w) => w.cpuMsPer1k.toFixed(0)).join('/')}`,
      within10Pct: within ? 'yes' : 'no',
    };
  },
};
