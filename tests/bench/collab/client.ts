/**
 * A benchmark client process: many stock providers (y-websocket's or Hocuspocus's) driven by the
 * runner over IPC. Measures edit → remote-apply latency from stamps carried in the edits, and
 * counts messages and bytes on the wire.
 */
import fs from 'node:fs';
import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { HocuspocusProvider } from '@hocuspocus/provider';
import * as Y from 'yjs';
import { metaOf } from '../../../shared/doc-schema.ts';
import { LogHistogram } from './histogram.ts';
import { now, type ClientSpec, type Collected, type Command, type Endpoint, type Envelope, type Reply, type WireCounts } from './protocol.ts';
import { bodyLength, editsOfStamp, seedDocument, STAMP_PREFIX, steadyTicks, Typist, type Stamp } from './workload.ts';

let wire: WireCounts = { messagesIn: 0, bytesIn: 0, messagesOut: 0, bytesOut: 0 };
const size = (data: unknown): number =>
  Array.isArray(data) ? data.reduce((sum: number, part) => sum + size(part), 0) : ((data as ArrayBuffer | Uint8Array)?.byteLength ?? String(data).length);

/** `ws` as the providers' WebSocket, counting every message both ways. */
class CountingWebSocket extends WebSocket {
  constructor(address: string | URL, protocols?: string | string[]) {
    super(address, protocols);
    this.on('message', (data) => {
      wire.messagesIn++;
      wire.bytesIn += size(data);
    });
  }
  override send(data: unknown, ...rest: unknown[]): void {
    wire.messagesOut++;
    wire.bytesOut += size(data);
    (super.send as (...args: unknown[]) => void)(data, ...rest);
  }
}

interface Peer {
  spec: ClientSpec;
  doc: Y.Doc;
  destroy(): void;
  synced: boolean;
  closedByUs: boolean;
  typist: Typist;
  ticks?: { stop(): void };
}

const peers = new Map<number, Peer>();
let window = { start: Infinity, end: -Infinity, perEdit: false };
let histogram = new LogHistogram();
let perEdit = new Map<string, [number, number]>();
let editsSent = 0;
let sent: Array<[number, number, number]> = [];
let lost = 0;

function recordDelivery(key: string, seq: number, sentAt: number, at: number): void {
  if (sentAt < window.start || sentAt >= window.end) return;
  const latency = at - sentAt;
  histogram.record(latency);
  if (window.perEdit) {
    const id = `${key}:${seq}`;
    const seen = perEdit.get(id);
    perEdit.set(id, seen ? [Math.max(seen[0], latency), seen[1] + 1] : [latency, 1]);
  }
}

function observe(doc: Y.Doc): void {
  const lastSeq = new Map<string, number>();
  metaOf(doc).observe((event) => {
    if (event.transaction.local) return;
    const at = now();
    for (const key of event.keysChanged) {
      if (!key.startsWith(STAMP_PREFIX)) continue;
      const stamp = event.target.get(key) as Stamp | undefined;
      if (!stamp) continue;
      for (const [seq, sentAt] of editsOfStamp(stamp, lastSeq.get(key))) recordDelivery(key, seq, sentAt, at);
      lastSeq.set(key, stamp.s);
    }
  });
}

/** Opens one provider; resolves with connect → synced milliseconds (rejects on timeout). */
function openPeer(endpoint: Endpoint, spec: ClientSpec, timeoutMs: number): { peer: Peer; synced: Promise<number> } {
  const doc = new Y.Doc();
  const started = now();
  let resolveSynced!: (ms: number) => void;
  const synced = new Promise<number>((resolve, reject) => {
    resolveSynced = resolve;
    setTimeout(() => reject(new Error(`client ${spec.id} did not sync within ${timeoutMs} ms`)), timeoutMs).unref();
  });
  const peer: Peer = { spec, doc, synced: false, closedByUs: false, typist: new Typist(spec.id, doc), destroy: () => {} };
  const onSynced = () => {
    if (peer.synced) return;
    peer.synced = true;
    resolveSynced(now() - started);
  };
  const onLost = () => {
    if (peer.synced && !peer.closedByUs) lost++;
    peer.synced = false;
  };
  const WebSocketPolyfill = CountingWebSocket as unknown as typeof globalThis.WebSocket;
  if (endpoint.client === 'hocuspocus') {
    // The provider hands its whole configuration to the socket it makes, WebSocketPolyfill included (the types omit it).
    const configuration = { url: endpoint.url, name: spec.doc, document: doc, WebSocketPolyfill, token: spec.token ?? '' };
    const provider = new HocuspocusProvider(configuration as ConstructorParameters<typeof HocuspocusProvider>[0]);
    provider.on('synced', ({ state }: { state: boolean }) => state && onSynced());
    provider.on('disconnect', onLost);
    peer.destroy = () => provider.destroy();
  } else {
    const provider = new WebsocketProvider(endpoint.url, spec.doc, doc, {
      params: spec.token ? { token: spec.token } : {},
      WebSocketPolyfill,
      disableBc: true,
    });
    provider.on('sync', (state: boolean) => state && onSynced());
    provider.on('status', ({ status }: { status: string }) => status === 'disconnected' && onLost());
    peer.destroy = () => provider.destroy();
  }
  observe(doc);
  return { peer, synced };
}

async function connect(endpoint: Endpoint, clients: ClientSpec[], timeoutMs: number): Promise<Reply> {
  const syncMs: number[] = [];
  let failed = 0;
  // At most 50 handshakes at once, as a crowd of browsers arriving, not a single burst.
  const queue = [...clients];
  const worker = async () => {
    for (let spec = queue.shift(); spec; spec = queue.shift()) {
      const { peer, synced } = openPeer(endpoint, spec, timeoutMs);
      peers.set(spec.id, peer);
      await synced.then(
        (ms) => syncMs.push(ms),
        () => failed++,
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(50, clients.length) }, worker));
  return { op: 'connected', synced: syncMs.length, failed, syncMs };
}

function startEdits(ids: number[], rate: number): void {
  const interval = 1000 / rate;
  const start = performance.now();
  for (const id of ids) {
    const peer = peers.get(id);
    if (!peer) continue;
    peer.ticks?.stop();
    // A fixed phase per client (from its id), so the same load reaches every server.
    const phase = ((id * 2654435761) % 1000) / 1000;
    peer.ticks = steadyTicks(start + phase * interval, interval, () => {
      if (!peer.synced) return;
      peer.typist.edit();
      const stamp = metaOf(peer.doc).get(`${STAMP_PREFIX}${id}`) as Stamp;
      if (stamp.t < window.start || stamp.t >= window.end) return;
      editsSent++;
      if (window.perEdit) sent.push([id, stamp.s, stamp.t]);
    });
  }
}

function stopEdits(): void {
  for (const peer of peers.values()) {
    peer.ticks?.stop();
    peer.ticks = undefined;
  }
}

function collect(): Collected {
  const data: Collected = {
    histogram: histogram.serialize(),
    perEdit: [...perEdit].map(([id, [max, n]]) => [id, max, n]),
    wire,
    editsSent,
    sent,
    lost,
  };
  histogram = new LogHistogram();
  perEdit = new Map();
  wire = { messagesIn: 0, bytesIn: 0, messagesOut: 0, bytesOut: 0 };
  editsSent = 0;
  sent = [];
  lost = 0;
  return data;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function feed(id: number, file: string, perSecond: number): Promise<void> {
  const peer = peers.get(id);
  if (!peer) throw new Error(`no client ${id}`);
  const decoder = decoding.createDecoder(fs.readFileSync(file));
  const started = performance.now();
  for (let sent = 0; decoding.hasContent(decoder); sent++) {
    const wait = started + (sent * 1000) / perSecond - performance.now();
    if (wait > 0) await sleep(wait);
    Y.applyUpdate(peer.doc, decoding.readVarUint8Array(decoder), 'history');
  }
}

async function handle(command: Command): Promise<Reply> {
  switch (command.op) {
    case 'connect':
      return connect(command.endpoint, command.clients, command.timeoutMs);
    case 'seed':
      for (const id of command.ids) {
        const doc = peers.get(id)?.doc;
        if (doc && doc.getArray('measures').length === 0) seedDocument(doc, command.template);
      }
      return { op: 'done' };
    case 'edit':
      startEdits(command.ids, command.rate);
      return { op: 'done' };
    case 'stopEdits':
      stopEdits();
      return { op: 'done' };
    case 'window':
      collect();
      window = { start: command.start, end: command.end, perEdit: command.perEdit };
      return { op: 'done' };
    case 'resetWire':
      wire = { messagesIn: 0, bytesIn: 0, messagesOut: 0, bytesOut: 0 };
      return { op: 'done' };
    case 'collect':
      return { op: 'collected', data: collect() };
    case 'state':
      return {
        op: 'states',
        states: command.ids.flatMap((id) => {
          const doc = peers.get(id)?.doc;
          return doc ? [{ id, encodedBytes: Y.encodeStateAsUpdate(doc).byteLength, textLength: bodyLength(doc) }] : [];
        }),
      };
    case 'feed':
      await feed(command.id, command.file, command.perSecond);
      return { op: 'done' };
    case 'open': {
      const { peer, synced } = openPeer(command.endpoint, command.client, command.timeoutMs);
      try {
        const ms = await synced;
        return { op: 'opened', ms, textLength: bodyLength(peer.doc), encodedBytes: Y.encodeStateAsUpdate(peer.doc).byteLength };
      } finally {
        peer.closedByUs = true;
        peer.destroy();
        peer.doc.destroy();
      }
    }
    case 'close':
      for (const id of command.ids ?? [...peers.keys()]) {
        const peer = peers.get(id);
        if (!peer) continue;
        peer.closedByUs = true;
        peer.ticks?.stop();
        peer.destroy();
        peer.doc.destroy();
        peers.delete(id);
      }
      return { op: 'done' };
    case 'exit':
      setTimeout(() => process.exit(0), 10);
      return { op: 'done' };
    default:
      throw new Error(`${command.op} is for the protocol-level clients (wire/client.ts)`);
  }
}

process.on('message', (message: Envelope<Command>) => {
  handle(message).then(
    (reply) => process.send?.({ ...reply, rid: message.rid }),
    (error: unknown) => process.send?.({ op: 'error', message: String((error as Error)?.stack ?? error), rid: message.rid }),
  );
});
// The runner is gone (finished, crashed or interrupted): so are we.
process.on('disconnect', () => process.exit(0));
process.on('SIGINT', () => {});
// Every y-websocket provider registers a process 'exit' listener.
process.setMaxListeners(0);
