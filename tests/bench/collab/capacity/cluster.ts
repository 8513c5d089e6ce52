import { startOwnRedis } from '../../../helpers/own-redis.ts';
import { round, type CapacityScenario } from './common.ts';
import { rampDocuments, stepsNote } from './ramp.ts';

/**
 * cluster: Tansiq on PostgreSQL, one process, then two processes and a Redis of the run's own with
 * the clients of each document split over them (so half of every document's deliveries cross
 * processes), under the same ramp. The capacity of two against one, and the cross-process p99
 * against the single process's at the same load (the single process's highest sustained step).
 */
export const cluster: CapacityScenario = {
  name: 'cluster',
  title: '1 process vs 2 processes + Redis (PostgreSQL)',
  // the baseline's too (--baseline with --pg): before and after on the same machine, in one run
  applies: (label) => label === 'tansiq-pg' || label === 'tansiq-base-pg',
  async run(ctx) {
    ctx.log('  one process:');
    const single = await ctx.server();
    const singlePool = await ctx.pool('wire');
    const one = await rampDocuments(ctx, singlePool, [single], () => single.endpoint);
    await singlePool.close();
    await single.stop();

    const redis = await startOwnRedis();
    try {
      ctx.log('  two processes + Redis:');
      const targets = await ctx.launcher.startCluster(ctx.label as 'tansiq-pg' | 'tansiq-base-pg', 2, redis.url, 'cluster');
      try {
        const pool = await ctx.pool('wire');
        // up to the single process's sustained load at least, so the p99 there is measured even past the limit
        const two = await rampDocuments(ctx, pool, targets, (spec) => targets[spec.id % targets.length]!.endpoint, one.sustained?.docs ?? 0);
        await pool.close();
        const sameLoad = one.sustained ? two.steps.find((step) => step.docs === one.sustained!.docs) : undefined;
        return {
          oneProcessEditsPerS: one.sustained?.editsPerS ?? 0,
          twoProcessesEditsPerS: two.sustained?.editsPerS ?? 0,
          capacityRatio: one.sustained?.editsPerS ? round((two.sustained?.editsPerS ?? 0) / one.sustained.editsPerS, 2) : null,
          oneProcessP99Ms: one.sustained?.p99 ?? null,
          twoProcessesP99AtSameLoadMs: sameLoad?.p99 ?? null,
          p99Ratio: sameLoad?.p99 && one.sustained?.p99 ? round(sameLoad.p99 / one.sustained.p99, 2) : null,
          oneProcessCpuMsPer1k: one.sustained?.cpuMsPer1k ?? null,
          twoProcessesCpuMsPer1kAtSameLoad: sameLoad?.cpuMsPer1k ?? null,
          oneProcessStopped: one.stoppedBecause,
          twoProcessesStopped: two.stoppedBecause,
          oneProcessSteps: stepsNote(one.steps),
          twoProcessesSteps: stepsNote(two.steps),
        };
      } finally {
        // the first process's target owns the database: stopped last, then it drops the database
        for (const target of [...targets].reverse()) await target.stop().catch(() => {});
        await targets[0]?.dispose();
      }
    } finally {
      await redis.stop();
    }
  },
};
