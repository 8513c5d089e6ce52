import net, { type AddressInfo } from 'node:net';
import pino from 'pino';
import { ensureClientBuilt } from '../../../server/http/static-client.ts';
import { startTestServer, type TestServer } from '../../helpers/server.ts';

export const ADMIN = { email: 'admin@tansiq.test', password: 'e2e-admin-password-1' };

export interface E2eServer {
  /** where the browser goes */
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

/** A real Tansiq server on a free port over a fresh database, with a first admin, serving the built client. */
export async function startE2eServer(env: Record<string, string> = {}): Promise<E2eServer> {
  await ensureClientBuilt({ logger: pino({ level: 'warn' }) });
  const port = await freePort();
  // PUBLIC_URL is where the browser is: the sync endpoint compares WebSocket origins with it.
  const api = await startTestServer({
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    TANSIQ_ADMIN_EMAIL: ADMIN.email,
    TANSIQ_ADMIN_PASSWORD: ADMIN.password,
    ...env,
  });
  return { url: api.url, api, close: () => api.close() };
}
