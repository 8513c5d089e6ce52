import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { LiveChannel } from '../live/registry.ts';
import { findDocumentAccess } from '../queries/documents.ts';
import { CloseCode } from '../../shared/close-codes.ts';
import type { CollabConnection } from './connection.ts';
import type { CollabHub } from './hub.ts';

/**
 * Sync connections as the live registry sees them. A credential that ended closes the connection
 * with 4401, a document no longer reachable with 4403 (44xx: the stock provider does not retry);
 * a lower level turns it read-only at once, and a higher one lets it edit again.
 */
export function syncLiveChannel(db: Kysely<Database>, hub: CollabHub): LiveChannel<CollabConnection> {
  return {
    follows: (connection, documentId) => hub.roomOfConnection(connection)?.documentId === documentId,
    async recheck(connection, standing) {
      const room = hub.roomOfConnection(connection);
      if (!room || connection.closed) return;
      if (!standing.ok) {
        connection.close(CloseCode.unauthenticated, standing.message);
        return hub.leave(connection);
      }
      connection.actor = { ...connection.actor, organisationId: standing.organisationId, role: standing.role };
      const found = await findDocumentAccess(db, connection.actor, room.documentId);
      if (connection.closed) return;
      if (!found.level) {
        connection.close(CloseCode.forbidden, 'Your access to this document was revoked.');
        return hub.leave(connection);
      }
      const before = connection.level;
      connection.level = found.level;
      if (before === 'edit' && found.level !== 'edit') room.notifyReadOnly(connection);
      if (before !== 'edit' && found.level === 'edit') {
        connection.toldReadOnly = false;
        room.resync(connection);
      }
    },
  };
}
