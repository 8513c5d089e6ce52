import { round, type CapacityScenario } from './common.ts';
import { rampDocuments, stepsNote } from './ramp.ts';

/**
 * capacity: the most edits per second one server process takes in and relays with p99 under the
 * limit, at 10 protocol-level clients per document, documents added step by step.
 */
export const capacity: CapacityScenario = {
  name: 'capacity',
  title: 'edits per second one process relays with p99 < 100 ms (10 clients per document)',
  applies: () => true,
  async run(ctx) {
    const server = await ctx.server();
    const pool = await ctx.pool('wire');
    const { steps, sustained, stoppedBecause } = await rampDocuments(ctx, pool, [server], () => server.endpoint);
    return {
      sustainedEditsPerS: sustained?.editsPerS ?? 0,
      sustainedDeliveriesPerS: sustained?.deliveriesPerS ?? 0,
      sustainedDocs: sustained?.docs ?? 0,
      sustainedClients: sustained?.clients ?? 0,
      p99AtSustainedMs: sustained?.p99 ?? null,
      serverCpuPctAtSustained: sustained?.cpu[0] ?? null,
      cpuMsPer1kAtSustained: sustained?.cpuMsPer1k ?? null,
      cpuMsPer1kAtLastStep: steps.at(-1)?.cpuMsPer1k ?? null,
      mainCpuMsPer1kAtLastStep: steps.at(-1)?.mainCpuMsPer1k ?? null,
      serverRssMBAtSustained: sustained?.rss[0] ?? null,
      clientCpuPctAtSustained: round(sustained?.clientCpu, 0),
      stoppedBecause,
      steps: stepsNote(steps),
    };
  },
};
