import { clientGroups, measureWindow, openDocs, round, type Scenario } from './common.ts';

/**
 * 2. ramp: adds documents of `perDoc` typing clients, a group at a time, until the p99 of a
 * window passes the limit (twice in a row) or a client fails; reports the highest count that
 * held, with the server's CPU and RSS at that point.
 */
export const ramp: Scenario = {
  name: 'ramp',
  title: 'ramp until p99 > 100 ms',
  fresh: () => false,
  applies: () => true,
  async run(ctx) {
    const { perDoc, schedule, rate, warmupS, seconds, p99LimitMs } = ctx.sizes.ramp;
    const [first] = ctx.ranges.ramp;
    const steps: Array<{ clients: number; p50: number | null; p99: number | null; cpu: number | null; rss: number | null; clientCpu: number | null; failed: number }> = [];
    let sustained: (typeof steps)[number] | null = null;
    let clients = 0;
    let stopReason = `held at the last step (${schedule.at(-1)} clients)`;
    let nextDoc = first;
    for (const goal of schedule) {
      const addDocs = Math.ceil((goal - clients) / perDoc);
      const groups = clientGroups(ctx.target, [nextDoc, nextDoc + addDocs], perDoc);
      nextDoc += addDocs;
      const ids = groups.flat().map((spec) => spec.id);
      const opened = await openDocs(ctx, groups);
      await ctx.pool.edit(ids, rate);
      clients += ids.length;
      let { merged, proc, clientCpuPct } = await measureWindow(ctx, { warmupS, seconds });
      const over = () => (merged.histogram.quantile(0.99) ?? Infinity) > p99LimitMs;
      // One burst of other work on the machine should not end the ramp: a step over the limit is measured once more.
      if (over() && merged.lost === 0 && opened.failed === 0) {
        ctx.log(`  ${clients} clients: p99 ${round(merged.histogram.quantile(0.99), 1)} ms, measuring once more`);
        ({ merged, proc, clientCpuPct } = await measureWindow(ctx, { warmupS: 0, seconds }));
      }
      const step = {
        clients,
        p50: round(merged.histogram.quantile(0.5), 2),
        p99: round(merged.histogram.quantile(0.99), 2),
        cpu: round(proc.cpuPercent, 0),
        rss: round(proc.rssPeakMB, 0),
        clientCpu: round(clientCpuPct, 0),
        failed: opened.failed + merged.lost,
      };
      steps.push(step);
      ctx.log(
        `  ${clients} clients: p50 ${step.p50} ms, p99 ${step.p99} ms, server CPU ${step.cpu}%, RSS ${step.rss} MB, clients CPU ${step.clientCpu}%${step.failed ? `, ${step.failed} failed/lost` : ''}`,
      );
      if (step.failed > 0) {
        stopReason = `${step.failed} clients failed or were dropped at ${clients}`;
        break;
      }
      if (step.p99 === null || step.p99 > p99LimitMs) {
        stopReason = `p99 ${step.p99} ms > ${p99LimitMs} ms at ${clients}`;
        break;
      }
      sustained = step;
    }
    await ctx.pool.broadcast({ op: 'stopEdits' });
    await ctx.pool.close();
    return {
      sustainedClients: sustained?.clients ?? 0,
      p99AtSustainedMs: sustained?.p99 ?? null,
      serverCpuPctAtSustained: sustained?.cpu ?? null,
      serverRssMBAtSustained: sustained?.rss ?? null,
      clientCpuPctAtSustained: sustained?.clientCpu ?? null,
      stoppedBecause: stopReason,
      steps: steps.map((s) => `${s.clients}:${s.p99}`).join(' '),
    };
  },
};
