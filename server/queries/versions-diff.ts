import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { AccessSubject } from '../policies/document-access.ts';
import type { VersionMeta } from '../presenters/version.ts';
import { versionDiffs, type DiffPool } from '../workers/diff-pool.ts';
import { deletersOf, writersOf } from '../collab/writer-claims-store.ts';
import type { DeleterRange } from '../../shared/deleted-runs.ts';
import { requireDocument } from './document-guard.ts';
import { findVersion, versionMeta } from './versions-state.ts';
import { currentDocumentState, type StateSource } from '../commands/versions.ts';

export interface VersionComparison {
  from: VersionMeta;
  /** null: compared with the document as it is now */
  to: VersionMeta | null;
  /** the AttributedDiff as JSON text, as the diff worker wrote it */
  diffJson: string;
  /** the people behind the Yjs client ids the diff names (null: contested or never recorded) */
  writers: Array<{ client: number; userId: string | null }>;
  /** who deleted the items the diff's `del` runs name (shared/deleted-runs.ts puts them together) */
  deleters: DeleterRange[];
}

/**
 * What changed from a version to the current document (or to another of its versions); view
 * access suffices. The comparison runs in the diff worker, bounded in size, time and per person.
 */
export async function diffVersion(
  db: Kysely<Database>,
  hub: StateSource & { writersRecorded?: (documentId: string) => Promise<void> },
  subject: AccessSubject,
  documentId: string,
  versionId: string,
  against: 'current' | { versionId: string },
  ip?: string,
  pool: DiffPool = versionDiffs,
): Promise<VersionComparison> {
  await requireDocument(db, subject, documentId, 'view', ip);
  const from = await findVersion(db, documentId, versionId);
  const to = against === 'current' ? null : await findVersion(db, documentId, against.versionId);
  const toState = to ? to.state : await currentDocumentState(hub, documentId);
  const { json, clients, deletedClients } = await pool.diff(subject.userId, { from: from.state, to: toState });
  // The claims of the last edits may still be on their way to the table.
  await hub.writersRecorded?.(documentId);
  const writers = await writersOf(db, documentId, clients);
  const deleters = await deletersOf(db, documentId, deletedClients);
  return { from: versionMeta(from), to: to && versionMeta(to), diffJson: json, writers: [...writers].map(([client, userId]) => ({ client, userId })), deleters };
}
