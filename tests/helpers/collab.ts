import { expect } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { API_TOKEN_PREFIX, hashSecret, randomSecret } from '../../server/auth/secrets.ts';

/** Creates an API token for a user directly in the database and returns its secret. */
export async function apiToken(db: Kysely<Database>, userId: string): Promise<string> {
  const secret = `${API_TOKEN_PREFIX}${randomSecret()}`;
  await db
    .insertInto('api_tokens')
    .values({ user_id: userId, name: 'test', token_hash: hashSecret(secret), prefix: secret.slice(0, 10) })
    .execute();
  return secret;
}

export interface TestPeer {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** close events the provider saw, newest last */
  closes: Array<{ code: number; reason: string }>;
  synced(): Promise<void>;
  destroy(): void;
}

/** The stock y-websocket provider, as a browser would use it, pointed at a test server. */
export function connectPeer(
  serverUrl: string,
  documentId: string,
  token: string,
  options: { doc?: Y.Doc; connect?: boolean /** a session cookie ("name=value") instead of the token */; cookie?: string } = {},
): TestPeer {
  const doc = options.doc ?? new Y.Doc();
  const cookie = options.cookie;
  // A browser sends its cookie with the handshake; the stock provider gives the socket no headers, so the class does.
  const socketClass = cookie
    ? class extends WebSocket {
        constructor(url: string, protocols?: string | string[]) {
          super(url, protocols, { headers: { cookie } });
        }
      }
    : WebSocket;
  const provider = new WebsocketProvider(`${serverUrl.replace(/^http/, 'ws')}/collab`, documentId, doc, {
    params: cookie ? {} : { token },
    WebSocketPolyfill: socketClass as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    connect: options.connect ?? true,
    maxBackoffTime: 200,
  });
  const closes: TestPeer['closes'] = [];
  provider.on('connection-close', (event) => {
    if (event) closes.push({ code: event.code, reason: event.reason });
  });
  return {
    doc,
    provider,
    closes,
    synced: () =>
      new Promise<void>((resolve) => {
        if (provider.synced) return resolve();
        const onSync = (state: boolean) => {
          if (!state) return;
          provider.off('sync', onSync);
          resolve();
        };
        provider.on('sync', onSync);
      }),
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Polls until `check` passes (a condition reached over the network), or fails with its last error. */
export async function eventually(check: () => void | Promise<void>, timeoutMs = 10_000, intervalMs = 20): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}

/**
 * Every message `sender` sent before has been handled by the server once `observer` sees this
 * awareness change (one connection's messages are handled in order): the way to assert that an
 * earlier message had no effect, without a fixed sleep.
 */
export async function barrier(sender: TestPeer, observer: TestPeer, mark: string): Promise<void> {
  sender.provider.awareness.setLocalStateField('mark', mark);
  await eventually(() => expect(observer.provider.awareness.getStates().get(sender.doc.clientID)?.mark).toBe(mark));
}
