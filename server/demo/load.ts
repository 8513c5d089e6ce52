import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../../db/schema.ts';

/** Placeholder replaced by the demo workspace loader. */
export async function loadDemoWorkspace(_db: Kysely<Database>, logger: Logger): Promise<void> {
  logger.warn('demo workspace not available yet');
}
