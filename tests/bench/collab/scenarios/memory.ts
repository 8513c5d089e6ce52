import { settledRss } from '../proc.ts';
import { isTansiq, metric, type Target } from '../targets.ts';
import { clientGroups, openDocs, round, type Scenario } from './common.ts';

const STEPS = 4;
/** the first documents opened carry one-time costs (code paths warming up, tables growing): not in the slope */
const WARM_UP_SHARE = 0.1;

/**
 * 4. memory: the server's RSS (from /proc) in phases on a fresh server, each after a full GC.
 * After a few warm-up documents, documents are opened (one connection each, seeded small) in
 * STEPS steps, then the remaining idle connections are added in STEPS steps; the cost of each
 * is the slope of RSS over the count (Theil–Sen: less sensitive than one difference to the
 * allocator handing memory out and back in large blocks).
 *   per idle connection = slope over connections
 *   per open document   = slope over documents − per connection
 */
export const memory: Scenario = {
  name: 'memory',
  title: 'memory per idle connection and per open small document',
  fresh: () => true,
  applies: () => true,
  async run(ctx) {
    const { docs, connections, settleS } = ctx.sizes.memory;
    const perDoc = Math.ceil(connections / docs);
    const groups = clientGroups(ctx.target, ctx.ranges.memory, perDoc);
    // A full GC before each reading (through the inspector, the same for every server): RSS then
    // follows live memory instead of when each server's collector happened to run.
    const sample = async (x: number) => {
      await ctx.target.inspector.collectGarbage();
      await new Promise((resolve) => setTimeout(resolve, settleS * 1000));
      // Twice, apart: the young generation shrinks back only once allocation has calmed down.
      await ctx.target.inspector.collectGarbage();
      const rss = await settledRss(ctx.target.pid, 1000);
      const external = isTansiq(ctx.target.label) ? await metric(ctx.target, 'nodejs_external_memory_bytes') : 0;
      return { x, rss, heap: await heapUsed(ctx.target), external };
    };
    // A fresh process gives back start-up memory for a while (allocator trims, heap shrinking after
    // its first idle GCs): let that happen before the first reading, not in the middle of a phase.
    await ctx.target.inspector.collectGarbage();
    await new Promise((resolve) => setTimeout(resolve, settleS * 4_000));
    const idle = await sample(0);
    const warm = Math.max(1, Math.round(docs * WARM_UP_SHARE));
    await openDocs(
      ctx,
      groups.slice(0, warm).map((group) => group.slice(0, 1)),
    );
    const docPoints = [await sample(warm)];
    ctx.log(`  RSS ${mb(idle.rss)} MB idle, ${mb(docPoints[0]!.rss)} MB after ${warm} warm-up documents; opening ${docs - warm} more (one connection each) in ${STEPS} steps`);
    await ctx.profile?.beginHeap();
    for (const [from, to] of chunks(docs - warm)) {
      await openDocs(
        ctx,
        groups.slice(warm + from, warm + to).map((group) => group.slice(0, 1)),
      );
      docPoints.push(await sample(warm + to));
    }
    await ctx.profile?.endHeap('documents');
    const rest = groups.flatMap((group) => group.slice(1));
    ctx.log(`  ${mb(docPoints.at(-1)!.rss - docPoints[0]!.rss)} MB more with the documents; adding ${rest.length} idle connections in ${STEPS} steps`);
    const connectionPoints = [{ ...docPoints.at(-1)!, x: 0 }];
    let failed = 0;
    await ctx.profile?.beginHeap();
    for (const [from, to] of chunks(rest.length)) {
      failed += (await ctx.pool.connect(ctx.target.endpoint, rest.slice(from, to))).failed;
      connectionPoints.push(await sample(to));
    }
    await ctx.profile?.endHeap('connections');
    const encoded = await ctx.pool.states(groups.slice(0, 5).map((group) => group[0]!.id));
    await ctx.pool.close();
    const perConnection = slope(connectionPoints.map((p) => [p.x, p.rss]));
    const perDocument = slope(docPoints.map((p) => [p.x, p.rss])) - perConnection;
    const heapPerConnection = isTansiq(ctx.target.label) ? slope(connectionPoints.map((p) => [p.x, p.heap ?? 0])) : null;
    const heapPerDocument = heapPerConnection === null ? null : slope(docPoints.map((p) => [p.x, p.heap ?? 0])) - heapPerConnection;
    return {
      documents: docs,
      connections: docs + rest.length,
      docEncodedBytes: encoded.length ? Math.round(encoded.reduce((sum, s) => sum + s.encodedBytes, 0) / encoded.length) : null,
      baselineMB: round(idle.rss / 2 ** 20, 1),
      withConnectionsMB: round(connectionPoints.at(-1)!.rss / 2 ** 20, 1),
      kbPerIdleConnection: round(perConnection / 1024, 1),
      kbPerOpenDocument: round(perDocument / 1024, 1),
      heapKbPerIdleConnection: heapPerConnection === null ? null : round(heapPerConnection / 1024, 1),
      heapKbPerOpenDocument: heapPerDocument === null ? null : round(heapPerDocument / 1024, 1),
      rssSteps: [idle, ...docPoints, ...connectionPoints.slice(1)].map((p) => mb(p.rss)).join(' '),
      heapSteps: isTansiq(ctx.target.label) ? [idle, ...docPoints, ...connectionPoints.slice(1)].map((p) => mb(p.heap ?? 0)).join(' ') : null,
      externalSteps: isTansiq(ctx.target.label) ? [idle, ...docPoints, ...connectionPoints.slice(1)].map((p) => mb(p.external)).join(' ') : null,
      failed,
    };
  },
};

const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);

function chunks(total: number): Array<[number, number]> {
  return Array.from({ length: STEPS }, (_, i) => [Math.round((total * i) / STEPS), Math.round((total * (i + 1)) / STEPS)] as [number, number]);
}

/**
 * Theil–Sen slope of y over x (median of the slopes between every two points): one jump of RSS in
 * the middle of a phase (the allocator giving back a large block) does not decide the result.
 */
function slope(points: Array<[number, number]>): number {
  const slopes: number[] = [];
  for (let i = 0; i < points.length; i++) {
    for (let j = i + 1; j < points.length; j++) if (points[j]![0] !== points[i]![0]) slopes.push((points[j]![1] - points[i]![1]) / (points[j]![0] - points[i]![0]));
  }
  slopes.sort((a, b) => a - b);
  const mid = slopes.length / 2;
  return slopes.length === 0 ? 0 : slopes.length % 2 ? slopes[Math.floor(mid)]! : (slopes[mid - 1]! + slopes[mid]!) / 2;
}

/** Tansiq's V8 heap in use (its default process metrics): splits RSS into JS objects and the rest (PGlite's WASM memory, buffers). */
async function heapUsed(target: Target): Promise<number | null> {
  return isTansiq(target.label) ? metric(target, 'nodejs_heap_size_used_bytes') : null;
}
