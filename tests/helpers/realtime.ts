import { io, type Socket } from 'socket.io-client';

/** A socket.io client authenticated with an API token (or a session cookie, "name=value"), as an outside client would use it. */
export async function connectRealtime(serverUrl: string, credential: string | { cookie: string }): Promise<Socket & { received: Array<[string, any]> }> {
  const auth = typeof credential === 'string' ? { auth: { token: credential } } : { extraHeaders: { cookie: credential.cookie } };
  const socket = io(serverUrl, { path: '/socket.io', ...auth, transports: ['websocket'], reconnection: false, forceNew: true }) as Socket & {
    received: Array<[string, any]>;
  };
  socket.received = [];
  socket.onAny((event, payload) => socket.received.push([event, payload]));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });
  return socket;
}

export function subscribe(socket: Socket, type: 'document' | 'session', id: string): Promise<any> {
  return socket.timeout(5_000).emitWithAck('subscribe', { type, id });
}
