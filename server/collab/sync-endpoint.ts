import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../auth/actor.ts';
import { readCookie, sessionCookieName } from '../auth/cookies.ts';
import { recordRefusal } from '../policies/authorize.ts';
import { documentPolicy } from '../policies/document.ts';
import type { Config } from '../config.ts';
import { documentAccess } from '../policies/document-access.ts';
import { ADMISSION_MEMO, admissionLookups } from './admission-lookups.ts';
import { CloseCode } from '../../shared/close-codes.ts';
import type { CollabConnection } from './connection.ts';
import { RollingHeartbeat } from './heartbeat.ts';
import type { CollabHub } from './hub.ts';
import { syncLiveChannel } from './live-sync.ts';
import type { LiveRegistry } from '../live/registry.ts';
import type { WebSocket } from 'ws';
import { createSyncSockets, handshakeRefusal } from './sync-socket.ts';

const PATH = /^\/collab\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i;
const HEARTBEAT_MS = 30_000;
/** the heartbeat pings a thirtieth of the connections each second, not all of them at once (heartbeat.ts) */
const HEARTBEAT_SLICES = 30;
/**
 * What a ping costs against the connection's inbound byte budget: `ws` answers each one, so a
 * flood of pings that the client does read is bounded like a flood of messages.
 */
const PING_COST_BYTES = 1024;

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
 * `/collab/<documentId>`: the standard y-websocket protocol over `ws`. Origin, handshake,
 * authentication and access are settled before the upgrade (nothing is buffered for a client
 * that is not admitted); a refused client gets a close code in the 44xx range, which tells the
 * stock provider not to retry.
 */
export function attachSyncEndpoint({ server, hub, db, config, logger, live }: SyncEndpointOptions) {
  const allowedOrigin = new URL(config.publicUrl).origin;
  const liveChannel = syncLiveChannel(db, hub);
  const sockets = createSyncSockets(hub.limits.maxMessageBytes);
  // Shared within the registry's epoch: an admission compares epochs before joining (below).
  const lookups = admissionLookups(
    db,
    () => live.epoch,
    (kind, shared) => hub.metrics.admissionLookups.inc({ kind, answer: shared ? 'shared' : 'queried' }),
    {
      ...ADMISSION_MEMO,
      ttlMs: config.collab.admissionShareMs,
    },
  );

  /** set by close(): the endpoint answers no more, and says so */
  let closed = false;
  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (!isSyncPath(url.pathname)) return;
    // A client reconnecting while the server shuts down is answered at once (it tries again,
    // and finds the next server), never left with a handshake nobody completes.
    if (closed) return rejectHttp(socket, 503, 'Server restarting');
    const match = PATH.exec(url.pathname);
    if (!originAllowed(request, allowedOrigin)) return rejectHttp(socket, 403, 'Origin not allowed');
    const refusal = handshakeRefusal(request);
    if (refusal) return rejectHttp(socket, refusal.status, refusal.message);
    // Until `ws` takes it the socket is ours: a reset while we check must not throw.
    socket.on('error', destroyOnError);
    admitting.add(socket);
    void admit(request, socket, head, url, match?.[1]?.toLowerCase())
      .catch((error) => {
        logger.error({ err: error }, 'could not admit a collaboration connection');
        // Failed before the upgrade (a query): the client is told to retry. After it, nothing awaits.
        if (!socket.destroyed && !sockets.isUpgraded(socket)) sockets.refuse(request, socket, head, CloseCode.loadFailed, 'Server error; retrying.');
      })
      .finally(() => admitting.delete(socket));
  };

  /*
   * Admitted sockets are served by listeners shared by all of them (`this` is the socket) and one
   * heartbeat for the endpoint: nothing of the admission (the request, closures) stays attached
   * to an idle connection, which matters at a thousand of them.
   */
  const connectionOf = new Map<WebSocket, CollabConnection>();
  /** sockets whose admission is being decided, so that close() can cut them too */
  const admitting = new Set<Duplex>();
  const beats = new RollingHeartbeat<WebSocket>(
    connectionOf,
    { periodMs: HEARTBEAT_MS, slices: HEARTBEAT_SLICES },
    {
      ping: (ws) => ws.ping(),
      terminate: (ws) => ws.terminate(),
    },
  );
  const heartbeat = setInterval(() => beats.tick(performance.now()), HEARTBEAT_MS / HEARTBEAT_SLICES);
  heartbeat.unref();
  function onMessage(this: WebSocket, data: Buffer, isBinary: boolean) {
    const connection = connectionOf.get(this);
    if (!connection) return;
    if (!isBinary) {
      connection.close(WS_UNSUPPORTED_DATA, 'Text messages are not part of the y-websocket protocol.');
      return hub.leave(connection);
    }
    hub.receive(connection, data);
  }
  function onPing(this: WebSocket) {
    const connection = connectionOf.get(this);
    if (connection && !connection.inboundBytes.take(PING_COST_BYTES)) {
      connection.close(CloseCode.rateLimited, 'Too many pings.');
      hub.leave(connection);
    }
  }
  function onPong(this: WebSocket) {
    beats.answered(this);
  }
  function onClose(this: WebSocket) {
    const connection = connectionOf.get(this);
    connectionOf.delete(this);
    beats.answered(this);
    if (connection) {
      live.remove(connection);
      hub.leave(connection);
    }
  }

  /** The actor's level on the document and their organisation's code, or null (refusals of an existing document are audited). */
  async function accessOf(actor: Actor, documentId: string, request: IncomingMessage) {
    // Both answers are needed to join; asked at once, they cost one round trip, not two.
    const [facts, organisationCode] = await Promise.all([lookups.documentFacts(documentId), lookups.organisationCode(actor.organisationId)]);
    // The facts may be shared with others admitted at the same time; the policy decides for this actor.
    const level = facts ? documentAccess(actor, facts) : null;
    if (level) return { level, organisationCode };
    if (facts) {
      // The one policy decides (a connection with no level is hidden); the endpoint closes instead of throwing.
      const verdict = documentPolicy.decide(actor, 'view', { level: null, leadOrganisationId: '' });
      if (!verdict.allowed) await recordRefusal({ db, ip: request.socket.remoteAddress, via: 'collab' }, actor, documentPolicy, verdict, documentId);
    }
    return null;
  }

  async function admit(request: IncomingMessage, socket: Duplex, head: Buffer, url: URL, documentId: string | undefined) {
    const refuse = (code: number, reason: string) => sockets.refuse(request, socket, head, code, reason);
    if (!documentId) return refuse(CloseCode.notFound, 'No such document.');
    // Before any query: while writes fail the database may not answer either.
    const unstorable = hub.storageRefusal();
    if (unstorable) return refuse(unstorable.code, unstorable.reason);
    // Every answer this admission gets, its own or shared (admission-lookups.ts), was asked in this
    // epoch or a later one: if the epoch moved before the join, the connection is decided again.
    const epoch = live.epoch;
    const secure = isSecure(request, config.trustProxy);
    const actor = await lookups.actor({
      apiToken: url.searchParams.get('token') ?? undefined,
      sessionCookie: readCookie(request.headers.cookie, sessionCookieName(secure)),
    });
    if (!actor) return refuse(CloseCode.unauthenticated, 'Sign in first.');
    // Known who it is: read the document while its access is checked (taken by the join).
    const releasePrefetch = hub.prefetch(documentId);
    try {
      const access = await accessOf(actor, documentId, request);
      if (!access) return refuse(CloseCode.notFound, 'No such document.');
      // From here to the join nothing awaits: the limits checked are the limits applied. A socket
      // gone meanwhile is never joined (`ws` destroys it without calling back).
      const refusal = hub.admissionRefusal(documentId, actor);
      if (refusal) return refuse(refusal.code, refusal.reason);
      sockets.accept(request, socket, head, (ws) => {
        socket.off('error', destroyOnError);
        const connection = hub.join(documentId, ws, actor, access.level, access.organisationCode);
        connectionOf.set(ws, connection);
        ws.on('message', onMessage);
        ws.on('ping', onPing);
        ws.on('pong', onPong);
        ws.on('close', onClose);
        ws.on('error', ignore);
        live.add(connection, liveChannel, actor);
        // A right or credential may have ended while this connection was being checked: check it again.
        if (live.epoch !== epoch) void live.recheckOne(connection);
      });
    } finally {
      releasePrefetch();
    }
  }

  server.on('upgrade', onUpgrade);
  return {
    close: () => {
      closed = true;
      clearInterval(heartbeat);
      for (const socket of admitting) socket.destroy();
      for (const ws of connectionOf.keys()) ws.terminate();
      sockets.close();
    },
  };
}

/** Upgrades the sync endpoint answers (the HTTP server refuses upgrades no one answers). */
export const isSyncPath = (pathname: string) => pathname === '/collab' || pathname.startsWith('/collab/');

/** RFC 6455 §7.4.1: the endpoint speaks binary only */
const WS_UNSUPPORTED_DATA = 1003;
function ignore() {}
function destroyOnError(this: Duplex) {
  this.destroy();
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
  return (
    trustProxy &&
    String(request.headers['x-forwarded-proto'] ?? '')
      .split(',')[0]
      ?.trim() === 'https'
  );
}

function rejectHttp(socket: Duplex, status: number, message: string): void {
  const body = JSON.stringify({ error: { code: status === 403 ? 'forbidden' : status === 503 ? 'unavailable' : 'bad_request', message } });
  socket.once('error', () => socket.destroy());
  socket.once('finish', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status} ${message}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}
