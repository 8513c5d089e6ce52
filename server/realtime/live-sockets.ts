import type { Kysely } from 'kysely';
import type { Socket } from 'socket.io';
import type { Database } from '../../db/schema.ts';
import type { LiveChannel } from '../live/registry.ts';
import { documentRoom, ServerEvent } from './rooms.ts';
import type { SocketData } from './socket-auth.ts';
import type { SocketState } from './socket-limits.ts';
import { roomFor, subscriptionOfRoom } from './subscriptions.ts';

/**
 * socket.io sockets as the live registry sees them. A credential that ended disconnects the
 * socket after telling it why (`auth:ended`, so the client signs out instead of reconnecting);
 * otherwise the socket's identity is renewed, its subscription answers forgotten, and every
 * document or session room it may no longer follow is left (`access:revoked` for documents).
 */
export function socketLiveChannel(db: Kysely<Database>, stateOf: (socket: Socket) => SocketState | undefined): LiveChannel<Socket> {
  return {
    follows: (socket, documentId) => socket.rooms.has(documentRoom(documentId)),
    async recheck(socket, standing) {
      if (!socket.connected) return;
      if (!standing.ok) {
        socket.emit(ServerEvent.authEnded, { code: standing.reason, message: standing.message });
        socket.disconnect(true);
        return;
      }
      const data = socket.data as SocketData;
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
