import type { PostgresPool, PostgresPoolClient } from 'kysely';
import pg from 'pg';

/**
 * A pg pool where no call waits forever. PostgreSQL cancels a statement that runs longer than
 * `timeoutMs` (statement_timeout: slow queries, lock waits); a server that stops answering
 * altogether (network cut, frozen host) cancels nothing, so a query still unanswered a moment
 * later fails here and its connection is destroyed rather than handed to the next caller, whose
 * query would otherwise queue behind the lost one. Taking a connection waits at most as long.
 */
export function createPostgresPool(url: string, poolSize: number, timeoutMs: number): PostgresPool {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: timeoutMs,
    statement_timeout: timeoutMs,
    idle_in_transaction_session_timeout: 2 * timeoutMs,
    keepAlive: true,
  });
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  const answerTimeoutMs = timeoutMs + 2_000;
  return {
    options: pool.options,
    end: () => pool.end(),
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect();
      let lost: Error | undefined;
      // The pool listens for errors of idle clients only. A server that dies (a failing disk makes
      // PostgreSQL PANIC and end every session) errors the connections in use too, and an 'error'
      // event nobody listens to would end this process: the connection is marked lost instead
      // (its queries fail, and it is destroyed on release).
      const onError = (error: Error) => {
        lost ??= error;
      };
      client.on('error', onError);
      const query = ((text: unknown, parameters?: unknown[]) => {
        if (typeof text !== 'string') return client.query(text as never);
        if (lost) return Promise.reject(lost);
        return new Promise<unknown>((resolve, reject) => {
          const timer = setTimeout(() => {
            lost = new Error(`the database did not answer within ${answerTimeoutMs} ms`);
            reject(lost);
          }, answerTimeoutMs);
          client.query(text, parameters).then(
            (result) => {
              clearTimeout(timer);
              resolve(result);
            },
            (error: unknown) => {
              clearTimeout(timer);
              reject(error);
            },
          );
        });
      }) as PostgresPoolClient['query'];
      // Kysely uses only these two; a connection whose answer never came is destroyed on release.
      return {
        query,
        release: () => {
          client.off('error', onError);
          client.release(lost);
        },
      };
    },
  };
}
