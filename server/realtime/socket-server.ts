import type { Server as HttpServer } from 'node:http';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import type { RedisCluster } from '../cluster/redis-cluster.ts';
import type { Database } from '../../db/schema.ts';
import type { Config } from '../config.ts';
import type { DomainEvents } from '../events/bus.ts';
import type { LiveRegistry } from '../live/registry.ts';
import { registerFanout } from './fanout/index.ts';
import { socketLiveChannel } from './live-sockets.ts';
import { userRoom } from './rooms.ts';
import { socketAuthenticator, type RealtimeServer, type RealtimeSocket } from './socket-auth.ts';
import type { SubscriptionReply } from '../../shared/realtime.ts';
import { SOCKET_LIMITS, SocketState } from './socket-limits.ts';
import { roomFor, subscriptionSchema } from './subscriptions.ts';

export interface RealtimeOptions {
  server: HttpServer;
  db: Kysely<Database>;
  config: Config;
  logger: Logger;
  events: DomainEvents;
  /** with several processes: rooms span all of them through Redis */
  cluster?: RedisCluster;
  /** live connections, re-checked when a right or credential ends */
  live: LiveRegistry;
}

type Ack = (response: SubscriptionReply) => void;
const ignore = () => {};
const rateLimited = { error: { code: 'rate_limited', message: 'Too many events; slow down.' } } as const;

/**
 * socket.io for application events. Clients join rooms by subscribing (each subscription is
 * checked against the permission policy); domain events reach rooms through the fanout modules.
 * Every socket is in the live registry, which takes rooms and the connection away when rights end.
 */
export function attachRealtime({ server, db, config, logger, events, cluster, live }: RealtimeOptions) {
  const allowedOrigin = new URL(config.publicUrl).origin;
  const io: RealtimeServer = new Server(server, {
    path: '/socket.io',
    serveClient: false,
    // The sync endpoint shares this HTTP server: leave upgrades of other paths alone.
    destroyUpgrade: false,
    maxHttpBufferSize: SOCKET_LIMITS.maxPayloadBytes,
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
  const states = new WeakMap<RealtimeSocket, SocketState>();
  /** the registry's epoch when each socket began to authenticate (see LiveRegistry.epoch) */
  const admittedAt = new WeakMap<RealtimeSocket, number>();
  const liveChannel = socketLiveChannel(db, (socket) => states.get(socket));
  io.use((socket, next) => {
    admittedAt.set(socket, live.epoch);
    next();
  });
  io.use(socketAuthenticator(db, config.trustProxy));
  // However a socket leaves a room (unsubscribe, a session it may no longer see, the live registry,
  // from any process), the answer that let it in goes: asking to follow again is decided anew.
  io.of('/').adapter.on('leave-room', (room: string, socketId: string) => {
    const socket = io.of('/').sockets.get(socketId);
    if (socket) states.get(socket)?.forgetRoom(room);
  });

  io.on('connection', (socket) => {
    const data = socket.data;
    const state = new SocketState();
    states.set(socket, state);
    live.add(socket, liveChannel, data.actor);
    socket.on('disconnect', () => live.remove(socket));
    if (admittedAt.get(socket) !== live.epoch) void live.recheckOne(socket);
    void socket.join(userRoom(data.actor.userId));

    // Every client event spends from the socket's budget; beyond it the event is refused unread
    // (answered while that costs little), and a socket that keeps flooding is cut off.
    socket.use((packet, next) => {
      if (state.allow()) return next();
      const refusal = state.refuse();
      if (refusal === 'answer') {
        const ack = packet[packet.length - 1];
        if (typeof ack === 'function') ack(rateLimited);
      } else if (refusal === 'disconnect') {
        logger.warn({ userId: data.actor.userId }, 'disconnecting a socket that floods events');
        // Read nothing more: a closing handshake would still decode everything the flooder queued.
        // Its last answers get a moment to leave, then the connection is cut.
        const connection = socket.request.socket;
        connection.pause();
        socket.disconnect(true);
        setTimeout(() => connection.destroy(), 1_000).unref();
      }
    });

    socket.on('subscribe', async (payload: unknown, ack?: Ack) => {
      const reply = typeof ack === 'function' ? ack : ignore;
      const parsed = subscriptionSchema.safeParse(payload);
      if (!parsed.success) return reply({ error: { code: 'validation_failed', message: 'Expected { type: "document" | "session", id: uuid }.' } });
      const name = `${parsed.data.type}:${parsed.data.id}`;
      const notFound: SubscriptionReply = { error: { code: 'not_found', message: `${parsed.data.type === 'document' ? 'Document' : 'Session'} not found.` } };
      // The actor is read at each check: the registry renews it when role or organisation change.
      const check = async () => (await roomFor(db, data.actor, parsed.data, { db, ip: socket.handshake.address, via: 'socket' })) !== null;
      try {
        const generation = state.generation;
        if (!(await state.allowed(name, check))) return reply(notFound);
        if (!socket.connected) return;
        if (!socket.rooms.has(name) && socket.rooms.size - 2 >= SOCKET_LIMITS.maxSubscriptions) {
          return reply({ error: { code: 'too_many_subscriptions', message: `Follow at most ${SOCKET_LIMITS.maxSubscriptions} documents and sessions at once.` } });
        }
        await socket.join(name);
        // Decided again meanwhile: that check may have looked at the rooms before this one was joined.
        if (state.generation !== generation && !(await state.allowed(name, check))) {
          await socket.leave(name);
          return reply(notFound);
        }
        reply({ ok: true });
      } catch (error) {
        logger.error({ err: error }, 'subscribe failed');
        reply({ error: { code: 'internal', message: 'Could not subscribe.' } });
      }
    });

    socket.on('unsubscribe', async (payload: unknown, ack?: Ack) => {
      const reply = typeof ack === 'function' ? ack : ignore;
      const parsed = subscriptionSchema.safeParse(payload);
      if (!parsed.success) return reply({ error: { code: 'validation_failed', message: 'Expected { type, id }.' } });
      await socket.leave(`${parsed.data.type}:${parsed.data.id}`);
      reply({ ok: true });
    });
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
