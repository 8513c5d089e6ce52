import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { LiveChannel } from '../live/registry.ts';
import { documentRoom } from './rooms.ts';
import { ServerEvent } from '../../shared/realtime.ts';
import type { RealtimeSocket } from './socket-auth.ts';
import type { SocketState } from './socket-limits.ts';
import { roomFor, subscriptionOfRoom } from './subscriptions.ts';

/**
 * socket.io sockets as the live registry sees them. A credential that ended disconnects the
 * socket after telling it why (`auth:ended`, so the client signs out instead of reconnecting);
 * otherwise the socket's identity is renewed, its subscription answers forgotten, and every
 * document or session room it may no longer follow is left (`access:revoked` for documents).
 */
export function socketLiveChannel(db: Kysely<Database>, stateOf: (socket: RealtimeSocket) => SocketState | undefined): LiveChannel<RealtimeSocket> {
  return {
    // Not only the room: a remembered answer (the socket left, or is joining) would outlive the change.
    follows: (socket, documentId) => socket.rooms.has(documentRoom(documentId)) || stateOf(socket)?.knows(documentRoom(documentId)) === true,
    async recheck(socket, standing) {
      if (!socket.connected) return;
      if (!standing.ok) {
        socket.emit(ServerEvent.authEnded, { code: standing.reason, message: standing.message });
        socket.disconnect(true);
        return;
      }
      const data = socket.data;
      data.actor = { ...data.actor, organisationId: standing.organisationId, role: standing.role };
      stateOf(socket)?.forget();
      for (const room of [...socket.rooms]) {
        const subscription = subscriptionOfRoom(room);
        if (!subscription || (await roomFor(db, data.actor, subscription))) continue;
        await socket.leave(room);
        if (subscription.type === 'document') socket.emit(ServerEvent.accessRevoked, { documentId: subscription.id });
      }
    },
  };
}
