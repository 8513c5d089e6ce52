import type { AddressInfo } from 'node:net';
import { openDatabase, type DatabaseHandle } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { createApp } from './app.ts';
import { ensureFirstAdmin } from './bootstrap/first-admin.ts';
import type { Config } from './config.ts';
import type { ReadinessCheck } from './http/readiness.ts';
import { storageChecks } from './http/storage-readiness.ts';
import { createLogger, type Logger } from './logger.ts';
import { Registry, collectDefaultMetrics } from 'prom-client';
import { CollabHub } from './collab/hub.ts';
import { collabLimits, type CollabLimits } from './collab/limits.ts';
import { createCollabMetrics } from './collab/metrics.ts';
import { startMetricsListener } from './http/metrics-listener.ts';
import { attachSyncEndpoint, isSyncPath } from './collab/sync-endpoint.ts';
import { createBoundedServer, refuseUnknownUpgrades } from './http/socket-bounds.ts';
import { reprojectLaggingDocuments } from './collab/projection-recovery.ts';
import { DomainEvents } from './events/bus.ts';
import { systemClock, type Clock } from './clock.ts';
import { within } from './deadline.ts';
import { attachRealtime } from './realtime/socket-server.ts';
import { RedisCluster } from './cluster/redis-cluster.ts';
import { LiveRegistry } from './live/registry.ts';
import { watchLiveRights } from './live/listeners.ts';
import { startNotifications } from './notifications/service.ts';
import { scheduleDueSoonCheck } from './jobs/due-soon-check.ts';
import { scheduleAuditRetention } from './jobs/audit-retention.ts';
import { scheduleOverdueCheck } from './jobs/overdue-check.ts';
import { scheduleCycleReminders } from './jobs/cycle-reminders.ts';
import { scheduleSessionCleanup } from './jobs/session-cleanup.ts';
import type { Integration, IntegrationFactory } from './integrations/integration.ts';

export interface RunningServer {
  url: string;
  port: number;
  database: DatabaseHandle;
  logger: Logger;
  hub: CollabHub;
  events: DomainEvents;
  metrics: Registry;
  /** the separate /metrics listener's URL; null when off or its port was taken */
  metricsUrl: string | null;
  /** the integrations that started (those not configured answered null and are not here) */
  integrations: readonly Integration[];
  /** settles once the projections found lagging at start were brought up to date (how many) */
  projectionsCaughtUp: Promise<number>;
  /** stops accepting, ends open connections, flushes, closes the database; safe to call twice */
  close(): Promise<void>;
}

export interface StartOptions {
  /** an already open database (tests); otherwise one is opened from the config */
  database?: DatabaseHandle;
  logger?: Logger;
  /** overrides of the collaboration limits (tests of the limits) */
  collabLimits?: Partial<CollabLimits>;
  clock?: Clock;
  /** what plugs in from outside the core (the Slack bot): the composition root's choice */
  integrations?: readonly IntegrationFactory[];
}

/**
 * Connections the kernel may hold for us before we accept them (capped by net.core.somaxconn).
 * Node's default, 511, is less than a herd: after a restart every client reconnects within the
 * provider's 2.5 s backoff, and while the event loop admits the first ones a full queue drops the
 * others' SYNs, each of which the client then sends again only 1, 3, 7, 15 … s later (issue 20).
 */
const LISTEN_BACKLOG = 4096;

export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const database =
    options.database ??
    (await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, poolSize: config.databasePoolSize, queryTimeoutMs: config.databaseQueryTimeoutMs }));
  const applied = await migrateToLatest(database.db);
  if (applied.length > 0) logger.info({ migrations: applied }, 'database migrated');
  if (config.admin) await ensureFirstAdmin(database.db, config.admin, logger);
  if (config.demo !== 'never') {
    const { isFreshDatabase, loadDemoWorkspace } = await import('./demo/load.ts');
    const wanted = config.demo === 'always' || (database.kind === 'pglite' && (await isFreshDatabase(database.db)));
    if (wanted) await loadDemoWorkspace(database.db, logger);
  }

  const events = new DomainEvents(logger);
  const clock = options.clock ?? systemClock;
  const metrics = new Registry();
  collectDefaultMetrics({ register: metrics });
  const hub = new CollabHub({
    db: database.db,
    logger: logger.child({ component: 'collab' }),
    metrics: createCollabMetrics(metrics),
    limits: collabLimits({ maxMessageBytes: config.collab.maxMessageBytes, ...options.collabLimits }),
    ...config.collab,
    events,
  });
  const cluster = config.redisUrl ? new RedisCluster(config.redisUrl, logger.child({ component: 'cluster' }), config.collab.takeoverAfterMs) : undefined;
  const live = new LiveRegistry(database.db, logger.child({ component: 'live' }));
  const stopLiveRights = watchLiveRights(events, live, cluster);
  if (cluster) {
    hub.joinCluster(cluster);
    logger.info('cross-process fan-out through Redis is on');
  }

  const integrations: Integration[] = [];
  for (const factory of options.integrations ?? []) {
    const started = await factory.start({ db: database.db, hub, events, clock, config, logger: logger.child({ component: factory.name }) });
    if (started) integrations.push(started);
  }
  const readiness: ReadinessCheck[] = storageChecks(database, () => hub.store.writeProblem);
  if (cluster) readiness.push({ name: 'redis', check: () => cluster.problem() });
  for (const integration of integrations) if (integration.readiness) readiness.push(integration.readiness);
  const app = createApp({ services: { db: database.db, config, logger, events, hub, metrics, clock }, readiness, integrations });
  const server = createBoundedServer(config.http, app.callback());
  const syncEndpoint = attachSyncEndpoint({ server, hub, db: database.db, config, logger: logger.child({ component: 'collab' }), live });
  const realtime = attachRealtime({ server, db: database.db, config, logger: logger.child({ component: 'realtime' }), events, cluster, live });
  const stopNotifications = startNotifications(database.db, events, logger.child({ component: 'notifications' }));
  const stopSessionCleanup = scheduleSessionCleanup(database.db, logger.child({ component: 'sessions' }));
  const stopOverdueCheck = scheduleOverdueCheck(database.db, events, clock, logger.child({ component: 'overdue' }), config.overdueCheckIntervalMs);
  // Reminders are due on a day: checking as often as overdue measures is plenty.
  const stopCycleReminders = scheduleCycleReminders(database.db, events, clock, logger.child({ component: 'cycles' }), config.overdueCheckIntervalMs);
  const stopDueSoonCheck = scheduleDueSoonCheck(database.db, events, clock, logger.child({ component: 'due-soon' }), config.overdueCheckIntervalMs);
  const stopAuditRetention = scheduleAuditRetention(database.db, clock, logger.child({ component: 'audit' }), config.auditRetentionDays);
  // socket.io (engine.io) answers upgrades under its path, /socket.io/.
  refuseUnknownUpgrades(server, (pathname) => isSyncPath(pathname) || pathname.startsWith('/socket.io/'));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: config.port, host: config.host, backlog: LISTEN_BACKLOG }, () => resolve());
  });
  // In the background: a process killed before its debounced projections ran left SQL behind.
  // Once listening, so that documents the reconnecting clients open meanwhile are left to their rooms.
  const reprojecting = reprojectLaggingDocuments(database.db, hub.store, events, logger.child({ component: 'collab' }), (documentId) => hub.room(documentId) !== undefined).catch(
    (error) => {
      logger.error({ err: error }, 'could not look for projections to bring up to date');
      return 0;
    },
  );
  const metricsListener =
    config.metrics.port === null ? null : await startMetricsListener(metrics, { host: config.metrics.host, port: config.metrics.port }, logger.child({ component: 'metrics' }));
  const port = (server.address() as AddressInfo).port;
  const url = `http://${config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host}:${port}`;
  logger.info({ url, database: database.kind }, 'Tansiq is listening');

  let closing: Promise<void> | undefined;
  // SIGTERM must end within 10 s even with the database gone: each step gets what is left of this.
  const SHUTDOWN_BUDGET_MS = 8_000;
  const close = () =>
    (closing ??= (async () => {
      logger.info('shutting down');
      const endBy = Date.now() + SHUTDOWN_BUDGET_MS;
      const left = () => endBy - Date.now();
      syncEndpoint.close();
      stopLiveRights();
      live.close();
      await metricsListener?.close();
      await within(left() - 6_000, stopNotifications());
      stopOverdueCheck();
      stopDueSoonCheck();
      stopCycleReminders();
      stopAuditRetention();
      stopSessionCleanup();
      await within(left() - 6_000, realtime.close());
      await within(left() - 6_000, Promise.all(integrations.map((integration) => integration.close())));
      await hub.close(left() - 1_500);
      await within(left() - 1_500, reprojecting);
      await within(left() - 1_500, cluster?.close());
      const stopped = new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        // Requests still running get a moment to finish, then their sockets are cut.
        setTimeout(() => server.closeAllConnections(), Math.max(0, Math.min(5_000, left() - 1_000))).unref();
      });
      // Upgraded sockets (clients reconnecting meanwhile) are not among those cut: not waited for past the budget.
      await within(left() - 500, stopped);
      if (!(await within(left(), database.close()))) logger.warn('the database did not close in time');
      logger.info('stopped');
    })());
  return { url, port, database, logger, hub, events, metrics, metricsUrl: metricsListener?.url ?? null, integrations, projectionsCaughtUp: reprojecting, close };
}
