import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DocumentStore } from '../../server/collab/document-store.ts';
import { connectPeer, eventually, type TestPeer } from '../helpers/collab.ts';
import { collabWorld, type CollabWorld } from '../helpers/collab-world.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { missingTokens, typeToken } from '../helpers/typed-edits.ts';

/**
 * A document whose copy in memory misses an update that storage has (committed by another process
 * whose message never arrived) holds every later edit built on it as pending, unapplied, without
 * saying so. The server counts such updates on /metrics and, after a few seconds, reads what it
 * lacks back from storage: the document moves again, for it and for its clients.
 */
describe('a document stuck on missing dependencies', () => {
  let server: TestServer;
  let world: CollabWorld;
  const peers: TestPeer[] = [];

  beforeAll(async () => {
    server = await startTestServer({ COLLAB_UNLOAD_DELAY_MS: '0' });
    world = await collabWorld(server.database.db, server.url, { kind: 'note' });
  });
  afterAll(async () => {
    for (const peer of peers) peer.destroy();
    await server?.close();
  });

  const metric = async (name: string) => (await server.metrics.getSingleMetric(name)!.get()).values.reduce((sum, entry) => sum + entry.value, 0);

  it('is counted, then fetches what it lacks from storage and passes it on to its clients', { timeout: 60_000 }, async () => {
    const writer = connectPeer(server.url, world.documentId, world.editors[0]!.token);
    const reader = connectPeer(server.url, world.documentId, world.editors[1]!.token);
    peers.push(writer, reader);
    await Promise.all([writer.synced(), reader.synced()]);
    typeToken(writer.doc, 'before');
    await eventually(() => expect(missingTokens(reader.doc, ['before'])).toEqual([]));
    const repairsBefore = await metric('tansiq_collab_pending_repairs_total');

    // An update committed elsewhere that this process never received.
    const elsewhere = new Y.Doc();
    Y.applyUpdate(elsewhere, Y.encodeStateAsUpdate(writer.doc));
    const known = Y.encodeStateVector(elsewhere);
    typeToken(elsewhere, 'stored-only');
    const storedOnly = Y.encodeStateAsUpdate(elsewhere, known);
    const store = new DocumentStore(server.database.db, pino({ level: 'silent' }));
    await store.append(world.documentId, storedOnly);

    // The writer has it (origin: its provider, so not sent) and types on top of it.
    Y.applyUpdate(writer.doc, storedOnly, writer.provider);
    typeToken(writer.doc, 'after');
    await eventually(async () => {
      expect(await metric('tansiq_collab_pending_structs')).toBeGreaterThan(0);
      expect(await metric('tansiq_collab_documents_with_missing_dependencies')).toBe(1);
    });

    await eventually(() => expect(missingTokens(reader.doc, ['before', 'stored-only', 'after'])).toEqual([]), 30_000);
    expect(await metric('tansiq_collab_pending_structs')).toBe(0);
    expect(await metric('tansiq_collab_documents_with_missing_dependencies')).toBe(0);
    expect(await metric('tansiq_collab_pending_repairs_total')).toBeGreaterThan(repairsBefore);
    elsewhere.destroy();
  });
});
