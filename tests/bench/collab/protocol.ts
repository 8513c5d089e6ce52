/** Messages between the benchmark runner and its client processes (client.ts), over the fork IPC channel. */

/** which stock client speaks to the server: y-websocket's provider or Hocuspocus's */
export type ClientKind = 'y-websocket' | 'hocuspocus';

export interface Endpoint {
  client: ClientKind;
  /** y-websocket: the provider's serverUrl (room = document id); hocuspocus: the server url */
  url: string;
}

export interface ClientSpec {
  /** global client index: also seeds its edit generator, so every server sees the same edits */
  id: number;
  doc: string;
  token?: string;
}

export interface WireCounts {
  messagesIn: number;
  bytesIn: number;
  messagesOut: number;
  bytesOut: number;
}

export type Command =
  | { op: 'connect'; endpoint: Endpoint; clients: ClientSpec[]; timeoutMs: number }
  /** seeds the documents of these clients (one client per document) with the same small content */
  | { op: 'seed'; ids: number[]; template: boolean }
  /** starts typing: each client edits `rate` times per second until stopEdits */
  | { op: 'edit'; ids: number[]; rate: number }
  | { op: 'stopEdits' }
  /** stamps sent in [start, end) (cross-process ms clock) are the ones measured; clears what was recorded */
  | { op: 'window'; start: number; end: number; perEdit: boolean }
  | { op: 'resetWire' }
  | { op: 'collect' }
  | { op: 'state'; ids: number[] }
  /** feeds history batches (a file of length-prefixed updates) through one client, at most `perSecond` messages a second */
  | { op: 'feed'; id: number; file: string; perSecond: number }
  /** opens a fresh provider on a document and times connect → synced */
  | { op: 'open'; endpoint: Endpoint; client: ClientSpec; timeoutMs: number }
  | { op: 'close'; ids?: number[] }
  | { op: 'exit' }
  // Protocol-level clients only (wire/client.ts):
  /** encodes `edits` edits ahead for each of these clients, at the stamp gaps of `rate` */
  | { op: 'prepare'; ids: number[]; edits: number; rate: number }
  /** how many clients are connected and synced (after a server restart: how many came back) */
  | { op: 'status' }
  /** the last edit each client sent, as [client id, sequence] */
  | { op: 'sentSeqs'; ids: number[] }
  /** a fresh connection: connect → the last byte of the server's full state, without applying it; then, apart, what it holds */
  | { op: 'openRaw'; endpoint: Endpoint; client: ClientSpec; timeoutMs: number; saveTo?: string };

export interface Collected {
  /** serialized LogHistogram of edit → remote apply latency (ms) */
  histogram: number[];
  /** per edit (writer:seq) the slowest observer of this process and how many observers got it */
  perEdit: Array<[string, number, number]>;
  wire: WireCounts;
  editsSent: number;
  /** with perEdit: every stamp sent in the window, as [client id, seq, sent at] */
  sent: Array<[number, number, number]>;
  /** connections that closed or never synced */
  lost: number;
}

export type Reply =
  | { op: 'connected'; synced: number; failed: number; syncMs: number[] }
  | { op: 'done' }
  | { op: 'collected'; data: Collected }
  | { op: 'states'; states: Array<{ id: number; encodedBytes: number; textLength: number }> }
  | { op: 'opened'; ms: number; textLength: number; encodedBytes: number }
  | { op: 'prepared'; ms: number; edits: number }
  | { op: 'status'; clients: number; connected: number; synced: number; lateEdits: number; reconnects: number }
  | { op: 'seqs'; seqs: Array<[number, number]> }
  /** ms: connect → full state received; stamps: the latest sequence of each writer in that state */
  | { op: 'openedRaw'; ms: number; bytes: number; textLength: number; stamps: Array<[number, number]> }
  | { op: 'error'; message: string };

export type Envelope<T> = T & { rid: number };

/** one clock for every process: wall-clock milliseconds with sub-millisecond resolution */
export const now = (): number => performance.timeOrigin + performance.now();
