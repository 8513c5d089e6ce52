import pino from 'pino';
import type { Config } from '../../server/config.ts';
import { loadConfig } from '../../server/config.ts';
import { INTEGRATIONS } from '../../integrations.ts';
import { startServer, type RunningServer } from '../../server/server.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';
import { TEST_METRICS_ENV } from './child-server.ts';

export interface TestServer extends RunningServer {
  database: TestDatabase;
  config: Config;
}

/** A real Tansiq server on a free port over a fresh database; `close()` tears both down. */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const database = await createTestDatabase({ migrate: false });
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', TANSIQ_DEMO: 'false', ...TEST_METRICS_ENV, ...env });
  const running = await startServer(config, { database, integrations: INTEGRATIONS, logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }) });
  return { ...running, database, config, url: running.url };
}
