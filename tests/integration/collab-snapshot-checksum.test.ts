import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DocumentStore, snapshotChecksum } from '../../server/collab/document-store.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import * as fixtures from '../helpers/fixtures.ts';

/**
 * A snapshot is written with the checksum of its state (issue 20): read back unchanged, it is not
 * checked a second time; changed in any way since, it is checked like any stored bytes, and a
 * hostile or damaged one still fails the load.
 */
describe('the snapshot checksum', () => {
  let database: TestDatabase;
  let store: DocumentStore;
  let organisationId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    store = new DocumentStore(database.db, pino({ level: 'silent' }));
    organisationId = (await fixtures.organisation(database.db, 'crc')).id;
  });
  afterAll(async () => {
    await store?.close(5_000);
    await database?.close();
  });

  /** A document with a few logged edits, compacted into a snapshot. */
  async function compactedDocument(text: string) {
    const { id } = await fixtures.document(database.db, organisationId, `Plan ${text}`);
    const doc = new Y.Doc();
    doc.on('update', (update: Uint8Array) => void store.append(id, update));
    for (const word of text.split(' ')) doc.getText('t').insert(doc.getText('t').length, `${word} `);
    await store.flush();
    expect((await store.compact(id)).merged).toBeGreaterThan(0);
    return { id, doc };
  }

  const snapshotRow = (id: string) => database.db.selectFrom('doc_snapshots').select(['state', 'state_crc32']).where('document_id', '=', id).executeTakeFirstOrThrow();

  it('is written by the compactor and lets the load take the snapshot as written', async () => {
    const { id, doc } = await compactedDocument('un deux trois');
    const row = await snapshotRow(id);
    expect(row.state_crc32).toBe(snapshotChecksum(new Uint8Array(row.state)));
    const loaded = await store.load(id);
    expect(loaded.snapshotAsWritten).toBe(true);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, loaded.state);
    expect(copy.getText('t').toString()).toBe(doc.getText('t').toString());
  });

  it('a snapshot changed after it was written is checked again: a valid one loads, a hostile one fails the load', async () => {
    const { id } = await compactedDocument('quatre cinq');
    const { state_crc32 } = await snapshotRow(id);

    // Other valid bytes under the old checksum: checked, and served.
    const other = new Y.Doc();
    other.getText('t').insert(0, 'remplacé');
    await database.db
      .updateTable('doc_snapshots')
      .set({ state: Y.encodeStateAsUpdate(other), state_crc32 })
      .where('document_id', '=', id)
      .execute();
    const replaced = await store.load(id);
    expect(replaced.snapshotAsWritten).toBe(false);

    // Bytes that would hang Yjs (yjs#687), still under the old checksum: the check refuses them.
    const hostile = Uint8Array.from(Buffer.from('e49c100005ffff0500010000000101000000ed000000010100feb8c2e9ad87d91200000101ffedf6', 'hex'));
    await database.db.updateTable('doc_snapshots').set({ state: hostile, state_crc32 }).where('document_id', '=', id).execute();
    await expect(store.load(id)).rejects.toThrow(/not a valid update/);

    // Written before the column existed: no checksum, checked as before.
    await database.db.updateTable('doc_snapshots').set({ state: hostile, state_crc32: null }).where('document_id', '=', id).execute();
    await expect(store.load(id)).rejects.toThrow(/not a valid update/);
  });

  it('log entries after the snapshot are always checked', async () => {
    const { id } = await compactedDocument('six sept');
    const hostile = Uint8Array.from(Buffer.from('e49c100005ffff0500010000000101000000ed000000010100feb8c2e9ad87d91200000101ffedf6', 'hex'));
    await database.db.insertInto('doc_updates').values({ document_id: id, data: hostile }).execute();
    await expect(store.load(id)).rejects.toThrow(/not a valid update/);
  });
});
