import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { track } from './cleanup.ts';
import { LogHistogram } from './histogram.ts';
import type { ClientSpec, Collected, Command, Endpoint, Envelope, Reply, WireCounts } from './protocol.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** stock: stock providers that apply every update (client.ts); wire: protocol-level clients (wire/client.ts) */
export type PoolKind = 'stock' | 'wire';
const SCRIPTS: Record<PoolKind, string> = { stock: path.join(HERE, 'client.ts'), wire: path.join(HERE, 'wire/client.ts') };

/** Merged results of every client process over one measurement window. */
export interface Merged {
  histogram: LogHistogram;
  /** per edit: the latency to its slowest observer, and how many observers got it */
  perEdit: Map<string, [number, number]>;
  wire: WireCounts;
  editsSent: number;
  sent: Array<[number, number, number]>;
  lost: number;
}

class ClientProcess {
  private nextRid = 1;
  private readonly waiting = new Map<number, { resolve: (reply: Reply) => void; reject: (error: Error) => void }>();

  constructor(readonly child: ChildProcess) {
    child.on('message', (message: Envelope<Reply>) => {
      const waiter = this.waiting.get(message.rid);
      this.waiting.delete(message.rid);
      if (message.op === 'error') waiter?.reject(new Error(`client process: ${message.message}`));
      else waiter?.resolve(message);
    });
    child.on('exit', (code) => {
      for (const waiter of this.waiting.values()) waiter.reject(new Error(`client process exited with ${code}`));
      this.waiting.clear();
    });
  }

  request<R extends Reply['op']>(command: Command, timeoutMs = 600_000): Promise<Extract<Reply, { op: R }>> {
    const rid = this.nextRid++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(rid);
        reject(new Error(`client process did not answer ${command.op} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.set(rid, {
        resolve: (reply) => (clearTimeout(timer), resolve(reply as Extract<Reply, { op: R }>)),
        reject: (error) => (clearTimeout(timer), reject(error)),
      });
      this.child.send({ ...command, rid });
    });
  }
}

/**
 * Client processes (separate from the runner and the servers). Client `id` lives in process
 * `id % size`, so the clients of one document are spread over processes.
 */
export class ClientPool {
  private constructor(private readonly processes: ClientProcess[]) {}

  static async start(size: number, kind: PoolKind = 'stock'): Promise<ClientPool> {
    const processes = Array.from({ length: size }, () => {
      const child = fork(SCRIPTS[kind], [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      track(child, 'client');
      return new ClientProcess(child);
    });
    return new ClientPool(processes);
  }

  pids(): number[] {
    return this.processes.map((process) => process.child.pid!).filter(Boolean);
  }

  private owner(id: number): ClientProcess {
    return this.processes[id % this.processes.length]!;
  }

  private byProcess(ids: number[]): Array<[ClientProcess, number[]]> {
    const groups = new Map<ClientProcess, number[]>();
    for (const id of ids) groups.set(this.owner(id), [...(groups.get(this.owner(id)) ?? []), id]);
    return [...groups];
  }

  /** Connects the clients; resolves with how many synced and their connect → synced times. */
  async connect(endpoint: Endpoint, clients: ClientSpec[], timeoutMs = 60_000): Promise<{ synced: number; failed: number; syncMs: number[] }> {
    const groups = new Map<ClientProcess, ClientSpec[]>();
    for (const spec of clients) groups.set(this.owner(spec.id), [...(groups.get(this.owner(spec.id)) ?? []), spec]);
    const replies = await Promise.all([...groups].map(([process, specs]) => process.request<'connected'>({ op: 'connect', endpoint, clients: specs, timeoutMs })));
    return {
      synced: replies.reduce((sum, r) => sum + r.synced, 0),
      failed: replies.reduce((sum, r) => sum + r.failed, 0),
      syncMs: replies.flatMap((r) => r.syncMs),
    };
  }

  async seed(ids: number[], template: boolean): Promise<void> {
    await Promise.all(this.byProcess(ids).map(([process, group]) => process.request({ op: 'seed', ids: group, template })));
  }

  async edit(ids: number[], rate: number): Promise<void> {
    await Promise.all(this.byProcess(ids).map(([process, group]) => process.request({ op: 'edit', ids: group, rate })));
  }

  async broadcast(command: Command): Promise<void> {
    await Promise.all(this.processes.map((process) => process.request(command)));
  }

  async collect(): Promise<Merged> {
    const replies = await Promise.all(this.processes.map((process) => process.request<'collected'>({ op: 'collect' })));
    return mergeCollected(replies.map((reply) => reply.data));
  }

  async states(ids: number[]): Promise<Array<{ id: number; encodedBytes: number; textLength: number }>> {
    const replies = await Promise.all(this.byProcess(ids).map(([process, group]) => process.request<'states'>({ op: 'state', ids: group })));
    // In the order asked for, not by process: callers pair them with their documents by position.
    const byId = new Map(replies.flatMap((reply) => reply.states).map((state) => [state.id, state]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async feed(id: number, file: string, perSecond: number): Promise<void> {
    await this.owner(id).request({ op: 'feed', id, file, perSecond });
  }

  async open(endpoint: Endpoint, client: ClientSpec, timeoutMs = 60_000): Promise<{ ms: number; textLength: number; encodedBytes: number }> {
    return this.owner(client.id).request<'opened'>({ op: 'open', endpoint, client, timeoutMs }, timeoutMs + 5_000);
  }

  /** wire clients: encodes `edits` edits ahead for each (kept out of the measured windows) */
  async prepare(ids: number[], edits: number, rate: number): Promise<number> {
    const replies = await Promise.all(this.byProcess(ids).map(([process, group]) => process.request<'prepared'>({ op: 'prepare', ids: group, edits, rate })));
    return Math.max(0, ...replies.map((reply) => reply.ms));
  }

  /** wire clients: connected and synced, summed over the processes */
  async status(): Promise<{ clients: number; connected: number; synced: number; lateEdits: number; reconnects: number }> {
    const replies = await Promise.all(this.processes.map((process) => process.request<'status'>({ op: 'status' })));
    const sum = (key: 'clients' | 'connected' | 'synced' | 'lateEdits' | 'reconnects') => replies.reduce((total, reply) => total + reply[key], 0);
    return { clients: sum('clients'), connected: sum('connected'), synced: sum('synced'), lateEdits: sum('lateEdits'), reconnects: sum('reconnects') };
  }

  /** wire clients: the sequence of the last edit each sent */
  async sentSeqs(ids: number[]): Promise<Map<number, number>> {
    const replies = await Promise.all(this.byProcess(ids).map(([process, group]) => process.request<'seqs'>({ op: 'sentSeqs', ids: group })));
    return new Map(replies.flatMap((reply) => reply.seqs));
  }

  /** wire clients: connect → last byte of the full state of a document, nothing applied while timing */
  async openRaw(
    endpoint: Endpoint,
    client: ClientSpec,
    timeoutMs = 60_000,
    saveTo?: string,
  ): Promise<{ ms: number; bytes: number; textLength: number; stamps: Array<[number, number]> }> {
    return this.owner(client.id).request<'openedRaw'>({ op: 'openRaw', endpoint, client, timeoutMs, ...(saveTo ? { saveTo } : {}) }, timeoutMs + 5_000);
  }

  async close(ids?: number[]): Promise<void> {
    if (!ids) return this.broadcast({ op: 'close' });
    await Promise.all(this.byProcess(ids).map(([process, group]) => process.request({ op: 'close', ids: group })));
  }

  async stop(): Promise<void> {
    await Promise.allSettled(this.processes.map((process) => process.request({ op: 'exit' }, 5_000)));
    await Promise.all(
      this.processes.map(
        (process) =>
          new Promise<void>((resolve) => {
            if (process.child.exitCode !== null || process.child.signalCode !== null) return resolve();
            const timer = setTimeout(() => process.child.kill('SIGKILL'), 5_000);
            process.child.once('exit', () => (clearTimeout(timer), resolve()));
          }),
      ),
    );
  }
}

function mergeCollected(parts: Collected[]): Merged {
  const merged: Merged = {
    histogram: new LogHistogram(),
    perEdit: new Map(),
    wire: { messagesIn: 0, bytesIn: 0, messagesOut: 0, bytesOut: 0 },
    editsSent: 0,
    sent: [],
    lost: 0,
  };
  for (const part of parts) {
    merged.histogram.merge(LogHistogram.deserialize(part.histogram));
    for (const [id, max, n] of part.perEdit) {
      const seen = merged.perEdit.get(id);
      merged.perEdit.set(id, seen ? [Math.max(seen[0], max), seen[1] + n] : [max, n]);
    }
    for (const key of Object.keys(merged.wire) as Array<keyof WireCounts>) merged.wire[key] += part.wire[key];
    merged.editsSent += part.editsSent;
    merged.sent.push(...part.sent);
    merged.lost += part.lost;
  }
  return merged;
}
