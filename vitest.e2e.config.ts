import { defineConfig } from 'vitest/config';

/** Browser end-to-end tests: a real server, the built client, Debian's headless Chromium. */
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    // The migrated database template every test database is a copy of (tests/helpers/database.ts).
    globalSetup: ['tests/helpers/global-setup.ts'],
    pool: 'forks',
    // One file at a time: each starts a server and a browser on a two-core machine.
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    teardownTimeout: 30_000,
  },
});
