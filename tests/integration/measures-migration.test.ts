import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { RunningServer } from '../../server/server.ts';
import { measureRows, measureText, needsMeasureMigration, readMeasures } from '../../shared/doc-schema.ts';
import { apiToken, connectPeer, eventually, type TestPeer } from '../helpers/collab.ts';
import * as fixtures from '../helpers/fixtures.ts';
import { DEMO_LEGACY_MEASURES, legacyMeasuresDoc } from '../helpers/legacy-measures.ts';
import { rowCopies } from '../helpers/measure-typing.ts';
import { createPersistentDatabase, startServerOn, withDatabase, type PersistentDatabase } from '../helpers/persistent-database.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { loadStoredDocument, storedRows } from '../helpers/stored-document.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** every value the first model held, as the current readers give them */
const EXPECTED = DEMO_LEGACY_MEASURES.map((measure) => ({
  ...measure,
  notes: '',
  currency: 'MAD',
  indicatorBaseline: null,
  indicatorTarget: null,
  indicatorCurrent: null,
  indicatorUnit: '',
}));

/** A document whose stored log holds the demo's education plan measures in the first model. */
async function legacyDocument(db: Kysely<Database>, code: string) {
  const organisation = await fixtures.organisation(db, code);
  const token = await apiToken(db, (await fixtures.user(db, organisation.id, `editor@${code}.ma`)).id);
  const documentId = (await fixtures.document(db, organisation.id, 'Plan éducation (ancien modèle)')).id;
  const legacy = legacyMeasuresDoc();
  await db
    .insertInto('doc_updates')
    .values({ document_id: documentId, data: Y.encodeStateAsUpdate(legacy) })
    .execute();
  const legacyClient = legacy.clientID;
  legacy.destroy();
  return { documentId, token, legacyClient };
}

function expectCurrentModel(doc: Y.Doc): void {
  expect(readMeasures(doc)).toEqual(EXPECTED);
  expect(needsMeasureMigration(doc)).toBe(false);
  for (const row of measureRows(doc)) for (const field of ['title', 'indicator', 'notes', 'indicatorUnit']) expect(row.map.get(field)).toBeInstanceOf(Y.Text);
  expect([...rowCopies(doc).values()].every((copies) => copies === 1)).toBe(true);
}

describe('measures of the first model are migrated when the server loads a document', () => {
  let server: TestServer;
  const peers: TestPeer[] = [];

  beforeAll(async () => {
    server = await startTestServer({ COLLAB_UNLOAD_DELAY_MS: '0' });
  });
  afterAll(async () => {
    for (const peer of peers) peer.destroy();
    await server?.close();
  });

  it('opens in the current model with every value kept, twice in a row, history kept', async () => {
    const { documentId, token } = await legacyDocument(server.database.db, 'educ1');
    const first = connectPeer(server.url, documentId, token);
    peers.push(first);
    await first.synced();
    await eventually(() => expectCurrentModel(first.doc));
    await server.hub.store.flush();
    const stored = await loadStoredDocument(server.database.db, documentId);
    expectCurrentModel(stored);
    stored.destroy();
    const afterFirst = await storedRows(server.database.db, documentId);
    expect(afterFirst.updates, 'the migration is an update on top of the log').toBe(2);

    first.destroy();
    await eventually(() => expect(server.hub.openDocuments).toBe(0));
    const second = connectPeer(server.url, documentId, token);
    peers.push(second);
    await second.synced();
    expectCurrentModel(second.doc);
    await server.hub.store.flush();
    expect(await storedRows(server.database.db, documentId), 'nothing left to migrate the second time').toEqual(afterFirst);
  });
});

// Two processes need a database both can open: PostgreSQL. The embedded database is one process's.
describe.skipIf(!process.env.DATABASE_URL)('two processes migrating one document at once', () => {
  let database: PersistentDatabase;
  let first: RunningServer;
  let second: RunningServer;
  const peers: TestPeer[] = [];

  beforeAll(async () => {
    database = await createPersistentDatabase();
    const env = { REDIS_URL, COLLAB_UNLOAD_DELAY_MS: '0' };
    first = await startServerOn(database, env);
    second = await startServerOn(database, env);
  });
  afterAll(async () => {
    for (const peer of peers) peer.destroy();
    await first?.close();
    await second?.close();
    await database?.dispose();
  });

  it('converge to one copy of each row and each text, and typing in a migrated cell survives', async () => {
    const { documentId, token, legacyClient } = await withDatabase(database, ({ db }) => legacyDocument(db, 'educ2'));
    // Both processes load the unmigrated document at the same moment.
    const a = connectPeer(first.url, documentId, token);
    const b = connectPeer(second.url, documentId, token);
    peers.push(a, b);
    await Promise.all([a.synced(), b.synced()]);
    await eventually(() => {
      expectCurrentModel(a.doc);
      expectCurrentModel(b.doc);
    });
    const id = readMeasures(a.doc)[0]!.id;
    measureText(a.doc, id, 'title')!.insert(0, '» ');
    await eventually(() => expect(readMeasures(b.doc)[0]!.title).toBe(`» ${EXPECTED[0]!.title}`));
    await first.hub.store.flush();
    await second.hub.store.flush();
    const stored = await withDatabase(database, ({ db }) => loadStoredDocument(db, documentId));
    expect(readMeasures(stored)).toEqual(readMeasures(a.doc));
    expect(readMeasures(stored)[0]!.title).toBe(`» ${EXPECTED[0]!.title}`);
    // Whoever migrated, it was under one client id: identical structs, not two rival copies.
    const writers = [...Y.decodeStateVector(Y.encodeStateVector(stored)).keys()].filter((client) => client !== legacyClient && client !== a.doc.clientID);
    expect(writers).toHaveLength(1);
    stored.destroy();
  });
});
