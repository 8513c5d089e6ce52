/**
 * A protocol-level load client process: many connections that speak the y-websocket (or
 * Hocuspocus) protocol directly, driven by the runner over IPC with the same commands as the stock
 * client process (client.ts).
 *
 * What it does per connection is what a stock provider does on the wire — sync step 1 on open,
 * awareness on open and every 15 s, one update message per edit, sync step 2 in answer to the
 * server's step 1, reconnect with the provider's backoff — but its edits are encoded in advance
 * (edits.ts) and what it receives is never applied: it only reads the stamps it needs to time
 * delivery. So a thousand of them cost the machine little, and what is measured is the server.
 */
import fs from 'node:fs';
import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { metaOf } from '../../../../shared/doc-schema.ts';
import { LogHistogram } from '../histogram.ts';
import { now, type ClientSpec, type Collected, type Command, type Endpoint, type Envelope, type Reply, type WireCounts } from '../protocol.ts';
import { bodyLength, seedDocument, STAMP_PREFIX, steadyTicks, type Stamp } from '../workload.ts';
import { clientIdOf, EditSource, type EncodedEdit } from './edits.ts';
import { EMPTY_UPDATE, findStamps, Framer, readMessage, STEP1, STEP2, UPDATE } from './frames.ts';

let wire: WireCounts = { messagesIn: 0, bytesIn: 0, messagesOut: 0, bytesOut: 0 };
let window = { start: Infinity, end: -Infinity, perEdit: false };
let histogram = new LogHistogram();
let perEdit = new Map<string, [number, number]>();
let editsSent = 0;
let sent: Array<[number, number, number]> = [];
let lost = 0;
let lateEdits = 0;
let reconnects = 0;

const AWARENESS_RENEW_MS = 15_000;
/** y-websocket's provider: 100 ms × 2^attempts, at most 2.5 s */
const backoff = (attempt: number) => Math.min(100 * 2 ** attempt, 2_500);

function recordDelivery(writer: number, seq: number, sentAt: number, at: number): void {
  if (sentAt < window.start || sentAt >= window.end) return;
  const latency = at - sentAt;
  histogram.record(latency);
  if (window.perEdit) {
    const id = `${STAMP_PREFIX}${writer}:${seq}`;
    const seen = perEdit.get(id);
    perEdit.set(id, seen ? [Math.max(seen[0], latency), seen[1] + 1] : [latency, 1]);
  }
}

class Connection {
  readonly clientID: number;
  readonly framer: Framer;
  socket: WebSocket | null = null;
  synced = false;
  everSynced = false;
  closedByUs = false;
  /** the document as received at the first sync (and, for a seeder, with the seed on top) */
  base: Uint8Array | null = null;
  source: EditSource | null = null;
  /** every edit sent, in order: what a reconnect may have to send again */
  readonly sentEdits: EncodedEdit[] = [];
  ticks?: { stop(): void };
  private awarenessClock = 0;
  private awarenessTimer?: NodeJS.Timeout;
  private attempts = 0;
  /** per writer, the highest sequence seen: a reconnect's step 2 repeats edits already timed */
  private readonly seen = new Map<number, number>();
  private onFirstSync: ((ms: number) => void) | null = null;
  private openedAt = 0;

  constructor(
    readonly spec: ClientSpec,
    readonly endpoint: Endpoint,
  ) {
    this.clientID = clientIdOf(spec.id);
    this.framer = new Framer(endpoint.client, spec.doc);
  }

  open(): Promise<number> {
    return new Promise((resolve) => {
      this.onFirstSync = resolve;
      this.connect();
    });
  }

  private url(): string {
    if (this.endpoint.client === 'hocuspocus') return this.endpoint.url;
    const query = this.spec.token ? `?token=${encodeURIComponent(this.spec.token)}` : '';
    return `${this.endpoint.url}/${this.spec.doc}${query}`;
  }

  private connect(): void {
    this.openedAt = now();
    const socket = new WebSocket(this.url());
    socket.binaryType = 'nodebuffer';
    this.socket = socket;
    socket.on('open', () => {
      this.attempts = 0;
      if (this.endpoint.client === 'hocuspocus') this.send(this.framer.authenticate(this.spec.token ?? ''));
      this.send(this.framer.sync(STEP1, this.stateVector()));
      this.announce();
    });
    socket.on('message', (data: Buffer) => this.receive(data));
    socket.on('error', () => {});
    socket.on('close', () => {
      if (this.socket !== socket) return;
      if (this.synced && !this.closedByUs) lost++;
      this.synced = false;
      this.socket = null;
      clearInterval(this.awarenessTimer);
      if (this.closedByUs) return;
      reconnects++;
      setTimeout(() => !this.closedByUs && this.connect(), backoff(this.attempts++));
    });
  }

  send(message: Uint8Array): void {
    if (this.socket?.readyState !== WebSocket.OPEN) return;
    wire.messagesOut++;
    wire.bytesOut += message.byteLength;
    this.socket.send(message);
  }

  private announce(): void {
    this.send(this.framer.awareness(this.clientID, ++this.awarenessClock));
    clearInterval(this.awarenessTimer);
    this.awarenessTimer = setInterval(() => this.send(this.framer.awareness(this.clientID, ++this.awarenessClock)), AWARENESS_RENEW_MS);
  }

  /**
   * What a stock provider sends as its state vector: here the state at the first sync, with this
   * client's own edits — so after a reconnect the server sends what changed since then (a stock
   * client, which applied everything, would get less: the difference is in the note).
   */
  private stateVector(): Uint8Array {
    if (!this.base) return Y.encodeStateVector(new Y.Doc());
    const vector = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(this.base));
    const last = this.sentEdits.at(-1);
    if (last) vector.set(this.clientID, last.clockEnd);
    return Y.encodeStateVector(vector);
  }

  private receive(data: Buffer): void {
    const at = now();
    wire.messagesIn++;
    wire.bytesIn += data.byteLength;
    const message = readMessage(this.endpoint.client, data);
    if (message.type !== 'sync') return;
    if (message.step === STEP1) return this.send(this.framer.sync(STEP2, this.missingFrom(message.payload)));
    this.stamps(message.payload, at);
    if (message.step === STEP2 && !this.synced) {
      this.synced = true;
      if (!this.base) this.base = Uint8Array.from(message.payload);
      if (!this.everSynced) {
        this.everSynced = true;
        this.onFirstSync?.(at - this.openedAt);
        this.onFirstSync = null;
      }
    }
  }

  /** the edits of ours that a server's state vector lacks (none on a first connection) */
  private missingFrom(serverVector: Uint8Array): Uint8Array {
    if (this.sentEdits.length === 0) return EMPTY_UPDATE;
    const has = Y.decodeStateVector(serverVector).get(this.clientID) ?? 0;
    const missing = this.sentEdits.filter((edit) => edit.clockEnd > has).map((edit) => edit.update);
    return missing.length ? Y.mergeUpdates(missing) : EMPTY_UPDATE;
  }

  private stamps(payload: Uint8Array, at: number): void {
    for (const stamp of findStamps(payload)) {
      if (stamp.c === this.spec.id) continue;
      if ((this.seen.get(stamp.c) ?? 0) >= stamp.s) continue;
      this.seen.set(stamp.c, stamp.s);
      recordDelivery(stamp.c, stamp.s, stamp.t, at);
    }
  }

  /** The seeder of a document writes the same small content as the stock clients, on what it received. */
  seed(withTemplate: boolean): void {
    const doc = new Y.Doc();
    if (this.base) Y.applyUpdate(doc, this.base);
    if (bodyLength(doc) > 0 && doc.getArray('measures').length > 0) return doc.destroy();
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    seedDocument(doc, withTemplate);
    for (const update of updates) this.send(this.framer.sync(UPDATE, update));
    this.base = Y.encodeStateAsUpdate(doc);
    doc.destroy();
  }

  prepare(count: number, rate: number): void {
    if (!this.base) throw new Error(`client ${this.spec.id} has not synced`);
    this.source ??= new EditSource(this.spec.id, this.base, rate, this.framer);
    this.source.prepare(count);
  }

  edit(): void {
    if (!this.synced) return;
    if (!this.source) this.prepare(0, 5);
    const { edit, late } = this.source!.next();
    if (late) lateEdits++;
    const t = now();
    edit.frame.writeDoubleBE(t, edit.timeAt);
    this.sentEdits.push(edit);
    this.send(edit.frame);
    if (t < window.start || t >= window.end) return;
    editsSent++;
    if (window.perEdit) sent.push([this.spec.id, edit.seq, t]);
  }

  close(): void {
    this.closedByUs = true;
    this.ticks?.stop();
    clearInterval(this.awarenessTimer);
    this.socket?.close();
    this.source?.destroy();
  }
}

const connections = new Map<number, Connection>();

async function connectAll(endpoint: Endpoint, clients: ClientSpec[], timeoutMs: number): Promise<Reply> {
  const syncMs: number[] = [];
  let failed = 0;
  const queue = [...clients];
  // At most 50 handshakes at once, as the stock client process does.
  const worker = async () => {
    for (let spec = queue.shift(); spec; spec = queue.shift()) {
      const connection = new Connection(spec, endpoint);
      connections.set(spec.id, connection);
      const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), timeoutMs).unref());
      const ms = await Promise.race([connection.open(), timeout]);
      if (ms === null) failed++;
      else syncMs.push(ms);
    }
  };
  await Promise.all(Array.from({ length: Math.min(50, clients.length) }, worker));
  return { op: 'connected', synced: syncMs.length, failed, syncMs };
}

function startEdits(ids: number[], rate: number): void {
  const interval = 1000 / rate;
  const start = performance.now();
  for (const id of ids) {
    const connection = connections.get(id);
    if (!connection) continue;
    connection.ticks?.stop();
    // The same phase and schedule as the stock client process (client.ts).
    const phase = ((id * 2654435761) % 1000) / 1000;
    connection.ticks = steadyTicks(start + phase * interval, interval, () => connection.edit());
  }
}

function collect(): Collected {
  const data: Collected = { histogram: histogram.serialize(), perEdit: [...perEdit].map(([id, [max, n]]) => [id, max, n]), wire, editsSent, sent, lost };
  histogram = new LogHistogram();
  perEdit = new Map();
  wire = { messagesIn: 0, bytesIn: 0, messagesOut: 0, bytesOut: 0 };
  editsSent = 0;
  sent = [];
  lost = 0;
  return data;
}

/**
 * A fresh connection that asks for the whole document and times the last byte of the answer; it
 * applies nothing while timing. Then, apart, it reads what it got (length, stamps) for checks.
 */
function openRaw(endpoint: Endpoint, spec: ClientSpec, timeoutMs: number, saveTo?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const framer = new Framer(endpoint.client, spec.doc);
    const query = spec.token ? `?token=${encodeURIComponent(spec.token)}` : '';
    const socket = new WebSocket(endpoint.client === 'hocuspocus' ? endpoint.url : `${endpoint.url}/${spec.doc}${query}`);
    const timer = setTimeout(() => (socket.terminate(), reject(new Error(`no full state within ${timeoutMs} ms`))), timeoutMs);
    let started = 0;
    socket.on('open', () => {
      started = now();
      if (endpoint.client === 'hocuspocus') socket.send(framer.authenticate(spec.token ?? ''));
      socket.send(framer.sync(STEP1, Y.encodeStateVector(new Y.Doc())));
    });
    socket.on('error', (error) => (clearTimeout(timer), reject(error)));
    socket.on('message', (data: Buffer) => {
      const at = now();
      const message = readMessage(endpoint.client, data);
      if (message.type !== 'sync' || message.step !== STEP2) return;
      clearTimeout(timer);
      socket.close();
      const payload = Uint8Array.from(message.payload);
      if (saveTo) fs.writeFileSync(saveTo, payload);
      const doc = new Y.Doc();
      Y.applyUpdate(doc, payload);
      const stamps: Array<[number, number]> = [];
      for (const [key, value] of metaOf(doc).entries()) if (key.startsWith(STAMP_PREFIX)) stamps.push([(value as Stamp).c, (value as Stamp).s]);
      resolve({ op: 'openedRaw', ms: at - started, bytes: payload.byteLength, textLength: bodyLength(doc), stamps });
      doc.destroy();
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function feed(id: number, file: string, perSecond: number): Promise<void> {
  const connection = connections.get(id);
  if (!connection) throw new Error(`no client ${id}`);
  const decoder = decoding.createDecoder(fs.readFileSync(file));
  const started = performance.now();
  for (let n = 0; decoding.hasContent(decoder); n++) {
    const wait = started + (n * 1000) / perSecond - performance.now();
    if (wait > 0) await sleep(wait);
    connection.send(connection.framer.sync(UPDATE, decoding.readVarUint8Array(decoder)));
  }
}

async function handle(command: Command): Promise<Reply> {
  switch (command.op) {
    case 'connect':
      return connectAll(command.endpoint, command.clients, command.timeoutMs);
    case 'seed':
      for (const id of command.ids) connections.get(id)?.seed(command.template);
      return { op: 'done' };
    case 'prepare': {
      const started = performance.now();
      for (const id of command.ids) connections.get(id)?.prepare(command.edits, command.rate);
      return { op: 'prepared', ms: performance.now() - started, edits: command.edits * command.ids.length };
    }
    case 'edit':
      startEdits(command.ids, command.rate);
      return { op: 'done' };
    case 'stopEdits':
      for (const connection of connections.values()) connection.ticks?.stop();
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
    case 'status': {
      let connected = 0;
      let synced = 0;
      for (const connection of connections.values()) {
        if (connection.socket?.readyState === WebSocket.OPEN) connected++;
        if (connection.synced) synced++;
      }
      return { op: 'status', clients: connections.size, connected, synced, lateEdits, reconnects };
    }
    case 'sentSeqs':
      return {
        op: 'seqs',
        seqs: command.ids.flatMap((id) => {
          const last = connections.get(id)?.sentEdits.at(-1);
          return last ? [[id, last.seq] as [number, number]] : [];
        }),
      };
    case 'state':
      return { op: 'states', states: [] };
    case 'feed':
      await feed(command.id, command.file, command.perSecond);
      return { op: 'done' };
    case 'openRaw':
      return openRaw(command.endpoint, command.client, command.timeoutMs, command.saveTo);
    case 'open':
      throw new Error('open is the stock client’s: use openRaw');
    case 'close':
      for (const id of command.ids ?? [...connections.keys()]) {
        connections.get(id)?.close();
        connections.delete(id);
      }
      return { op: 'done' };
    case 'exit':
      setTimeout(() => process.exit(0), 10);
      return { op: 'done' };
  }
}

process.on('message', (message: Envelope<Command>) => {
  handle(message).then(
    (reply) => process.send?.({ ...reply, rid: message.rid }),
    (error: unknown) => process.send?.({ op: 'error', message: String((error as Error)?.stack ?? error), rid: message.rid }),
  );
});
process.on('disconnect', () => process.exit(0));
process.on('SIGINT', () => {});
