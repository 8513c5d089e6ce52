import { INTEGRATIONS } from './integrations.ts';
import { ConfigError, loadConfig } from './server/config.ts';
import { ensureClientBuilt } from './server/http/static-client.ts';
import { createLogger } from './server/logger.ts';
import { startServer } from './server/server.ts';

/**
 * `npm start`: one process serving the API, the sync endpoint, socket.io and the integrations.
 * The composition root: the only module that knows both the core (server/) and what plugs into it.
 */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig({ ...process.env, ...(process.argv.includes('--demo') ? { TANSIQ_DEMO: 'true' } : {}) });
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
  // Here rather than in startServer: tests start many servers and build the client once, themselves.
  await ensureClientBuilt({ logger: createLogger(config.logLevel) });
  const running = await startServer(config, { integrations: INTEGRATIONS });
  let signalled = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (signalled) process.exit(1);
      signalled = true;
      running.logger.info({ signal }, 'signal received');
      // A last resort: close() keeps to its own budget, but nothing may hold the process past 10 s.
      setTimeout(() => {
        running.logger.error('shutdown did not finish within 10 s; exiting');
        process.exit(1);
      }, 9_500).unref();
      running.close().then(
        () => process.exit(0),
        (error) => {
          running.logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
}

main().catch((error) => {
  console.error('Tansiq failed to start:', error);
  process.exit(1);
});
