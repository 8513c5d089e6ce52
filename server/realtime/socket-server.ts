import type { Server as HttpServer } from 'node:http';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { Server, type Socket } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import type { RedisCluster } from '../cluster/redis-cluster.ts';
import type { Database } from '../../db/schema.ts';
import type { Config } from '../config.ts';
import type { DomainEvents } from '../events/bus.ts';
import { findDocumentAccess } from '../queries/documents.ts';
import { registerFanout } from './fanout/index.ts';
import { documentRoom, ServerEvent, userRoom } from './rooms.ts';
import { socketAuthenticator, type SocketData } from './socket-auth.ts';
import { roomFor, subscriptionSchema } from './subscriptions.ts';

export interface RealtimeOptions {
  server: HttpServer;
  db: Kysely<Database>;
  config: Config;
  logger: Logger;
  events: DomainEvents;
  /** with several processes: rooms span all of them through Redis */
  cluster?: RedisCluster;
}

type Ack = (response: { ok: true } | { error: { code: string; message: string } }) => void;

/**
 * socket.io for application events. Clients join rooms by subscribing (each subscription is
 * checked against the permission policy); domain events reach rooms through the fanout modules.
 */
export function attachRealtime({ server, db, config, logger, events, cluster }: RealtimeOptions) {
  const allowedOrigin = new URL(config.publicUrl).origin;
  const io = new Server(server, {
    path: '/socket.io',
    serveClient: false,
    // The sync endpoint shares this HTTP server: leave upgrades of other paths alone.
    destroyUpgrade: false,
    maxHttpBufferSize: 64 * 1024,
    ...(cluster ? { adapter: createAdapter(cluster.duplicate(), cluster.duplicate()) } : {}),
    allowRequest: (request, callback) => {
      const origin = request.headers.origin;
      if (!origin || origin === allowedOrigin) return callback(null, true);
      try {
        callback(null, new URL(origin).host === request.headers.host);
      } catch {
        callback(null, false);
      }
    },
  });
  io.use(socketAuthenticator(db, config.trustProxy));

  io.on('connection', (socket: Socket) => {
    const { actor } = socket.data as SocketData;
    void socket.join(userRoom(actor.userId));

    socket.on('subscribe', async (payload: unknown, ack?: Ack) => {
      const reply = typeof ack === 'function' ? ack : () => {};
      const parsed = subscriptionSchema.safeParse(payload);
      if (!parsed.success) return reply({ error: { code: 'validation_failed', message: 'Expected { type: "document" | "session", id: uuid }.' } });
      try {
        const room = await roomFor(db, actor, parsed.data);
        if (!room) return reply({ error: { code: 'not_found', message: `${parsed.data.type === 'document' ? 'Document' : 'Session'} not found.` } });
        await socket.join(room);
        reply({ ok: true });
      } catch (error) {
        logger.error({ err: error }, 'subscribe failed');
        reply({ error: { code: 'internal', message: 'Could not subscribe.' } });
      }
    });

    socket.on('unsubscribe', async (payload: unknown, ack?: Ack) => {
      const reply = typeof ack === 'function' ? ack : () => {};
      const parsed = subscriptionSchema.safeParse(payload);
      if (!parsed.success) return reply({ error: { code: 'validation_failed', message: 'Expected { type, id }.' } });
      await socket.leave(`${parsed.data.type}:${parsed.data.id}`);
      reply({ ok: true });
    });
  });

  /** After an access change, sockets that lost a document leave its room (and are told so). */
  async function recheckDocumentRoom(documentId: string) {
    for (const socket of await io.in(documentRoom(documentId)).fetchSockets()) {
      const { actor } = socket.data as SocketData;
      const found = await findDocumentAccess(db, actor, documentId);
      if (!found.level) {
        socket.leave(documentRoom(documentId));
        socket.emit(ServerEvent.accessRevoked, { documentId });
      }
    }
  }
  events.on('document.access_changed', (event) => recheckDocumentRoom(event.documentId));
  events.on('document.updated', (event) => recheckDocumentRoom(event.documentId));
  events.on('user.access_changed', async (event) => {
    const user = await db.selectFrom('users').select(['disabled_at']).where('id', '=', event.userId).executeTakeFirst();
    if (!user || user.disabled_at) io.in(userRoom(event.userId)).disconnectSockets(true);
  });

  const stopFanout = registerFanout({ io, db, events, logger });

  return {
    io,
    close: async () => {
      stopFanout();
      io.disconnectSockets(true);
      // Not io.close(): that would also close the HTTP server, which its owner closes itself.
      io.engine.close();
    },
  };
}
