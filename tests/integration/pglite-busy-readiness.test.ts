import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RemotePGlite } from '../../db/pglite-remote.ts';

/**
 * A restarted embedded server is first busy serving every client that reconnects at once: a
 * trivial query for /readyz would wait behind all their queries (the worker answers in order), and
 * the server would count as down until the last of them was served. Busy and answering is up.
 */
describe('the embedded database while busy', () => {
  let pglite: RemotePGlite;
  beforeAll(async () => {
    pglite = await RemotePGlite.create(undefined);
  });
  afterAll(async () => {
    await pglite?.close();
  });

  it('counts as answering while requests wait behind one it just answered, and not once idle', async () => {
    expect(pglite.busyAndAnswering(60_000)).toBe(false);
    const queries = Array.from({ length: 500 }, (_, i) => pglite.query<{ n: number }>('SELECT $1::int AS n', [i]));
    await queries[0];
    // The first answer is in; the others are still on their way (each is a message of its own).
    expect(pglite.busyAndAnswering(60_000)).toBe(true);
    expect((await Promise.all(queries)).map((result) => result.rows[0]!.n)).toEqual(queries.map((_, i) => i));
    expect(pglite.busyAndAnswering(60_000)).toBe(false);
  });
});
