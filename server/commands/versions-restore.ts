import type { Kysely } from 'kysely';
import * as Y from 'yjs';
import type { Database } from '../../db/schema.ts';
import type { CollabHub } from '../collab/hub.ts';
import { restoreContent, type RestoreChanges } from '../domain/version-restore.ts';
import { AppError } from '../errors.ts';
import type { DomainEvent } from '../events/bus.ts';
import type { AccessSubject } from '../policies/document-access.ts';
import type { VersionMeta } from '../presenters/version.ts';
import { recordAudit } from './audit.ts';
import { requireDocument } from '../queries/document-guard.ts';
import { findVersion, versionMeta } from '../queries/versions-state.ts';
import { currentDocumentState, type StateSource } from './versions.ts';

/** What a restore needs of the collaboration hub: read the current state, change the live document. */
export type RestoreHub = StateSource & Pick<CollabHub, 'applyServerChange'>;

export interface RestoreOutcome {
  version: VersionMeta;
  /** the automatic version holding the content as it was just before the restore */
  backup: VersionMeta;
  changes: RestoreChanges;
  events: DomainEvent[];
}

const MAX_NAME = 200;

/** "Avant restauration — <name>", within the length of a version name (cut between characters, not code units). */
export function backupName(versionName: string): string {
  return Array.from(`Avant restauration — ${versionName}`).slice(0, MAX_NAME).join('');
}

/**
 * Brings a document's body and measures back to a version's content. Nothing is lost: the current
 * state is first saved as an automatic version. The content then changes through the hub as one
 * ordinary Yjs edit, so connected editors see it live and it is stored and projected like theirs.
 */
export async function restoreVersion(db: Kysely<Database>, hub: RestoreHub, subject: AccessSubject, documentId: string, versionId: string, ip?: string): Promise<RestoreOutcome> {
  // Archived documents first: archiving makes them read-only for everyone, and that is the reason
  // to give, rather than the "view" access archiving leaves to their editors.
  const seen = await requireDocument(db, subject, documentId, 'view', ip);
  if (seen.row.archived_at) throw new AppError(409, 'archived', 'Restore the document from the archive before restoring one of its versions.');
  await requireDocument(db, subject, documentId, 'edit', ip);
  const version = await findVersion(db, documentId, versionId);

  const before = await currentDocumentState(hub, documentId);
  const backup = await db
    .insertInto('document_versions')
    .values({ document_id: documentId, name: backupName(version.name), kind: 'auto', state: before, created_by: subject.userId })
    .returningAll()
    .executeTakeFirstOrThrow();

  const source = new Y.Doc();
  let restored: { changes: RestoreChanges; lateState: Uint8Array | null };
  try {
    Y.applyUpdate(source, version.state);
    const savedVector = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(before));
    restored = await hub.applyServerChange(
      documentId,
      (doc) => ({
        // Edits that landed between the backup and this change are replaced too: the backup must hold them.
        lateState: sameStateVector(Y.decodeStateVector(Y.encodeStateVector(doc)), savedVector) ? null : Y.encodeStateAsUpdate(doc),
        changes: restoreContent(doc, source),
      }),
      subject.userId,
    );
  } catch (error) {
    // Nothing was restored: a backup of an unchanged document would only be noise in the list.
    await db.deleteFrom('document_versions').where('id', '=', backup.id).execute();
    throw error;
  } finally {
    source.destroy();
  }
  if (restored.lateState) await db.updateTable('document_versions').set({ state: restored.lateState }).where('id', '=', backup.id).execute();

  await recordAudit(db, {
    actorUserId: subject.userId,
    action: 'document.version_restored',
    objectType: 'document',
    objectId: documentId,
    details: { versionId, name: version.name, backupVersionId: backup.id, changes: restored.changes },
    ip,
  });
  return {
    version: versionMeta(version),
    backup: versionMeta(backup),
    changes: restored.changes,
    events: [{ type: 'version.restored', documentId, versionId, name: version.name, backupVersionId: backup.id, actorUserId: subject.userId }],
  };
}

function sameStateVector(a: Map<number, number>, b: Map<number, number>): boolean {
  if (a.size !== b.size) return false;
  for (const [client, clock] of a) if (b.get(client) !== clock) return false;
  return true;
}
