import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { AccessSubject } from '../policies/document-access.ts';
import type { VersionMeta } from '../presenters/version.ts';
import { versionDiffs, type DiffPool } from '../workers/diff-pool.ts';
import { requireDocument } from './document-guard.ts';
import { findVersion, versionMeta } from './versions-state.ts';
import { currentDocumentState, type StateSource } from './versions.ts';

export interface VersionComparison {
  from: VersionMeta;
  /** null: compared with the document as it is now */
  to: VersionMeta | null;
  /** the VersionDiff as JSON text, as the diff worker wrote it */
  diffJson: string;
}

/**
 * What changed from a version to the current document (or to another of its versions); view
 * access suffices. The comparison runs in the diff worker, bounded in size, time and per person.
 */
export async function diffVersion(
  db: Kysely<Database>,
  hub: StateSource,
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
  const diffJson = await pool.diff(subject.userId, { from: from.state, to: toState });
  return { from: versionMeta(from), to: to && versionMeta(to), diffJson };
}
