import * as prng from 'lib0/prng';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server.ts';
import { connectPeer, eventually, type TestPeer } from '../helpers/collab.ts';
import { collabWorld, type CollabWorld } from '../helpers/collab-world.ts';
import { startOwnRedis, type OwnRedis } from '../helpers/own-redis.ts';
import { createPersistentDatabase, startServerOn, withDatabase, type PersistentDatabase } from '../helpers/persistent-database.ts';
import { documentContent, testSeed, withSeed } from '../helpers/random-edits.ts';
import { loadStoredDocument } from '../helpers/stored-document.ts';
import { missingTokens, typeToken } from '../helpers/typed-edits.ts';
import { reportFaultFigures } from '../helpers/fault-figures.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Redis goes away for ~8 s while people on two processes keep typing, then comes back: each
 * process catches up with the other on every open document, so every client and the database end
 * with every edit; /readyz says what is wrong meanwhile.
 */
describe.skipIf(!process.env.DATABASE_URL)('a Redis outage (PostgreSQL only: PGlite is one process, this needs two)', () => {
  let database: PersistentDatabase;
  let redis: OwnRedis;
  let world: CollabWorld;
  let first: RunningServer;
  let second: RunningServer;
  const peers: TestPeer[] = [];

  beforeAll(async () => {
    database = await createPersistentDatabase();
    redis = await startOwnRedis();
    const env = { REDIS_URL: redis.url, COLLAB_UNLOAD_DELAY_MS: '0' };
    first = await startServerOn(database, env);
    second = await startServerOn(database, env);
    world = await collabWorld(first.database.db, first.url, { editors: 4, kind: 'note' });
  }, 120_000);
  afterAll(async () => {
    for (const peer of peers) peer.destroy();
    await redis?.start().catch(() => {});
    await first?.close();
    await second?.close();
    await redis?.stop();
    await database?.dispose();
  });

  const readiness = async (server: RunningServer) => {
    const response = await fetch(`${server.url}/readyz`);
    return { status: response.status, body: (await response.json()) as { reasons?: string[] } };
  };

  it('brings every client and the database to the same state, with every edit, once Redis is back', { timeout: 120_000 }, async () => {
    await withSeed(testSeed(), async (gen) => {
      const clients = [first, first, second, second].map((server, index) => {
        const peer = connectPeer(server.url, world.documentId, world.editors[index]!.token);
        peers.push(peer);
        return peer;
      });
      await Promise.all(clients.map((client) => client.synced()));
      expect((await readiness(first)).status).toBe(200);

      const typed: string[] = [];
      let typing = true;
      const typists = clients.map(async (client, index) => {
        for (let n = 0; typing; n++) {
          const token = `r${index}.${n}`;
          typeToken(client.doc, token);
          typed.push(token);
          await sleep(prng.int32(gen, 20, 60));
        }
      });
      await sleep(2_000);

      await redis.stop();
      const answers: Array<{ status: number; body: { reasons?: string[] } }> = [];
      const outageEnds = Date.now() + 8_000;
      while (Date.now() < outageEnds) {
        answers.push(await readiness(first), await readiness(second));
        await sleep(250);
      }
      const typedBeforeReturn = typed.length;
      await redis.start();
      const returnedAt = performance.now();
      await sleep(2_000);
      typing = false;
      await Promise.all(typists);
      const stoppedAt = performance.now();

      await eventually(() => {
        const reference = documentContent(clients[0]!.doc);
        for (const client of clients) expect(missingTokens(client.doc, typed)).toEqual([]);
        for (const client of clients.slice(1)) expect(documentContent(client.doc)).toEqual(reference);
      }, 30_000);
      const convergedMs = performance.now() - returnedAt;
      const afterTypingMs = performance.now() - stoppedAt;
      await eventually(async () => {
        expect((await readiness(first)).status).toBe(200);
        expect((await readiness(second)).status).toBe(200);
      });

      await first.hub.store.flush();
      await second.hub.store.flush();
      const stored = await withDatabase(database, (handle) => loadStoredDocument(handle.db, world.documentId));
      const lost = missingTokens(stored, typed);
      const storedContent = documentContent(stored);
      stored.destroy();
      const notReady = answers.filter((answer) => answer.status === 503);
      reportFaultFigures({
        scenario: 'Redis outage (8 s, typing throughout)',
        typed: typed.length,
        acknowledged: typed.length,
        lost: lost.length,
        convergedMs,
        note: `${typedBeforeReturn} typed before Redis returned; typing went on 2 s after it (${Math.round(afterTypingMs)} ms after typing stopped); /readyz 503 in ${notReady.length} of ${answers.length} answers during the outage`,
      });
      expect(lost, 'edits missing from the database').toEqual([]);
      expect(storedContent.pending).toBe(false);
      expect(storedContent.body).toBe(documentContent(clients[0]!.doc).body);
      // Readiness said Redis was lost, with the reason, from shortly after it stopped.
      expect(notReady.length).toBeGreaterThan(answers.length / 2);
      for (const answer of notReady) expect(answer.body.reasons?.join(' ')).toMatch(/redis/i);
    });
  });

  it('carries over edits made during an outage even when nobody types after it', { timeout: 60_000 }, async () => {
    // Nothing typed later builds on the missed edits, so no document is left waiting for them:
    // only the catching up when Redis returns brings them over.
    const [a, b] = [connectPeer(first.url, world.documentId, world.editors[0]!.token), connectPeer(second.url, world.documentId, world.editors[2]!.token)];
    peers.push(a, b);
    await Promise.all([a.synced(), b.synced()]);
    await redis.stop();
    await eventually(async () => expect((await readiness(first)).status).toBe(503));
    const typed = ['q0', 'q1', 'q2'];
    typeToken(a.doc, 'q0');
    typeToken(b.doc, 'q1');
    typeToken(a.doc, 'q2');
    await first.hub.store.flush();
    await second.hub.store.flush();
    await redis.start();
    const returnedAt = performance.now();
    await eventually(() => {
      for (const peer of [a, b]) expect(missingTokens(peer.doc, typed)).toEqual([]);
      expect(documentContent(b.doc)).toEqual(documentContent(a.doc));
    }, 20_000);
    const convergedMs = performance.now() - returnedAt;
    const stored = await withDatabase(database, (handle) => loadStoredDocument(handle.db, world.documentId));
    const lost = missingTokens(stored, typed);
    stored.destroy();
    reportFaultFigures({ scenario: 'Redis outage (typing only during it)', typed: typed.length, acknowledged: typed.length, lost: lost.length, convergedMs });
    expect(lost).toEqual([]);
  });
});
