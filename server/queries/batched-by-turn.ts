/**
 * Keys asked during one turn of the event loop, looked up together in one statement at the end of
 * it (setImmediate: after the I/O callbacks of the turn). A herd of connections read in one turn
 * then costs the database one query for all their documents instead of one each; a lone question
 * waits only for the end of its turn.
 */
export function batchedByTurn<V>(lookUp: (keys: string[]) => Promise<Map<string, V>>, options: { maxBatch: number }): (key: string) => Promise<V | undefined> {
  type Waiter = { resolve: (value: V | undefined) => void; reject: (error: unknown) => void };
  let waiting: Map<string, Waiter[]> | null = null;
  const run = (batch: Map<string, Waiter[]>) => {
    lookUp([...batch.keys()]).then(
      (found) => {
        for (const [key, waiters] of batch) for (const waiter of waiters) waiter.resolve(found.get(key));
      },
      (error: unknown) => {
        for (const waiters of batch.values()) for (const waiter of waiters) waiter.reject(error);
      },
    );
  };
  return (key) =>
    new Promise<V | undefined>((resolve, reject) => {
      if (!waiting) {
        const batch = (waiting = new Map());
        setImmediate(() => {
          // Already gone when it filled up before the end of the turn.
          if (waiting !== batch) return;
          waiting = null;
          run(batch);
        });
      }
      const waiters = waiting.get(key);
      if (waiters) waiters.push({ resolve, reject });
      else waiting.set(key, [{ resolve, reject }]);
      // A full batch leaves now; the next key starts another.
      if (waiting.size >= options.maxBatch) {
        const full = waiting;
        waiting = null;
        run(full);
      }
    });
}
