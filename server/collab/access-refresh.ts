import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { findDocumentAccess } from '../queries/documents.ts';
import { CloseCode } from './close-codes.ts';
import type { CollabConnection } from './connection.ts';
import type { Room } from './room.ts';

/**
 * Re-reads one connection's account and grants: a disabled account or a revoked grant closes it
 * (with a 44xx code, so the stock provider does not retry), a downgrade turns it read-only at once.
 */
export async function refreshConnectionAccess(db: Kysely<Database>, room: Room, connection: CollabConnection, release: () => void): Promise<void> {
  if (connection.closed) return;
  const user = await db.selectFrom('users').select(['organisation_id', 'role', 'disabled_at']).where('id', '=', connection.actor.userId).executeTakeFirst();
  if (!user || user.disabled_at) {
    connection.close(CloseCode.unauthenticated, 'Your account was disabled.');
    return release();
  }
  connection.actor = { ...connection.actor, organisationId: user.organisation_id, role: user.role };
  const found = await findDocumentAccess(db, connection.actor, room.documentId);
  if (connection.closed) return;
  if (!found.level) {
    connection.close(CloseCode.forbidden, 'Your access to this document was revoked.');
    return release();
  }
  const before = connection.level;
  connection.level = found.level;
  if (before === 'edit' && found.level !== 'edit') room.notifyReadOnly(connection);
  if (before !== 'edit' && found.level === 'edit') {
    connection.toldReadOnly = false;
    room.resync(connection);
  }
}
