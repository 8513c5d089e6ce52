import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import * as Y from 'yjs';
import { bodyOf, bodyText } from '../../shared/doc-schema.ts';
import type { RunningServer } from '../../server/server.ts';
import { apiToken, connectPeer, eventually, type TestPeer } from '../helpers/collab.ts';
import * as fixtures from '../helpers/fixtures.ts';
import { ApiClient } from '../helpers/http.ts';
import { createPersistentDatabase, startServerOn, withDatabase, type PersistentDatabase } from '../helpers/persistent-database.ts';
import { connectRealtime, subscribe } from '../helpers/realtime.ts';
import { loadStoredDocument } from '../helpers/stored-document.ts';
import { missingTokens, typeToken } from '../helpers/typed-edits.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** COLLAB_TAKEOVER_AFTER_MS here: short, so that the tests can wait past it */
const TAKEOVER_AFTER_MS = 1_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Two processes need a database both can open: PostgreSQL. The embedded database is one process's.
describe.skipIf(!process.env.DATABASE_URL)('several processes behind one Redis', () => {
  let database: PersistentDatabase;
  let first: RunningServer;
  let second: RunningServer;
  let adminToken: string;
  let editorToken: string;
  let documentId: string;
  let grantId: string;
  const peers: TestPeer[] = [];
  const sockets: Socket[] = [];

  beforeAll(async () => {
    database = await createPersistentDatabase();
    await withDatabase(database, async ({ db }) => {
      const mre = await fixtures.organisation(db, 'mre', 'ministry');
      const sante = await fixtures.organisation(db, 'sante');
      const emploi = await fixtures.organisation(db, 'emploi');
      adminToken = await apiToken(db, (await fixtures.user(db, mre.id, 'admin@mre.ma', 'admin')).id);
      editorToken = await apiToken(db, (await fixtures.user(db, emploi.id, 'editor@emploi.ma')).id);
      documentId = (await fixtures.document(db, sante.id, 'Plan santé')).id;
      grantId = (await fixtures.grant(db, documentId, emploi.id, 'edit')).id;
    });
    const env = { REDIS_URL, COLLAB_UNLOAD_DELAY_MS: '0', COLLAB_TAKEOVER_AFTER_MS: String(TAKEOVER_AFTER_MS) };
    first = await startServerOn(database, env);
    second = await startServerOn(database, env);
  });
  afterAll(async () => {
    for (const peer of peers) peer.destroy();
    for (const socket of sockets) socket.disconnect();
    await first?.close();
    await second?.close();
    await database?.dispose();
  });

  const peerOn = (server: RunningServer, token: string) => {
    const peer = connectPeer(server.url, documentId, token);
    peers.push(peer);
    return peer;
  };

  it('relays edits between clients of different processes, and stores each once', async () => {
    const a = peerOn(first, adminToken);
    const b = peerOn(second, editorToken);
    await Promise.all([a.synced(), b.synced()]);
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('Écrit sur le premier processus')]);
    bodyOf(a.doc).insert(0, [paragraph]);
    const reply = new Y.XmlElement('paragraph');
    reply.insert(0, [new Y.XmlText('Répondu depuis le second')]);
    bodyOf(b.doc).insert(0, [reply]);
    await eventually(() => {
      expect(bodyText(b.doc)).toContain('premier processus');
      expect(bodyText(a.doc)).toContain('depuis le second');
    });
    await first.hub.store.flush();
    await second.hub.store.flush();
    const stored = await withDatabase(database, (handle) => handle.db.selectFrom('doc_updates').select('data').where('document_id', '=', documentId).execute());
    // One row per accepted edit: no process stores what another one accepted.
    expect(stored.length).toBe(2);
  });

  it('brings a process that opens a document later up to date with what others hold', async () => {
    const late = peerOn(second, adminToken);
    await late.synced();
    await eventually(() => expect(bodyText(late.doc)).toBe(bodyText(peers[0]!.doc)));
  });

  it('carries awareness across processes', async () => {
    const a = peers[0]!;
    a.provider.awareness.setLocalStateField('cursor', { anchor: 1 });
    const b = peers[1]!;
    await eventually(() => {
      const seen = [...b.provider.awareness.getStates().values()].find((state) => state.cursor);
      expect(seen?.user?.name).toBe('admin');
    });
  });

  const updateRows = () =>
    withDatabase(database, async (handle) => (await handle.db.selectFrom('doc_updates').select('id').where('document_id', '=', documentId).execute()).length);
  /** Holds every commit to the update log (INSERTs wait for the lock; reads do not) until released. */
  const holdCommits = async () => {
    const lock = new pg.Client({ connectionString: database.env.DATABASE_URL });
    await lock.connect();
    await lock.query('BEGIN');
    await lock.query('LOCK TABLE doc_updates IN EXCLUSIVE MODE');
    return async () => {
      await lock.query('ROLLBACK');
      await lock.end();
    };
  };

  /** A peer on each process, synced, and the update rows stored so far. */
  const peersAcross = async () => {
    const a = peerOn(first, adminToken);
    const b = peerOn(second, editorToken);
    await Promise.all([a.synced(), b.synced()]);
    return { a, b, rowsBefore: await updateRows() };
  };

  it('relays an edit to the clients of another process before its commit, and stores it once', async () => {
    const { a, b, rowsBefore } = await peersAcross();
    const release = await holdCommits();
    try {
      typeToken(a.doc, 'early');
      await eventually(() => expect(missingTokens(b.doc, ['early'])).toEqual([]));
      // Delivered while its commit waits.
      expect(await updateRows()).toBe(rowsBefore);
      expect(first.hub.store.unstored().updates).toBe(1);
    } finally {
      await release();
    }
    await first.hub.store.flush();
    // Past the time after which the second process would store an edit whose commit it was not told of.
    await sleep(TAKEOVER_AFTER_MS + 1_000);
    await second.hub.store.flush();
    expect(await updateRows()).toBe(rowsBefore + 1);
  });

  it('stores an edit relayed from a process whose commit stays unconfirmed too long: a duplicate, never a loss', async () => {
    const { a, b, rowsBefore } = await peersAcross();
    const release = await holdCommits();
    try {
      typeToken(a.doc, 'slow');
      await eventually(() => expect(missingTokens(b.doc, ['slow'])).toEqual([]));
      // The second process takes it over (its INSERT waits for the lock too).
      await eventually(() => expect(second.hub.store.unstored().updates).toBe(1), 5_000);
    } finally {
      await release();
    }
    await first.hub.store.flush();
    await second.hub.store.flush();
    expect(await updateRows()).toBe(rowsBefore + 2);
    const stored = await withDatabase(database, (handle) => loadStoredDocument(handle.db, documentId));
    expect(bodyText(stored).split('[slow]').length - 1).toBe(1);
    expect(bodyText(stored)).toBe(bodyText(a.doc));
    stored.destroy();
  });

  it('confirms its last commits as it stops, so that the other process stores nothing again', async () => {
    const env = { REDIS_URL, COLLAB_UNLOAD_DELAY_MS: '0', COLLAB_TAKEOVER_AFTER_MS: String(TAKEOVER_AFTER_MS) };
    const stopping = await startServerOn(database, env);
    const a = peerOn(stopping, adminToken);
    const b = peerOn(second, editorToken);
    await Promise.all([a.synced(), b.synced()]);
    const rowsBefore = await updateRows();
    const release = await holdCommits();
    let closed: Promise<void>;
    try {
      typeToken(a.doc, 'last');
      await eventually(() => expect(missingTokens(b.doc, ['last'])).toEqual([]));
      // Stops while the edit waits for its commit.
      closed = stopping.close();
    } finally {
      await release();
    }
    await closed;
    await sleep(TAKEOVER_AFTER_MS + 1_000);
    await second.hub.store.flush();
    expect(await updateRows()).toBe(rowsBefore + 1);
  });

  it('delivers socket.io events to sockets of every process', async () => {
    const socket = await connectRealtime(second.url, editorToken);
    sockets.push(socket);
    expect(await subscribe(socket, 'document', documentId)).toEqual({ ok: true });
    const response = await ApiClient.withToken(first.url, adminToken).post(`/api/documents/${documentId}/transitions`, { to: 'in_review' });
    expect(response.status).toBe(200);
    await eventually(() => expect(socket.received.some(([name, payload]) => name === 'document:status_changed' && payload.to === 'in_review')).toBe(true));
  });

  it('applies an access revoked through one process to connections of another', async () => {
    const b = peerOn(second, editorToken);
    await b.synced();
    expect((await ApiClient.withToken(first.url, adminToken).delete(`/api/documents/${documentId}/access/${grantId}`)).status).toBe(204);
    await eventually(() => expect(b.closes.some((close) => close.code === 4403)).toBe(true));
  });
});
