import type { Result } from '../scenarios/common.ts';
import { groupsOf, measure, openGroups, p, round, type CapacityScenario } from './common.ts';

/**
 * check: the same steady load on one server, first from stock providers, then from protocol-level
 * clients (on other documents of the same server): the server's work per edit must be the same —
 * edits/s taken in, bytes per edit both ways, CPU per 1000 edits — within 10 %.
 */
export const check: CapacityScenario = {
  name: 'check',
  title: 'protocol-level clients cost the server what stock clients do',
  applies: () => true,
  async run(ctx) {
    const { docs, perDoc, rate, warmupS, seconds } = ctx.sizes.check;
    const server = await ctx.server();
    const result: Result = {};
    const figures: Record<string, { editsPerS: number; cpuMsPer1k: number; bytesOutPerEdit: number; bytesInPerDelivery: number }> = {};
    for (const [kind, range] of [['stock', [0, docs]], ['wire', [docs, 2 * docs]]] as const) {
      const pool = await ctx.pool(kind);
      const groups = groupsOf(server, [range[0], range[1]], perDoc);
      const ids = groups.flat().map((spec) => spec.id);
      await openGroups(pool, ctx.label, groups, () => server.endpoint);
      if (kind === 'wire') await pool.prepare(ids, Math.ceil(rate * (warmupS + seconds + 4)), rate);
      await pool.edit(ids, rate);
      const window = await measure(pool, [server], { warmupS, seconds });
      await pool.broadcast({ op: 'stopEdits' });
      await pool.close();
      const { merged } = window;
      const proc = window.procs[0]!;
      figures[kind] = {
        editsPerS: merged.editsSent / window.seconds,
        cpuMsPer1k: (proc.cpuSeconds * 1000) / (merged.editsSent / 1000),
        bytesOutPerEdit: merged.wire.bytesOut / merged.editsSent,
        bytesInPerDelivery: merged.histogram.count ? merged.wire.bytesIn / merged.histogram.count : 0,
      };
      Object.assign(result, {
        [`${kind}EditsPerS`]: round(figures[kind]!.editsPerS, 0),
        [`${kind}CpuMsPer1kEdits`]: round(figures[kind]!.cpuMsPer1k, 0),
        [`${kind}BytesOutPerEdit`]: round(figures[kind]!.bytesOutPerEdit, 1),
        [`${kind}BytesInPerDelivery`]: round(figures[kind]!.bytesInPerDelivery, 1),
        [`${kind}P99Ms`]: round(p(merged, 0.99), 1),
        [`${kind}ClientCpuPct`]: round(window.clientCpuPct, 0),
      });
      ctx.log(`  ${kind} clients: ${round(figures[kind]!.editsPerS, 0)} edits/s, server ${round(figures[kind]!.cpuMsPer1k, 0)} ms CPU per 1000 edits, ${round(figures[kind]!.bytesOutPerEdit, 1)} B out per edit, client processes ${round(window.clientCpuPct, 0)} % CPU`);
    }
    const ratio = (key: keyof (typeof figures)[string]) => round(figures.wire![key] / figures.stock![key], 2);
    const ratios = { editsPerS: ratio('editsPerS'), cpuPer1k: ratio('cpuMsPer1k'), bytesOut: ratio('bytesOutPerEdit'), bytesIn: ratio('bytesInPerDelivery') };
    const within = Object.values(ratios).every((value) => value !== null && Math.abs(value - 1) <= 0.1);
    return {
      ...result,
      wireOverStockEditsPerS: ratios.editsPerS,
      wireOverStockCpuPer1k: ratios.cpuPer1k,
      wireOverStockBytesOut: ratios.bytesOut,
      wireOverStockBytesIn: ratios.bytesIn,
      within10Pct: within ? 'yes' : 'no',
    };
  },
};
