import type { Kysely, Selectable } from 'kysely';
import type { Database, DocumentVersionsTable } from '../../db/schema.ts';
import { notFound } from '../errors.ts';

/**
 * A version of this document with its state. Looked up by both ids: a version reached through
 * another document's URL does not exist, whatever access one has to either document.
 */
export async function findVersion(db: Kysely<Database>, documentId: string, versionId: string): Promise<Selectable<DocumentVersionsTable>> {
  const row = await db.selectFrom('document_versions').selectAll().where('id', '=', versionId).where('document_id', '=', documentId).executeTakeFirst();
  if (!row) throw notFound('Version');
  return row;
}

/** The row without its state bytes, for presenting. */
export function versionMeta(row: Selectable<DocumentVersionsTable>) {
  const { state: _state, ...meta } = row;
  return meta;
}
