import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { appendBlocks } from '../../shared/doc-schema.ts';
import { DIFF_POOL_LIMITS, DiffPool } from '../../server/workers/diff-pool.ts';
import { startTestServerWith, type TestServer } from '../helpers/server.ts';
import { createSessionWorld, type SessionWorld } from '../helpers/session-world.ts';

/** A document state of `blocks` paragraphs; `salt` changes every block's words. */
function bigState(blocks: number, salt: string): Uint8Array {
  const doc = new Y.Doc();
  appendBlocks(
    doc,
    Array.from({ length: blocks }, (_, i) => ({ type: 'paragraph' as const, text: `Paragraphe ${i} ${salt} `.repeat(8) + (i % 3 ? 'fin' : salt) })),
  );
  return Y.encodeStateAsUpdate(doc);
}

/** Version diffs run in a worker thread, bounded in size, time and per person. */
describe('heavy version diffs', () => {
  let server: TestServer;
  let world: SessionWorld;
  let documentId: string;
  const versions = {} as Record<'a' | 'b' | 'huge', string>;

  beforeAll(async () => {
    ({ server, world } = await startTestServerWith(createSessionWorld));
    documentId = world.docs.planSante.id;
    const insert = async (name: string, state: Uint8Array) =>
      (await server.database.db.insertInto('document_versions').values({ document_id: documentId, name, kind: 'named', state }).returning('id').executeTakeFirstOrThrow()).id;
    versions.a = await insert('A', bigState(5000, 'alpha'));
    versions.b = await insert('B', bigState(5000, 'beta'));
    const huge = new Y.Doc();
    appendBlocks(huge, [{ type: 'paragraph', text: 'x'.repeat(DIFF_POOL_LIMITS.maxStateBytes + 1024) }]);
    versions.huge = await insert('Énorme', Y.encodeStateAsUpdate(huge));
  }, 120_000);
  afterAll(() => server?.close());

  const diffPath = (from: string, to: string) => `/api/documents/${documentId}/versions/${from}/diff?against=${to}`;

  it('keeps the event loop free: other requests answer while large diffs are computed', async () => {
    let done = false;
    // Three people compare large versions at once (each takes about a second of CPU).
    const diffs = Promise.all((['sante', 'emploi', 'chair'] as const).map((person) => world.clients[person].get(diffPath(versions.a, versions.b)))).finally(() => {
      done = true;
    });
    let answeredMeanwhile = 0;
    while (!done) {
      const me = await world.clients.oim.get('/api/auth/me');
      expect(me.status).toBe(200);
      if (!done) answeredMeanwhile++;
    }
    for (const response of await diffs) {
      expect(response.status).toBe(200);
      expect(response.body.diff.summary.changed + response.body.diff.summary.inserted).toBeGreaterThan(0);
    }
    // Generous: on the event loop, each of these diffs alone would hold it for about a second.
    // Each of these diffs is about a second of CPU. On the event loop, requests would only get
    // through in the gaps while the versions are read (a handful); off it, they keep flowing.
    expect(answeredMeanwhile).toBeGreaterThanOrEqual(30);
  });

  it('refuses versions too large to compare with 413 and a clear error, before any work', async () => {
    const response = await world.clients.sante.get(diffPath(versions.a, versions.huge));
    expect(response.status).toBe(413);
    expect(response.body.error).toEqual({ code: 'diff_too_large', message: expect.stringContaining('too large') });
  });

  it('lets one person run two comparisons at a time, not more', async () => {
    const responses = await Promise.all([1, 2, 3, 4].map(() => world.clients.sante.get(diffPath(versions.a, versions.b))));
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(DIFF_POOL_LIMITS.perUser);
    expect(statuses).toContain(429);
    expect(responses.find((response) => response.status === 429)!.body.error.code).toBe('rate_limited');
  });

  it('ends a comparison that runs too long with 503, and the next one works in a fresh worker', async () => {
    // A 1 ms budget runs out on any machine, however fast (300 ms did not on an idle one); the
    // pool reads its limits when each diff starts, so the next one gets the normal budget.
    const limits = { ...DIFF_POOL_LIMITS, timeoutMs: 1 };
    const pool = new DiffPool(limits);
    try {
      const slow = { from: bigState(5000, 'alpha'), to: bigState(5000, 'beta') };
      await expect(pool.diff('someone', slow)).rejects.toMatchObject({ status: 503, code: 'diff_timeout' });
      limits.timeoutMs = DIFF_POOL_LIMITS.timeoutMs;
      const small = { from: bigState(2, 'alpha'), to: bigState(2, 'beta') };
      expect(JSON.parse((await pool.diff('someone', small)).json).summary.changed).toBeGreaterThan(0);
    } finally {
      await pool.close();
    }
  });
});
