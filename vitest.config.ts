import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    // The migrated database template every test database is a copy of (tests/helpers/database.ts).
    globalSetup: ['tests/helpers/global-setup.ts'],
    pool: 'forks',
    // Two cores: more workers than that only adds contention (PGlite is CPU-bound WebAssembly).
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    teardownTimeout: 20_000,
  },
});
