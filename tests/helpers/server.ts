import type { Kysely } from 'kysely';
import pino from 'pino';
import type { Database } from '../../db/schema.ts';
import type { Clock } from '../../server/clock.ts';
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
export async function startTestServer(env: Record<string, string> = {}, options: { clock?: Clock } = {}): Promise<TestServer> {
  const database = await createTestDatabase();
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', TANSIQ_DEMO: 'false', ...TEST_METRICS_ENV, ...env });
  const running = await startServer(config, {
    database,
    integrations: INTEGRATIONS,
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  return { ...running, database, config, url: running.url };
}

/**
 * A test server and a world of fixtures built on its database (`createAccessWorld`,
 * `createSessionWorld`…): the set-up most integration files start with. A world that fails to
 * build closes the server it was built on.
 */
export async function startTestServerWith<World>(
  buildWorld: (db: Kysely<Database>, url: string) => Promise<World>,
  env: Record<string, string> = {},
): Promise<{ server: TestServer; world: World }> {
  const server = await startTestServer(env);
  try {
    return { server, world: await buildWorld(server.database.db, server.url) };
  } catch (error) {
    await server.close();
    throw error;
  }
}
