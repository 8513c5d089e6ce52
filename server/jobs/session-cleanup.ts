import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../../db/schema.ts';
import { deleteStaleLoginThrottle } from '../auth/login-throttle.ts';
import { deleteExpiredSessions } from '../auth/sessions.ts';

/** Expired sign-in sessions and old sign-in counters are useless and only grow: delete them now and then. */
export function scheduleSessionCleanup(db: Kysely<Database>, logger: Logger, intervalMs = 3_600_000): () => void {
  const run = () =>
    Promise.all([deleteExpiredSessions(db), deleteStaleLoginThrottle(db)]).then(
      ([deleted]) => deleted > 0 && logger.info({ deleted }, 'expired sessions deleted'),
      (error) => logger.error({ err: error }, 'session cleanup failed'),
    );
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
