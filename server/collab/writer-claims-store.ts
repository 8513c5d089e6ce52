import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { DeleterRange } from '../../shared/deleted-runs.ts';
import type { WriterClaim } from './indicator-history.ts';

/**
 * Records who writes under which Yjs client id in a document (see indicator-history.ts for why
 * the server's word is the one to trust). A second user under the same id, seen by this process
 * or any other, before or after a restart, makes the id contested for good: its text then has no
 * author rather than either one's name.
 */
export async function recordWriterClaims(db: Kysely<Database>, documentId: string, claims: readonly WriterClaim[]): Promise<void> {
  if (claims.length === 0) return;
  await db
    .insertInto('doc_clients')
    .values(claims.map((claim) => ({ document_id: documentId, client_id: claim.client, user_id: claim.userId })))
    .onConflict((conflict) =>
      conflict.columns(['document_id', 'client_id']).doUpdateSet({
        contested: sql`doc_clients.contested OR doc_clients.user_id IS DISTINCT FROM excluded.user_id`,
        user_id: sql`CASE WHEN doc_clients.contested OR doc_clients.user_id IS DISTINCT FROM excluded.user_id THEN NULL ELSE doc_clients.user_id END`,
      }),
    )
    .execute();
}

/** The recorded writer of each of `clients` in a document: a user id, or null (contested, or never recorded). */
export async function writersOf(db: Kysely<Database>, documentId: string, clients: readonly number[]): Promise<Map<number, string | null>> {
  const writers = new Map<number, string | null>(clients.map((client) => [client, null]));
  if (clients.length === 0) return writers;
  const rows = await db
    .selectFrom('doc_clients')
    .select(['client_id', 'user_id', 'contested'])
    .where('document_id', '=', documentId)
    .where('client_id', 'in', [...clients])
    .execute();
  for (const row of rows) writers.set(Number(row.client_id), row.contested ? null : row.user_id);
  return writers;
}

/** A deletion range of one document. */
/** Most ranges a comparison reads: a long-edited document under one client id has many. */
const MAX_DELETER_RANGES = 50_000;

/** The recorded deletions of items of `clients` in a document. */
export async function deletersOf(db: Kysely<Database>, documentId: string, clients: readonly number[]): Promise<DeleterRange[]> {
  if (clients.length === 0) return [];
  const rows = await db
    .selectFrom('doc_deleters')
    .select(['client_id', 'clock', 'length', 'user_id'])
    .where('document_id', '=', documentId)
    .where('client_id', 'in', [...clients])
    .orderBy('client_id')
    .orderBy('clock')
    .limit(MAX_DELETER_RANGES)
    .execute();
  return rows.map((row) => ({ client: Number(row.client_id), clock: Number(row.clock), length: row.length, userId: row.user_id }));
}
