import type { Kysely } from 'kysely';
import pino from 'pino';
import * as Y from 'yjs';
import type { Database } from '../../db/schema.ts';
import { applyStored, DocumentStore } from '../../server/collab/document-store.ts';

/** The document as the database holds it (snapshot + log), replayed the way the server loads it. */
export async function loadStoredDocument(db: Kysely<Database>, documentId: string): Promise<Y.Doc> {
  const stored = await new DocumentStore(db, pino({ level: 'silent' })).load(documentId);
  const doc = new Y.Doc();
  applyStored(doc, stored.parts);
  return doc;
}

/** Rows of the update log and whether a snapshot exists, to show what was (not) written. */
export async function storedRows(db: Kysely<Database>, documentId: string): Promise<{ updates: number; snapshot: boolean }> {
  const updates = await db.selectFrom('doc_updates').select('id').where('document_id', '=', documentId).execute();
  const snapshot = await db.selectFrom('doc_snapshots').select('document_id').where('document_id', '=', documentId).executeTakeFirst();
  return { updates: updates.length, snapshot: Boolean(snapshot) };
}
