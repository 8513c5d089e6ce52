import { cpuSeconds, listenOverflows, settledRss } from '../proc.ts';
import { isTansiq } from '../targets.ts';
import { groupsOf, measure, openGroups, p, round, sleep, type CapacityScenario } from './common.ts';

/**
 * connections: 1,000 documents × 10 protocol-level clients on one process. Memory per idle
 * connection and per open document (RSS after forced GCs); 10 % of the documents active at 1 edit/s
 * per client, p99 of those; then the server restarts (SIGTERM, started again on the same port and
 * data, as in a deploy) and every client comes back: the time from the first client synced again
 * to the last (the herd, which the new process admits as soon as it listens, before /readyz may
 * answer), and whether every edit sent before is in the server's state afterwards.
 */
export const connections: CapacityScenario = {
  name: 'connections',
  title: '10,000 connections: memory, p99 of the active, reconnect after a restart',
  applies: () => true,
  async run(ctx) {
    const { docs, perDoc, activeShare, rate, warmupS, seconds, herdTimeoutS } = ctx.sizes.connections;
    const server = await ctx.server();
    const pool = await ctx.pool('wire');
    // RSS after forced GCs, and the V8 heap then (which the allocator's and PGlite's pages do not blur)
    const heap = { idle: 0, withDocs: 0, withAll: 0 };
    const rss = async (at: keyof typeof heap) => {
      await server.inspector.collectGarbage();
      await sleep(1_000);
      await server.inspector.collectGarbage();
      heap[at] = await server.inspector.heapUsed();
      return settledRss(server.pid, 1_000);
    };
    await server.inspector.collectGarbage();
    await sleep(5_000);
    const idle = await rss('idle');
    const groups = groupsOf(server, [0, docs], perDoc);
    // one connection per document first (the document's cost), then the nine others (the connections')
    const opened = await openGroups(
      pool,
      ctx.label,
      groups.map((group) => group.slice(0, 1)),
      () => server.endpoint,
    );
    const withDocs = await rss('withDocs');
    ctx.log(`  RSS ${mb(idle)} MB idle, ${mb(withDocs)} MB with ${docs} documents open; connecting ${docs * (perDoc - 1)} more clients`);
    const joined = await pool.connect(
      server.endpoint,
      groups.flatMap((group) => group.slice(1)),
      120_000,
    );
    const withAll = await rss('withAll');
    const perConnection = (withAll - withDocs) / (docs * (perDoc - 1));
    const perDocument = (withDocs - idle) / docs - perConnection;
    const heapPerConnection = (heap.withAll - heap.withDocs) / (docs * (perDoc - 1));
    const heapPerDocument = (heap.withDocs - heap.idle) / docs - heapPerConnection;
    const status = await pool.status();
    ctx.log(
      `  ${status.synced} of ${status.clients} clients synced; RSS ${mb(withAll)} MB; per idle connection ${(perConnection / 1024).toFixed(2)} KB RSS, ${(heapPerConnection / 1024).toFixed(2)} KB heap`,
    );

    const active = groups.slice(0, Math.max(1, Math.round(docs * activeShare)));
    const activeIds = active.flat().map((spec) => spec.id);
    await pool.prepare(activeIds, Math.ceil(rate * (warmupS + seconds + 4)), rate);
    await pool.edit(activeIds, rate);
    const window = await measure(pool, [server], { warmupS, seconds, profile: ctx.profile(server, 'connections-active') });
    await pool.broadcast({ op: 'stopEdits' });
    const expected = window.merged.editsSent * (perDoc - 1);
    ctx.log(
      `  ${active.length} active documents: p99 ${round(p(window.merged, 0.99), 1)} ms, ${round((100 * window.merged.histogram.count) / Math.max(1, expected), 2)} % delivered`,
    );

    // The thundering herd: every client reconnects with the stock provider's backoff.
    await sleep(1_000);
    const sent = await pool.sentSeqs(activeIds);
    const overflowsBefore = listenOverflows();
    const stopAt = performance.now();
    // The clients are watched from SIGTERM on: the new process admits them as soon as it listens,
    // which may be long before /readyz answers (its event loop is then busy with them).
    const herd = { droppedAt: null as number | null, firstBackAt: null as number | null, halfAt: null as number | null, allBackAt: null as number | null };
    let readyAt: number | null = null;
    let back = await pool.status();
    const watching = (async () => {
      for (;;) {
        back = await pool.status();
        const at = performance.now();
        if (herd.droppedAt === null && back.synced === 0) herd.droppedAt = at;
        if (herd.droppedAt !== null) {
          if (herd.firstBackAt === null && back.synced > 0) herd.firstBackAt = at;
          if (herd.halfAt === null && back.synced >= back.clients / 2) herd.halfAt = at;
          if (back.synced === back.clients) return (herd.allBackAt = at);
        }
        if (readyAt !== null && at - readyAt > herdTimeoutS * 1000) return;
        await sleep(100);
      }
    })();
    await server.restart().then(() => (readyAt = performance.now()));
    // With --profile: where the new process's time goes from ready on (the herd, if it is not over).
    const herdProfile = ctx.profile(server, 'herd');
    await herdProfile?.begin();
    await watching;
    await herdProfile?.end();
    const endAt = herd.allBackAt ?? performance.now();
    // CPU of the new process from its start (startup included) to every client synced.
    const herdCpuS = cpuSeconds(server.pid);
    const overflows = listenOverflows() - overflowsBefore;
    const s = (at: number | null, from: number | null) => (at === null || from === null ? '—' : `${round((at - from) / 1000, 1)} s`);
    ctx.log(
      `  restart: ready ${s(readyAt, stopAt)} after SIGTERM; first client back ${s(herd.firstBackAt, stopAt)} after SIGTERM, half ${s(herd.halfAt, herd.firstBackAt)} and all ${s(herd.allBackAt, herd.firstBackAt)} after the first` +
        ` (${back.synced} of ${back.clients}; all ${s(endAt, stopAt)} after SIGTERM); new process CPU ${round(herdCpuS, 1)} s from its start; ${overflows} connections dropped by a full accept queue (whole machine)`,
    );
    // Nothing lost: each active document's state holds every writer's last edit.
    let lostEdits: number | null = 0;
    let lostCheck = '';
    if (ctx.label === 'reference') lostEdits = null;
    else {
      // A server still swamped by the herd may not answer in time: the figures above are kept, and this one says so.
      try {
        const checker = groupsOf(server, [0, active.length], 1, 10_000_000);
        for (const [d, group] of active.entries()) {
          const state = await pool.openRaw(server.endpoint, checker[d]![0]!);
          const stored = new Map(state.stamps);
          for (const spec of group) lostEdits! += Math.max(0, (sent.get(spec.id) ?? 0) - (stored.get(spec.id) ?? 0));
        }
      } catch (error) {
        lostEdits = null;
        lostCheck = `; lost edits not checked: ${error instanceof Error ? error.message.slice(0, 120) : String(error)}`;
        ctx.log(`  could not check for lost edits${lostCheck}`);
      }
    }
    await pool.close();
    return {
      connections: status.synced,
      documents: docs,
      failed: opened.failed + joined.failed,
      kbPerIdleConnection: round(perConnection / 1024, 2),
      kbPerOpenDocument: round(perDocument / 1024, 1),
      heapKbPerIdleConnection: round(heapPerConnection / 1024, 2),
      heapKbPerOpenDocument: round(heapPerDocument / 1024, 1),
      rssWithAllMB: round(withAll / 2 ** 20, 0),
      activeDocuments: active.length,
      activeP50Ms: round(p(window.merged, 0.5), 1),
      activeP99Ms: round(p(window.merged, 0.99), 1),
      activeDeliveredPct: round((100 * window.merged.histogram.count) / Math.max(1, expected), 2),
      restartReadyS: readyAt === null ? null : round((readyAt - stopAt) / 1000, 1),
      herdFirstBackS: herd.firstBackAt === null ? null : round((herd.firstBackAt - stopAt) / 1000, 1),
      herdHalfSyncedS: herd.halfAt === null || herd.firstBackAt === null ? null : round((herd.halfAt - herd.firstBackAt) / 1000, 1),
      herdAllSyncedS: herd.allBackAt === null || herd.firstBackAt === null ? null : round((herd.allBackAt - herd.firstBackAt) / 1000, 1),
      herdAllSyncedAfterSigtermS: herd.allBackAt === null ? null : round((herd.allBackAt - stopAt) / 1000, 1),
      herdSynced: `${back.synced}/${back.clients}`,
      herdNewProcessCpuS: round(herdCpuS, 1),
      herdListenOverflows: overflows,
      editsLostAcrossRestart: lostEdits,
      note:
        (isTansiq(ctx.label)
          ? 'restart = SIGTERM, then the same command on the same data'
          : ctx.label === 'reference'
            ? 'in memory: a restart loses every document'
            : 'SQLite file kept') + lostCheck,
    };
  },
};

const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
