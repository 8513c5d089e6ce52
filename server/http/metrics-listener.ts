import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';

export interface MetricsListener {
  /** null when the address was taken (another process on this host has it) */
  url: string | null;
  close(): Promise<void>;
}

/**
 * Serves GET /metrics alone on its own address, loopback by default, so the public port never
 * shows it. A second process on the same host finds the port taken: it logs why and runs on
 * without this listener rather than refusing to start (give each process its own METRICS_PORT).
 */
export async function startMetricsListener(registry: Registry, address: { host: string; port: number }, logger: Logger): Promise<MetricsListener> {
  const server = http.createServer((request, response) => {
    if (request.method !== 'GET' || new URL(request.url ?? '/', 'http://metrics').pathname !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    registry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': registry.contentType }).end(text),
      (error) => {
        logger.error({ err: error }, 'metrics failed');
        response.writeHead(500).end();
      },
    );
  });
  server.requestTimeout = 10_000;
  server.headersTimeout = 5_000;
  const listening = await new Promise<boolean>((resolve) => {
    server.once('error', (error) => {
      logger.error({ err: error, ...address }, 'metrics listener not started');
      resolve(false);
    });
    server.listen(address.port, address.host, () => resolve(true));
  });
  if (!listening) return { url: null, close: async () => {} };
  const { port } = server.address() as AddressInfo;
  const host = address.host.includes(':') ? `[${address.host}]` : address.host;
  return {
    url: `http://${host}:${port}/metrics`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
