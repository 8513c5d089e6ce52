import type { Kysely } from 'kysely';
import { afterAll, beforeAll } from 'vitest';
import type { Database } from '../../db/schema.ts';
import { startTestServerWith, type TestServer } from './server.ts';

/**
 * For one `describe`: a test server (with `env`) and a world of fixtures built on it, started before
 * its tests and closed after them. Read `suite.server` and `suite.world` inside the tests.
 */
export function suiteWith<World>(buildWorld: (db: Kysely<Database>, url: string) => Promise<World>, env: Record<string, string> = {}): { server: TestServer; world: World } {
  const suite = {} as { server: TestServer; world: World };
  beforeAll(async () => {
    Object.assign(suite, await startTestServerWith(buildWorld, env));
  });
  afterAll(async () => {
    await suite.server?.close();
  });
  return suite;
}
