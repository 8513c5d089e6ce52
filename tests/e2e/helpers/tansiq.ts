import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import pino from 'pino';
import { CLIENT_DIST_DIR, ensureClientBuilt, isServerPath, serveClient } from '../../../server/http/static-client.ts';
import { startTestServer, type TestServer } from '../../helpers/server.ts';
import Koa from 'koa';

export const ADMIN = { email: 'admin@tansiq.test', password: 'e2e-admin-password-1' };

export interface E2eServer {
  /** where the browser goes: the Tansiq server itself, or the client shim in front of it */
  url: string;
  api: TestServer;
  close(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * A real Tansiq server on a free port over a fresh database, with a first admin, serving the
 * built client. Until server/app.ts mounts `serveClient`, a small front server on another port
 * serves the client and forwards everything else (HTTP and WebSocket upgrades) to Tansiq.
 */
export async function startE2eServer(env: Record<string, string> = {}): Promise<E2eServer> {
  await ensureClientBuilt({ logger: pino({ level: 'warn' }) });
  const port = await freePort();
  const frontPort = await freePort();
  // PUBLIC_URL is where the browser is: the sync endpoint compares WebSocket origins with it.
  const probe = await startTestServer({
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    TANSIQ_ADMIN_EMAIL: ADMIN.email,
    TANSIQ_ADMIN_PASSWORD: ADMIN.password,
    ...env,
  });
  const home = await fetch(`${probe.url}/`);
  if ((home.headers.get('content-type') ?? '').includes('text/html')) {
    return { url: probe.url, api: probe, close: () => probe.close() };
  }
  const front = await startClientShim(frontPort, probe.url);
  return {
    url: `http://127.0.0.1:${frontPort}`,
    api: probe,
    close: async () => {
      await new Promise((resolve) => front.close(resolve));
      await probe.close();
    },
  };
}

/** TODO(remove when server/app.ts serves the client): serveClient + a transparent proxy. */
async function startClientShim(port: number, target: string): Promise<http.Server> {
  const app = new Koa();
  app.use(serveClient(CLIENT_DIST_DIR));
  const client = app.callback();
  const upstream = new URL(target);
  const server = http.createServer((request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://x').pathname;
    if (!isServerPath(pathname) && (request.method === 'GET' || request.method === 'HEAD')) return void client(request, response);
    const forwarded = http.request(
      { host: upstream.hostname, port: upstream.port, method: request.method, path: request.url, headers: { ...request.headers, host: upstream.host } },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    forwarded.on('error', () => response.destroy());
    request.pipe(forwarded);
  });
  server.on('upgrade', (request, socket, head) => {
    const peer = net.connect(Number(upstream.port), upstream.hostname, () => {
      const headers = Object.entries({ ...request.headers, host: upstream.host, origin: target })
        .map(([name, value]) => `${name}: ${Array.isArray(value) ? value.join(', ') : value}`)
        .join('\r\n');
      peer.write(`${request.method} ${request.url} HTTP/1.1\r\n${headers}\r\n\r\n`);
      if (head.length) peer.write(head);
      socket.pipe(peer).pipe(socket);
    });
    peer.on('error', () => socket.destroy());
    socket.on('error', () => peer.destroy());
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
}
