import pino from 'pino';
import type { CollabLimits } from '../../server/collab/limits.ts';
import { loadConfig } from '../../server/config.ts';
import { startServer } from '../../server/server.ts';
import { createTestDatabase } from './database.ts';
import type { TestServer } from './server.ts';
import { TEST_METRICS_ENV } from './child-server.ts';

/** Like startTestServer, with some collaboration limits lowered so tests can reach them. */
export async function startLimitedServer(collabLimits: Partial<CollabLimits>, env: Record<string, string> = {}): Promise<TestServer> {
  const database = await createTestDatabase();
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', TANSIQ_DEMO: 'false', ...TEST_METRICS_ENV, ...env });
  const running = await startServer(config, { database, collabLimits, logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }) });
  return { ...running, database, config };
}
