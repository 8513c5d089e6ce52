import { sql, type Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../../db/schema.ts';
import type { DomainEvents } from '../events/bus.ts';
import { applyStored, serverDoc, type DocumentStore } from './document-store.ts';
import { projectDocument } from './projection.ts';
import { projectionLags, projectionMark } from './projection-mark.ts';
import { writeProjection } from './projection-writer.ts';

/**
 * At start: documents whose projection may lag what is stored are projected again from storage.
 * The projection is debounced, so a process killed within a second or so of an edit has stored
 * the edit but not projected it: SQL (measures, status, search, Slack) would stay behind until
 * the next edit. Candidates are the documents with log entries not yet compacted (a clean unload
 * compacts after projecting) or with no recorded projection; each is projected only if its stored
 * state differs from the recorded mark, and written only if no other copy recorded a newer one
 * meanwhile. Returns how many were projected.
 *
 * A document open in this process (`isOpen`) is left to its room, which checks its projection
 * once loaded (CollabHub.catchUpProjection) on the copy it built anyway: after a restart the
 * clients reopen most documents at once, and reading and replaying each a second time here was
 * ~6 % of the new process's CPU while they came back (issue 20).
 */
export async function reprojectLaggingDocuments(
  db: Kysely<Database>,
  store: DocumentStore,
  events: DomainEvents | undefined,
  logger: Logger,
  isOpen: (documentId: string) => boolean = never,
): Promise<number> {
  const { rows } = await sql<{ id: string; mark: Uint8Array | null }>`
    SELECT d.id, p.state AS mark FROM documents d LEFT JOIN doc_projections p ON p.document_id = d.id
    WHERE EXISTS (SELECT 1 FROM doc_updates u WHERE u.document_id = d.id)
       OR (p.document_id IS NULL AND EXISTS (SELECT 1 FROM doc_snapshots s WHERE s.document_id = d.id))`.execute(db);
  let projected = 0;
  for (const row of rows) {
    if (isOpen(row.id)) continue;
    try {
      const mark = row.mark ? new Uint8Array(row.mark) : null;
      if (await projectStoredIfLagging(db, store, events, row.id, mark, isOpen)) projected++;
    } catch (error) {
      logger.error({ err: error, documentId: row.id }, 'could not bring a projection up to date');
    }
  }
  if (projected > 0) logger.info({ documents: projected }, 'projections brought up to date with stored documents');
  return projected;
}

async function projectStoredIfLagging(
  db: Kysely<Database>,
  store: DocumentStore,
  events: DomainEvents | undefined,
  documentId: string,
  recorded: Uint8Array | null,
  isOpen: (documentId: string) => boolean,
): Promise<boolean> {
  const { parts } = await store.load(documentId);
  // Opened while it was read: its room checks it.
  if (isOpen(documentId)) return false;
  const doc = serverDoc();
  try {
    applyStored(doc, parts);
    if (!projectionLags(doc, recorded)) return false;
    const announced = await writeProjection(db, { documentId, lastEditorId: null, lastEditedAt: null, mark: projectionMark(doc), onlyOverMark: recorded }, projectDocument(doc));
    events?.publish(announced);
    return true;
  } finally {
    doc.destroy();
  }
}

const never = () => false;
