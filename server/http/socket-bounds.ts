import http from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';

export interface HttpSocketBounds {
  /** a request's headers must all arrive within this (slow or half-sent headers are cut) */
  headersTimeoutMs: number;
  /** a whole request, body included, must arrive within this */
  requestTimeoutMs: number;
  /** an idle keep-alive connection is closed after this */
  keepAliveTimeoutMs: number;
  /** open TCP connections from one address; 0 for no bound (behind a proxy every client shares its address) */
  maxConnectionsPerAddress: number;
}

/**
 * The HTTP server with every socket bounded in time and number. Node checks its timeouts only
 * every `connectionsCheckingInterval` (30 s by default), so the interval follows the timeouts; the
 * headers timeout counts from the connection, so one that never sends a byte is closed too.
 * Upgraded sockets leave these checks (the sync endpoint and socket.io bound them).
 */
export function createBoundedServer(bounds: HttpSocketBounds, handler: http.RequestListener): http.Server {
  const server = http.createServer(
    {
      headersTimeout: bounds.headersTimeoutMs,
      requestTimeout: bounds.requestTimeoutMs,
      keepAliveTimeout: bounds.keepAliveTimeoutMs,
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(bounds.headersTimeoutMs / 4))),
    },
    handler,
  );
  if (bounds.maxConnectionsPerAddress > 0) limitConnectionsPerAddress(server, bounds.maxConnectionsPerAddress);
  return server;
}

const ADDRESS = Symbol('counted address');
type CountedSocket = Socket & { [ADDRESS]?: string };

function limitConnectionsPerAddress(server: http.Server, max: number): void {
  const open = new Map<string, number>();
  function release(this: CountedSocket) {
    const address = this[ADDRESS]!;
    const left = (open.get(address) ?? 1) - 1;
    if (left <= 0) open.delete(address);
    else open.set(address, left);
  }
  server.on('connection', (socket: CountedSocket) => {
    const address = socket.remoteAddress ?? '';
    const count = open.get(address) ?? 0;
    // Refused before a byte is read: the cheapest answer there is.
    if (count >= max) return socket.destroy();
    open.set(address, count + 1);
    socket[ADDRESS] = address;
    socket.once('close', release);
  });
}

/**
 * Upgrade requests that no endpoint answers (every `upgrade` listener sees every request, and
 * each ignores the paths that are not its own) get a 404 and are closed, instead of holding their
 * socket forever. Register after the endpoints.
 */
export function refuseUnknownUpgrades(server: http.Server, known: (pathname: string) => boolean): void {
  server.on('upgrade', (request: http.IncomingMessage, socket: Duplex) => {
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (known(pathname)) return;
    const body = JSON.stringify({ error: { code: 'not_found', message: 'No WebSocket endpoint here.' } });
    socket.once('error', () => socket.destroy());
    socket.end(`HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    socket.once('finish', () => socket.destroy());
  });
}
