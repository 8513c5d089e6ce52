import { z } from 'zod';
import type { HttpSocketBounds } from './http/socket-bounds.ts';
import { DEFAULT_FLUSH_INTERVAL_MS } from './collab/document-store.ts';
import { DEFAULT_TAKEOVER_AFTER_MS } from './cluster/takeover.ts';
import { ADMISSION_MEMO } from './collab/admission-lookups.ts';
import { DEFAULT_LIMITS, DEFAULT_MAX_UNSTORED_BYTES } from './collab/limits.ts';

const boolean = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((value) => value === 'true' || value === '1' || value === 'yes');

const environmentSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: z.url().optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** no database call waits longer: statement timeout, connection wait, an embedded database that stalls */
  DATABASE_QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  TANSIQ_DATA_DIR: z.string().default('./data'),
  TANSIQ_ADMIN_EMAIL: z.email().optional(),
  TANSIQ_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  /** auto: load the demo workspace into a fresh embedded database (a first `npm start`), never into PostgreSQL */
  TANSIQ_DEMO: z.enum(['auto', 'true', 'false', '1', '0', 'yes', 'no']).default('auto'),
  TRUST_PROXY: boolean.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .positive()
    .default(24 * 14),
  REDIS_URL: z.string().optional(),
  METRICS_HOST: z.string().default('127.0.0.1'),
  /** `off`: no separate listener (then /metrics exists only on the public port, with METRICS_TOKEN) */
  METRICS_PORT: z.union([z.literal('off'), z.coerce.number().int().min(0).max(65535)]).default(9464),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** unset: the audit log is kept forever */
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).optional(),
  OVERDUE_CHECK_INTERVAL_MS: z.coerce.number().int().min(1_000).default(3_600_000),
  COLLAB_UNLOAD_DELAY_MS: z.coerce.number().int().min(0).default(5_000),
  COLLAB_COMPACT_AFTER: z.coerce.number().int().min(1).default(500),
  COLLAB_FLUSH_INTERVAL_MS: z.coerce.number().int().min(0).max(1_000).default(DEFAULT_FLUSH_INTERVAL_MS),
  /** past this many bytes of edits accepted and not yet stored (database down), new edits are refused with 4503 */
  COLLAB_MAX_UNSTORED_BYTES: z.coerce.number().int().min(1).default(DEFAULT_MAX_UNSTORED_BYTES),
  /** with several processes: an update another process relayed before its commit is stored here too unless that commit is confirmed within this */
  COLLAB_TAKEOVER_AFTER_MS: z.coerce.number().int().min(100).max(600_000).default(DEFAULT_TAKEOVER_AFTER_MS),
  COLLAB_PROJECTION_WAIT_MS: z.coerce.number().int().min(0).default(1_000),
  COLLAB_PROJECTION_MAX_WAIT_MS: z.coerce.number().int().min(0).default(5_000),
  /** how long one answer about a credential, a document's access or an organisation is shared by sync connections admitted together (0: only while in flight) */
  COLLAB_ADMISSION_SHARE_MS: z.coerce.number().int().min(0).max(60_000).default(ADMISSION_MEMO.ttlMs),
  /** largest sync message (a first sync after long offline work, a paste); bounded by memory */
  COLLAB_MAX_MESSAGE_BYTES: z.coerce
    .number()
    .int()
    .min(64 * 1024)
    .max(256 * 1024 * 1024)
    .default(DEFAULT_LIMITS.maxMessageBytes),
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).default(20_000),
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(60_000),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(100).default(65_000),
  /** default: 512 (an office behind one NAT address: ~8 per person), or 0 (no bound) with TRUST_PROXY, where every client comes through the proxy's address */
  HTTP_MAX_CONNECTIONS_PER_ADDRESS: z.coerce.number().int().min(0).optional(),
  SLACK_SIGNING_SECRET: z.string().optional(),
  SLACK_BOT_TOKEN: z.string().optional(),
  /** xapp-… : Socket Mode, for networks without a public URL */
  SLACK_APP_TOKEN: z.string().optional(),
  SLACK_API_URL: z.url().optional(),
  /** a burst of events about one subject ends after this much quiet… */
  SLACK_COALESCE_QUIET_MS: z.coerce.number().int().min(0).default(30_000),
  /** …or this long after its first event, whichever comes first */
  SLACK_COALESCE_MAX_MS: z.coerce.number().int().min(0).default(300_000),
  SLACK_FLUSH_INTERVAL_MS: z.coerce.number().int().min(10).default(1_000),
  /** Slack allows about one message per second per channel */
  SLACK_CHANNEL_INTERVAL_MS: z.coerce.number().int().min(0).default(1_100),
  /** answer a command in its acknowledgement when ready this soon, else through response_url (Slack waits 3 s) */
  SLACK_ACK_BUDGET_MS: z.coerce.number().int().min(0).max(2_500).default(2_000),
  /** a notification being posted is held this long; a process that dies holding it lets it go then */
  SLACK_DELIVERY_LEASE_MS: z.coerce.number().int().min(100).default(60_000),
  /** first wait before connecting Socket Mode again after a failure; doubles up to a minute */
  SLACK_SOCKET_RETRY_MS: z.coerce.number().int().min(10).default(1_000),
});

export interface Config {
  port: number;
  host: string;
  /** where people reach the app; also the origin WebSocket and cookie-authenticated writes must come from */
  publicUrl: string;
  databaseUrl?: string;
  databasePoolSize: number;
  databaseQueryTimeoutMs: number;
  dataDir: string;
  admin?: { email: string; password: string };
  /** load the demo workspace: always, never, or on a fresh embedded database */
  demo: 'always' | 'never' | 'auto';
  trustProxy: boolean;
  logLevel: string;
  sessionTtlMs: number;
  redisUrl?: string;
  /** Prometheus metrics: a separate listener (loopback by default), and/or the public port behind a bearer token */
  metrics: { host: string; port: number | null; token?: string };
  overdueCheckIntervalMs: number;
  /** null: keep the audit log forever */
  auditRetentionDays: number | null;
  collab: {
    unloadDelayMs: number;
    compactAfterEntries: number;
    flushIntervalMs: number;
    maxUnstoredBytes: number;
    takeoverAfterMs: number;
    projectionWaitMs: number;
    projectionMaxWaitMs: number;
    maxMessageBytes: number;
    admissionShareMs: number;
  };
  http: HttpSocketBounds;
  /** absent when Slack is not configured: the bot stays off */
  slack?: SlackConfig;
}

export interface SlackConfig {
  botToken: string;
  /** HTTP mode (POST /slack/events) needs it; Socket Mode does not */
  signingSecret?: string;
  appToken?: string;
  apiUrl?: string;
  coalesceQuietMs: number;
  coalesceMaxMs: number;
  flushIntervalMs: number;
  channelIntervalMs: number;
  ackBudgetMs: number;
  deliveryLeaseMs: number;
  socketRetryMs: number;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environmentSchema.safeParse(stripEmpty(env));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (Boolean(e.TANSIQ_ADMIN_EMAIL) !== Boolean(e.TANSIQ_ADMIN_PASSWORD)) {
    throw new ConfigError('invalid configuration:\n  TANSIQ_ADMIN_EMAIL and TANSIQ_ADMIN_PASSWORD go together');
  }
  const slackSet = Boolean(e.SLACK_SIGNING_SECRET || e.SLACK_BOT_TOKEN || e.SLACK_APP_TOKEN);
  if (slackSet && (!e.SLACK_BOT_TOKEN || !(e.SLACK_SIGNING_SECRET || e.SLACK_APP_TOKEN))) {
    throw new ConfigError('invalid configuration:\n  SLACK_BOT_TOKEN goes with SLACK_SIGNING_SECRET (HTTP) or SLACK_APP_TOKEN (Socket Mode)');
  }
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    databaseQueryTimeoutMs: e.DATABASE_QUERY_TIMEOUT_MS,
    dataDir: e.TANSIQ_DATA_DIR,
    admin: e.TANSIQ_ADMIN_EMAIL && e.TANSIQ_ADMIN_PASSWORD ? { email: e.TANSIQ_ADMIN_EMAIL, password: e.TANSIQ_ADMIN_PASSWORD } : undefined,
    demo: e.TANSIQ_DEMO === 'auto' ? 'auto' : ['true', '1', 'yes'].includes(e.TANSIQ_DEMO) ? 'always' : 'never',
    trustProxy: e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    sessionTtlMs: e.SESSION_TTL_HOURS * 3_600_000,
    redisUrl: e.REDIS_URL,
    metrics: { host: e.METRICS_HOST, port: e.METRICS_PORT === 'off' ? null : e.METRICS_PORT, token: e.METRICS_TOKEN },
    overdueCheckIntervalMs: e.OVERDUE_CHECK_INTERVAL_MS,
    auditRetentionDays: e.AUDIT_RETENTION_DAYS ?? null,
    collab: {
      unloadDelayMs: e.COLLAB_UNLOAD_DELAY_MS,
      compactAfterEntries: e.COLLAB_COMPACT_AFTER,
      flushIntervalMs: e.COLLAB_FLUSH_INTERVAL_MS,
      maxUnstoredBytes: e.COLLAB_MAX_UNSTORED_BYTES,
      takeoverAfterMs: e.COLLAB_TAKEOVER_AFTER_MS,
      projectionWaitMs: e.COLLAB_PROJECTION_WAIT_MS,
      projectionMaxWaitMs: e.COLLAB_PROJECTION_MAX_WAIT_MS,
      maxMessageBytes: e.COLLAB_MAX_MESSAGE_BYTES,
      admissionShareMs: e.COLLAB_ADMISSION_SHARE_MS,
    },
    http: {
      // Node refuses a headers timeout above the request timeout.
      headersTimeoutMs: Math.min(e.HTTP_HEADERS_TIMEOUT_MS, e.HTTP_REQUEST_TIMEOUT_MS),
      requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: e.HTTP_KEEP_ALIVE_TIMEOUT_MS,
      maxConnectionsPerAddress: e.HTTP_MAX_CONNECTIONS_PER_ADDRESS ?? (e.TRUST_PROXY ? 0 : 512),
    },
    slack: e.SLACK_BOT_TOKEN
      ? {
          botToken: e.SLACK_BOT_TOKEN,
          signingSecret: e.SLACK_SIGNING_SECRET,
          appToken: e.SLACK_APP_TOKEN,
          apiUrl: e.SLACK_API_URL,
          coalesceQuietMs: e.SLACK_COALESCE_QUIET_MS,
          coalesceMaxMs: e.SLACK_COALESCE_MAX_MS,
          flushIntervalMs: e.SLACK_FLUSH_INTERVAL_MS,
          channelIntervalMs: e.SLACK_CHANNEL_INTERVAL_MS,
          ackBudgetMs: e.SLACK_ACK_BUDGET_MS,
          deliveryLeaseMs: e.SLACK_DELIVERY_LEASE_MS,
          socketRetryMs: e.SLACK_SOCKET_RETRY_MS,
        }
      : undefined,
  };
}

/** An empty variable means "not set", as people expect from `FOO= npm start`. */
function stripEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => Boolean(entry[1])));
}
