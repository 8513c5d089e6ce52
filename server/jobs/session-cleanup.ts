import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../../db/schema.ts';
import { deleteExpiredSessions } from '../auth/sessions.ts';

/** Expired sign-in sessions are useless and only grow the table: delete them now and then. */
export function scheduleSessionCleanup(db: Kysely<Database>, logger: Logger, intervalMs = 3_600_000): () => void {
  const run = () =>
    deleteExpiredSessions(db).then(
      (deleted) => deleted > 0 && logger.info({ deleted }, 'expired sessions deleted'),
      (error) => logger.error({ err: error }, 'session cleanup failed'),
    );
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
