import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminQuery, createTestDatabase, type TestDatabase } from '../helpers/database.ts';

/**
 * PostgreSQL ends a session that Tansiq holds (a failing disk makes it PANIC and end them all; an
 * administrator's pg_terminate_backend does the same to one). A connection in use then emits an
 * 'error' event, which the pool does not listen to while the connection is out: unheard, it ended
 * the whole process (issue 13: the server was gone in the middle of postgres-disk-failure). Now
 * the work on that connection fails, and the next one gets a fresh connection.
 */
describe.skipIf(!process.env.DATABASE_URL)('a PostgreSQL session ended under Tansiq', () => {
  let database: TestDatabase;
  const uncaught: unknown[] = [];
  const onUncaught = (error: unknown) => uncaught.push(error);

  beforeAll(async () => {
    database = await createTestDatabase();
    process.on('uncaughtException', onUncaught);
  });
  afterAll(async () => {
    process.off('uncaughtException', onUncaught);
    await database?.close();
  });

  it('fails the work on it, not the process', async () => {
    const work = database.db.transaction().execute(async (trx) => {
      const { rows } = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(trx);
      // Idle in the transaction, as between two statements, when the server ends the session.
      await adminQuery(database.url!, `SELECT pg_terminate_backend(${rows[0]!.pid})`);
      // The barrier: the session's end has reached this client once a later statement fails.
      await sql`SELECT 1`.execute(trx);
    });
    await expect(work).rejects.toThrow();
    expect(uncaught).toEqual([]);
    const { rows } = await sql<{ one: number }>`SELECT 1 AS one`.execute(database.db);
    expect(rows[0]!.one).toBe(1);
  });
});
