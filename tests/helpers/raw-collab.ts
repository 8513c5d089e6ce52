import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { eventually } from './collab.ts';

/**
 * A bare `ws` client of the sync endpoint that sends hand-built y-websocket frames (lib0
 * encoding) and records what comes back: for the tests of what a hostile client may try.
 */
export interface RawClient {
  ws: WebSocket;
  received: ServerFrame[];
  /** resolves with the close code and reason, or the HTTP status when the handshake was refused */
  closed: Promise<{ code: number; reason: string; httpStatus?: number }>;
  isClosed(): boolean;
  send(bytes: Uint8Array): void;
  /** waits for the server's greeting (its sync step 1): admitted and the document loaded */
  joined(): Promise<void>;
}

export type ServerFrame =
  | { kind: 'sync-step1' | 'sync-step2' | 'update'; payload: Uint8Array }
  | { kind: 'awareness'; entries: Array<{ clientId: number; clock: number; state: any }> }
  | { kind: 'auth'; reason: string }
  | { kind: 'other'; bytes: Uint8Array };

export function connectRaw(serverUrl: string, documentId: string, token: string | undefined, options: { headers?: Record<string, string>; readable?: boolean } = {}): RawClient {
  const query = token ? `?token=${encodeURIComponent(token)}` : '';
  const ws = new WebSocket(`${serverUrl.replace(/^http/, 'ws')}/collab/${documentId}${query}`, { headers: options.headers });
  const received: ServerFrame[] = [];
  let isClosed = false;
  const closed = new Promise<{ code: number; reason: string; httpStatus?: number }>((resolve) => {
    ws.on('close', (code, reason) => {
      isClosed = true;
      resolve({ code, reason: reason.toString() });
    });
    ws.on('unexpected-response', (_request, response) => {
      isClosed = true;
      resolve({ code: 0, reason: response.statusMessage ?? '', httpStatus: response.statusCode });
      response.resume();
    });
  });
  ws.on('error', () => {});
  ws.on('message', (data) => received.push(decodeServerFrame(new Uint8Array(data as Buffer))));
  const opened = new Promise<void>((resolve) => ws.once('open', () => resolve()));
  return {
    ws,
    received,
    closed,
    isClosed: () => isClosed,
    send: (bytes) => {
      void opened.then(() => {
        if (ws.readyState === WebSocket.OPEN) ws.send(bytes);
      });
    },
    joined: () =>
      eventually(() => {
        if (!received.some((frame) => frame.kind === 'sync-step1')) throw new Error('not greeted yet');
      }),
  };
}

function build(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

const syncFrame = (type: number, payload: Uint8Array) =>
  build((e) => {
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, type);
    encoding.writeVarUint8Array(e, payload);
  });

export interface AwarenessEntryInput {
  clientId: number;
  clock: number;
  /** written as JSON; a string is written as it is (to send text that is not JSON) */
  state: unknown;
}

export const awarenessPayload = (entries: readonly AwarenessEntryInput[]) =>
  build((e) => {
    encoding.writeVarUint(e, entries.length);
    for (const entry of entries) {
      encoding.writeVarUint(e, entry.clientId);
      encoding.writeVarUint(e, entry.clock);
      encoding.writeVarString(e, typeof entry.state === 'string' ? entry.state : JSON.stringify(entry.state));
    }
  });

/** y-websocket frames as a client sends them. */
export const frames = {
  step1: (stateVector: Uint8Array) => syncFrame(0, stateVector),
  step2: (update: Uint8Array) => syncFrame(1, update),
  update: (update: Uint8Array) => syncFrame(2, update),
  awareness: (entries: readonly AwarenessEntryInput[]) =>
    build((e) => {
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint8Array(e, awarenessPayload(entries));
    }),
  queryAwareness: () => build((e) => encoding.writeVarUint(e, 3)),
  /** the auth message type, which only servers send */
  auth: (reason: string) =>
    build((e) => {
      encoding.writeVarUint(e, 2);
      encoding.writeVarUint(e, 0);
      encoding.writeVarString(e, reason);
    }),
};

export function decodeServerFrame(bytes: Uint8Array): ServerFrame {
  try {
    const decoder = decoding.createDecoder(bytes);
    const type = decoding.readVarUint(decoder);
    if (type === 0) {
      const sync = decoding.readVarUint(decoder);
      const kind = (['sync-step1', 'sync-step2', 'update'] as const)[sync];
      if (kind) return { kind, payload: decoding.readVarUint8Array(decoder) };
    } else if (type === 1) {
      const inner = decoding.createDecoder(decoding.readVarUint8Array(decoder));
      const entries = [];
      for (let count = decoding.readVarUint(inner); count > 0; count--) {
        entries.push({ clientId: decoding.readVarUint(inner), clock: decoding.readVarUint(inner), state: JSON.parse(decoding.readVarString(inner)) });
      }
      return { kind: 'awareness', entries };
    } else if (type === 2) {
      decoding.readVarUint(decoder);
      return { kind: 'auth', reason: decoding.readVarString(decoder) };
    }
  } catch {
    // fall through
  }
  return { kind: 'other', bytes };
}

/** Waits until the socket is closed and returns how. */
export async function closedWith(client: RawClient, timeoutMs = 10_000): Promise<{ code: number; reason: string; httpStatus?: number }> {
  return Promise.race([client.closed, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the server did not close the connection')), timeoutMs))]);
}
