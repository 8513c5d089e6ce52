import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export interface CollabMetrics {
  openDocuments: Gauge;
  connections: Gauge;
  updates: Counter;
  coalescedUpdates: Counter;
  relayWindowMs: Gauge;
  bytesStored: Counter;
  refused: Counter<'reason'>;
  pendingDocuments: Gauge;
  pendingStructs: Gauge;
  repairs: Counter;
  flushSeconds: Histogram;
  durabilityLagSeconds: Histogram;
  loadSeconds: Histogram;
  compactions: Counter<'from'>;
  unstoredUpdates: Gauge;
  unstoredBytes: Gauge;
  oldestUnstoredSeconds: Gauge;
  failedFlushes: Counter;
  projectionCatchUps: Counter;
  projectionChecks: Counter;
  admissionLookups: Counter<'kind' | 'answer'>;
}

/** What the unstored-update gauges read when scraped (see DocumentStore.unstored). */
export function observeUnstored(metrics: CollabMetrics, unstored: () => { updates: number; bytes: number; oldestSeconds: number }): void {
  const gauges = [
    [metrics.unstoredUpdates, 'updates'],
    [metrics.unstoredBytes, 'bytes'],
    [metrics.oldestUnstoredSeconds, 'oldestSeconds'],
  ] as const;
  for (const [gauge, field] of gauges) {
    // prom-client calls a gauge's `collect` before each scrape: nothing to do per update.
    (gauge as Gauge & { collect?: () => void }).collect = () => gauge.set(unstored()[field]);
  }
}

export function createCollabMetrics(registry: Registry): CollabMetrics {
  const registers = [registry];
  return {
    openDocuments: new Gauge({ name: 'tansiq_collab_open_documents', help: 'Documents loaded in memory', registers }),
    connections: new Gauge({ name: 'tansiq_collab_connections', help: 'Open sync connections', registers }),
    updates: new Counter({ name: 'tansiq_collab_updates_total', help: 'Document updates accepted from clients', registers }),
    coalescedUpdates: new Counter({
      name: 'tansiq_collab_coalesced_updates_total',
      help: 'Updates relayed in one write together with others rather than in one of their own',
      registers,
    }),
    relayWindowMs: new Gauge({
      name: 'tansiq_collab_relay_window_ms',
      help: 'How long a busy document waits to relay its updates together (widens as the process nears a whole core)',
      registers,
    }),
    bytesStored: new Counter({ name: 'tansiq_collab_stored_bytes_total', help: 'Bytes of updates committed to the log', registers }),
    refused: new Counter({ name: 'tansiq_collab_refused_total', help: 'Client messages refused', labelNames: ['reason'], registers }),
    pendingDocuments: new Gauge({
      name: 'tansiq_collab_documents_with_missing_dependencies',
      help: 'Open documents holding updates whose dependencies never arrived',
      registers,
    }),
    pendingStructs: new Gauge({
      name: 'tansiq_collab_pending_structs',
      help: 'Structs (counted by clock) that open documents hold while waiting for missing dependencies',
      registers,
    }),
    repairs: new Counter({
      name: 'tansiq_collab_pending_repairs_total',
      help: 'Times a document stuck on missing dependencies fetched what it lacks from storage and the other processes',
      registers,
    }),
    flushSeconds: new Histogram({
      name: 'tansiq_collab_flush_seconds',
      help: 'Duration of one group commit of the update log',
      buckets: [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 1],
      registers,
    }),
    durabilityLagSeconds: new Histogram({
      name: 'tansiq_collab_durability_lag_seconds',
      help: 'Time from an update arriving to its commit in the database',
      // Fine below 20 ms, where a healthy store commits: quantiles interpolated from these are
      // close enough to tell 5 ms from 15 ms. (A summary's t-digest per commit cost the main
      // thread a twentieth of its time at light load.)
      buckets: [0.0005, 0.001, 0.002, 0.003, 0.004, 0.005, 0.0075, 0.01, 0.0125, 0.015, 0.02, 0.03, 0.05, 0.1, 0.25, 1],
      registers,
    }),
    loadSeconds: new Histogram({
      name: 'tansiq_collab_load_seconds',
      help: 'Time to load a document from storage',
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5],
      registers,
    }),
    compactions: new Counter({
      name: 'tansiq_collab_compactions_total',
      help: 'Update log compactions, by where the new snapshot came from: the live document or a replay of the log',
      labelNames: ['from'],
      registers,
    }),
    unstoredUpdates: new Gauge({
      name: 'tansiq_collab_unstored_updates',
      help: 'Updates accepted and not yet stored in the database (held in memory; past the bound new edits are refused)',
      registers,
    }),
    unstoredBytes: new Gauge({ name: 'tansiq_collab_unstored_bytes', help: 'Size of the updates accepted and not yet stored', registers }),
    oldestUnstoredSeconds: new Gauge({
      name: 'tansiq_collab_oldest_unstored_seconds',
      help: 'Age of the oldest update accepted and not yet stored (0 when none waits)',
      registers,
    }),
    failedFlushes: new Counter({ name: 'tansiq_collab_failed_flushes_total', help: 'Group commits of the update log that failed (and are retried)', registers }),
    projectionCatchUps: new Counter({
      name: 'tansiq_collab_projection_catch_ups_total',
      help: 'Documents found on load with a projection behind their stored state, and projected again',
      registers,
    }),
    admissionLookups: new Counter({
      name: 'tansiq_collab_admission_lookups_total',
      help: 'What admitting sync connections asked (credential, document, organisation): answered by a query of its own, or shared with connections admitted together',
      labelNames: ['kind', 'answer'],
      registers,
    }),
    projectionChecks: new Counter({
      name: 'tansiq_collab_projection_checks_total',
      help: 'Checks, after a load, of whether the projection is behind the stored state (done, whatever they found)',
      registers,
    }),
  };
}
