import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../auth/actor.ts';
import { readCookie, sessionCookieName } from '../auth/cookies.ts';
import { resolveActor } from '../auth/resolve-actor.ts';
import { recordRefusal } from '../policies/authorize.ts';
import { documentPolicy } from '../policies/document.ts';
import type { Config } from '../config.ts';
import { findDocumentAccess } from '../queries/documents.ts';
import { CloseCode } from './close-codes.ts';
import type { CollabConnection } from './connection.ts';
import type { CollabHub } from './hub.ts';
import { syncLiveChannel } from './live-sync.ts';
import type { LiveRegistry } from '../live/registry.ts';
import { handshakeRefusal, ServerSocket } from './websocket/server-socket.ts';

const PATH = /^\/collab\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i;
const HEARTBEAT_MS = 30_000;

export interface SyncEndpointOptions {
  server: Server;
  hub: CollabHub;
  db: Kysely<Database>;
  config: Config;
  logger: Logger;
  /** live connections, re-checked when a right or credential ends */
  live: LiveRegistry;
}

/**
 * `/collab/<documentId>`: the standard y-websocket protocol over `ws`. Authentication and access
 * are settled before any document is loaded; a refused client gets a close code in the 44xx
 * range, which tells the stock provider not to retry.
 */
export function attachSyncEndpoint({ server, hub, db, config, logger, live }: SyncEndpointOptions) {
  const allowedOrigin = new URL(config.publicUrl).origin;
  const liveChannel = syncLiveChannel(db, hub);

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith('/collab/') && url.pathname !== '/collab') return;
    const match = PATH.exec(url.pathname);
    if (!originAllowed(request, allowedOrigin)) return rejectHttp(socket, 403, 'Origin not allowed');
    const refusal = handshakeRefusal(request);
    if (refusal) return rejectHttp(socket, refusal.status, refusal.message);
    const ws = ServerSocket.accept(request, socket, head, hub.limits.maxMessageBytes);
    sockets.add(ws);
    void admit(ws, request, url, match?.[1]?.toLowerCase()).catch((error) => {
      logger.error({ err: error }, 'could not admit a collaboration connection');
      ws.close(CloseCode.loadFailed, 'Server error; retrying.');
    });
  };

  /*
   * Admitted sockets are served by listeners shared by all of them and one heartbeat for the
   * endpoint: nothing of the admission (its early messages, the request) stays attached to an
   * idle connection, which matters at a thousand of them.
   */
  const connectionOf = new Map<ServerSocket, CollabConnection>();
  /** every socket not yet gone, admitted or not, so that close() can cut them all */
  const sockets = new Set<ServerSocket>();
  /** sockets pinged and not heard from since: dropped at the next beat */
  const unanswered = new Set<ServerSocket>();
  const heartbeat = setInterval(() => {
    for (const ws of connectionOf.keys()) {
      if (unanswered.has(ws)) {
        ws.terminate();
        continue;
      }
      unanswered.add(ws);
      ws.ping();
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();
  function onMessage(this: ServerSocket, data: Buffer) {
    const connection = connectionOf.get(this);
    if (connection) hub.receive(connection, data);
  }
  function onPong(this: ServerSocket) {
    unanswered.delete(this);
  }
  function onClose(this: ServerSocket) {
    const connection = connectionOf.get(this);
    connectionOf.delete(this);
    unanswered.delete(this);
    sockets.delete(this);
    if (connection) {
      live.remove(connection);
      hub.leave(connection);
    }
  }

  /** The actor's level on the document and their organisation's code, or null (refusals of an existing document are audited). */
  async function accessOf(actor: Actor, documentId: string, request: IncomingMessage) {
    // Both answers are needed to join; asked at once, they cost one round trip, not two.
    const [found, organisation] = await Promise.all([
      findDocumentAccess(db, actor, documentId),
      db.selectFrom('organisations').select('code').where('id', '=', actor.organisationId).executeTakeFirst(),
    ]);
    if (found.level) return { level: found.level, organisationCode: organisation?.code ?? '' };
    if (found.exists) {
      // The one policy decides (a connection with no level is hidden); the endpoint closes instead of throwing.
      const verdict = documentPolicy.decide(actor, 'view', { level: null, leadOrganisationId: '' });
      if (!verdict.allowed) await recordRefusal({ db, ip: request.socket.remoteAddress, via: 'collab' }, actor, documentPolicy, verdict, documentId);
    }
    return null;
  }

  async function admit(ws: ServerSocket, request: IncomingMessage, url: URL, documentId: string | undefined) {
    // Messages that arrive while we check access are kept, in order, for the room; within bounds.
    const early: Buffer[] = [];
    let earlyBytes = 0;
    ws.onMessage = (data) => {
      earlyBytes += data.length;
      if (earlyBytes > 2 * hub.limits.maxMessageBytes) return ws.close(CloseCode.rateLimited, 'Too much sent before the connection was admitted.');
      early.push(data);
    };
    // Gone before it was admitted: forgotten at once.
    ws.onClose = onClose;
    if (!documentId) return ws.close(CloseCode.notFound, 'No such document.');
    const epoch = live.epoch;
    const secure = isSecure(request, config.trustProxy);
    const actor = await resolveActor(db, {
      apiToken: url.searchParams.get('token') ?? undefined,
      sessionCookie: readCookie(request.headers.cookie, sessionCookieName(secure)),
    });
    if (!actor) return ws.close(CloseCode.unauthenticated, 'Sign in first.');
    // Known who it is: read the document while its access is checked (taken by the join).
    const releasePrefetch = hub.prefetch(documentId);
    try {
      const access = await accessOf(actor, documentId, request);
      if (!access) return ws.close(CloseCode.notFound, 'No such document.');
      // From here to the join nothing awaits: the limits checked are the limits applied, and a
      // socket closed meanwhile is never joined (its close event has already fired).
      if (!ws.isOpen) return;
      const refusal = hub.admissionRefusal(documentId, actor);
      if (refusal) return ws.close(refusal.code, refusal.reason);

      const connection = hub.join(documentId, ws, actor, access.level, access.organisationCode);
      connectionOf.set(ws, connection);
      ws.onMessage = onMessage;
      ws.onPong = onPong;
      live.add(connection, liveChannel, actor);
      // A right or credential may have ended while this connection was being checked: check it again.
      if (live.epoch !== epoch) void live.recheckOne(connection);
      for (const data of early.splice(0)) hub.receive(connection, data);
    } finally {
      releasePrefetch();
    }
  }

  server.on('upgrade', onUpgrade);
  return {
    close: () => {
      clearInterval(heartbeat);
      server.off('upgrade', onUpgrade);
      for (const ws of sockets) ws.terminate();
    },
  };
}

/** Browsers always send Origin on WebSocket handshakes: it must be our own page. Other clients send none. */
function originAllowed(request: IncomingMessage, allowedOrigin: string): boolean {
  const origin = request.headers.origin;
  if (!origin) return true;
  if (origin === allowedOrigin) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

function isSecure(request: IncomingMessage, trustProxy: boolean): boolean {
  if ((request.socket as { encrypted?: boolean }).encrypted) return true;
  return trustProxy && String(request.headers['x-forwarded-proto'] ?? '').split(',')[0]?.trim() === 'https';
}

function rejectHttp(socket: Duplex, status: number, message: string): void {
  const body = JSON.stringify({ error: { code: status === 403 ? 'forbidden' : 'bad_request', message } });
  socket.end(`HTTP/1.1 ${status} ${message}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}
