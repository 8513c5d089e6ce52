import type { Kysely } from 'kysely';
import * as Y from 'yjs';
import type { Database } from '../../db/schema.ts';
import { bodyText } from '../../shared/doc-schema.ts';
import type { CollabHub } from '../collab/hub.ts';
import { notFound } from '../errors.ts';
import type { DomainEvent } from '../events/bus.ts';
import type { AccessSubject } from '../policies/document-access.ts';
import type { VersionMeta } from '../presenters/version.ts';
import { recordAudit } from './audit.ts';
import { requireDocument } from '../queries/document-guard.ts';

/** What reading a document's current state needs from the collaboration hub. */
export type StateSource = Pick<CollabHub, 'room' | 'store'>;

const META_COLUMNS = ['id', 'document_id', 'name', 'kind', 'session_id', 'created_by', 'created_at'] as const;

/**
 * A document's current content as one Yjs update. An open document's live Y.Doc is ahead of the
 * database by the writes still queued; a closed one is read from storage once those are stored.
 * Call it outside a transaction: storage reads open their own.
 */
export async function currentDocumentState(hub: StateSource, documentId: string): Promise<Uint8Array> {
  const room = hub.room(documentId);
  if (room?.state === 'ready') return Y.encodeStateAsUpdate(room.doc);
  return (await hub.store.loadCurrent(documentId)).state;
}

export async function listVersions(db: Kysely<Database>, subject: AccessSubject, documentId: string, ip?: string): Promise<VersionMeta[]> {
  await requireDocument(db, subject, documentId, 'view', ip);
  return db.selectFrom('document_versions').select(META_COLUMNS).where('document_id', '=', documentId).orderBy('created_at', 'desc').orderBy('id').execute();
}

/** Names the current state of a document; those who may edit it may mark its milestones. */
export async function createVersion(
  db: Kysely<Database>,
  hub: StateSource,
  subject: AccessSubject,
  documentId: string,
  name: string,
  ip?: string,
): Promise<{ version: VersionMeta; events: DomainEvent[] }> {
  await requireDocument(db, subject, documentId, 'edit', ip);
  const state = await currentDocumentState(hub, documentId);
  const version = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('document_versions')
      .values({ document_id: documentId, name, kind: 'named', state, created_by: subject.userId })
      .returning(META_COLUMNS)
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actorUserId: subject.userId, action: 'version.created', objectType: 'document', objectId: documentId, details: { versionId: row.id, name }, ip });
    return row;
  });
  return { version, events: [{ type: 'version.named', documentId, versionId: version.id, name, actorUserId: subject.userId }] };
}

/** A version's metadata and its plain text, for reading (diff and restore build on the same state). */
export async function getVersion(
  db: Kysely<Database>,
  subject: AccessSubject,
  documentId: string,
  versionId: string,
  ip?: string,
): Promise<{ version: VersionMeta; text: string }> {
  await requireDocument(db, subject, documentId, 'view', ip);
  const row = await db.selectFrom('document_versions').selectAll().where('id', '=', versionId).where('document_id', '=', documentId).executeTakeFirst();
  if (!row) throw notFound('Version');
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, row.state);
    const { state: _state, ...version } = row;
    return { version, text: bodyText(doc) };
  } finally {
    doc.destroy();
  }
}
