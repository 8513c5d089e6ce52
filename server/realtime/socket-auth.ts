import type { Kysely } from 'kysely';
import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/realtime.ts';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../auth/actor.ts';
import { readCookie, sessionCookieName } from '../auth/cookies.ts';
import { resolveActor } from '../auth/resolve-actor.ts';

export interface SocketData {
  actor: Actor;
}

/** socket.io typed by the contract of shared/realtime.ts. */
export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type RealtimeSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** socket.io handshake authentication: the session cookie, or an API token in `auth.token`. */
export function socketAuthenticator(db: Kysely<Database>, trustProxy: boolean) {
  return async (socket: RealtimeSocket, next: (error?: Error) => void) => {
    try {
      const request = socket.request;
      const secure =
        Boolean((request.socket as { encrypted?: boolean }).encrypted) ||
        (trustProxy &&
          String(request.headers['x-forwarded-proto'] ?? '')
            .split(',')[0]
            ?.trim() === 'https');
      const token = typeof socket.handshake.auth?.token === 'string' ? socket.handshake.auth.token : undefined;
      const actor = await resolveActor(db, {
        apiToken: token,
        sessionCookie: token ? undefined : readCookie(request.headers.cookie, sessionCookieName(secure)),
      });
      if (!actor) return next(Object.assign(new Error('unauthenticated'), { data: { code: 'unauthenticated', message: 'Sign in first.' } }));
      (socket.data as SocketData).actor = actor;
      next();
    } catch (error) {
      next(Object.assign(new Error('server_error'), { data: { code: 'internal', message: 'Could not authenticate.' } }));
      void error;
    }
  };
}
