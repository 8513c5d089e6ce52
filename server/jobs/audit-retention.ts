import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../../db/schema.ts';
import type { Clock } from '../clock.ts';
import { deleteAuditBefore } from '../queries/audit.ts';
import { repeatJob } from './schedule.ts';

const DAY_MS = 86_400_000;

/** Deletes audit entries older than `retentionDays` as of the clock's now; returns how many. */
export function purgeOldAuditEntries(db: Kysely<Database>, clock: Clock, retentionDays: number): Promise<number> {
  return deleteAuditBefore(db, new Date(clock.now().getTime() - retentionDays * DAY_MS));
}

/**
 * With AUDIT_RETENTION_DAYS set, purges now and then every `intervalMs`; without it, the log is
 * kept forever and nothing runs. Returns the stop function.
 */
export function scheduleAuditRetention(db: Kysely<Database>, clock: Clock, logger: Logger, retentionDays: number | null, intervalMs = 3_600_000): () => void {
  if (retentionDays === null) return () => {};
  const run = () =>
    purgeOldAuditEntries(db, clock, retentionDays).then(
      (deleted) => deleted > 0 && logger.info({ deleted, retentionDays }, 'old audit entries deleted'),
      (error) => logger.error({ err: error }, 'audit retention failed'),
    );
  return repeatJob(run, { firstAfterMs: 5_000, intervalMs });
}
