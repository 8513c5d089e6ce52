import fs from 'node:fs';
import WebSocket from 'ws';

/**
 * The V8 inspector of a running server process (started with --inspect-port; SIGUSR1 opens it on
 * first use): CPU profiles over a chosen window only (not the start-up), and full garbage
 * collections before memory readings. Nothing in the servers changes.
 */
export class Inspector {
  private socket: WebSocket | null = null;
  private nextId = 1;
  private readonly waiting = new Map<number, (result: unknown) => void>();

  constructor(
    private readonly pid: number,
    private readonly port: number,
  ) {}

  private async connect(): Promise<WebSocket> {
    if (this.socket) return this.socket;
    process.kill(this.pid, 'SIGUSR1');
    const deadline = Date.now() + 15_000;
    let url: string | undefined;
    while (!url) {
      if (Date.now() > deadline) throw new Error(`inspector of ${this.pid} did not open on port ${this.port}`);
      const list = await fetch(`http://127.0.0.1:${this.port}/json/list`).then(
        (r) => r.json() as Promise<Array<{ webSocketDebuggerUrl: string }>>,
        () => [],
      );
      url = list[0]?.webSocketDebuggerUrl;
      if (!url) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const socket = new WebSocket(url, { perMessageDeflate: false, maxPayload: 1024 * 2 ** 20 });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as { id?: number; result?: unknown };
      if (message.id) this.waiting.get(message.id)?.(message.result);
    });
    this.socket = socket;
    await this.call('Profiler.enable');
    await this.call('Profiler.setSamplingInterval', { interval: 500 });
    return socket;
  }

  private call(method: string, params: Record<string, unknown> = {}): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.socket!.send(JSON.stringify({ id, method, params }));
    });
  }

  /** a full GC, so RSS readings compare live memory rather than garbage not yet collected */
  async collectGarbage(): Promise<void> {
    await this.connect();
    await this.call('HeapProfiler.collectGarbage');
  }

  /** V8 heap in use (JS objects; not ArrayBuffers, sockets or WASM memory), any Node server */
  async heapUsed(): Promise<number> {
    await this.connect();
    return ((await this.call('Runtime.getHeapUsage')) as { usedSize: number }).usedSize;
  }

  async start(): Promise<void> {
    await this.connect();
    await this.call('Profiler.start');
  }

  /** Stops the profiler and writes the profile (a .cpuprofile, for Chrome DevTools too). */
  async stop(file: string): Promise<void> {
    const result = (await this.call('Profiler.stop')) as { profile: unknown };
    fs.writeFileSync(file, JSON.stringify(result.profile));
  }

  /** sampling heap profiler: what allocated the memory that is still alive when stopped */
  async startHeapSampling(): Promise<void> {
    await this.connect();
    await this.call('HeapProfiler.enable');
    await this.call('HeapProfiler.startSampling', { samplingInterval: 4096 });
  }

  async stopHeapSampling(file: string): Promise<void> {
    await this.call('HeapProfiler.collectGarbage');
    const result = (await this.call('HeapProfiler.stopSampling')) as { profile: unknown };
    fs.writeFileSync(file, JSON.stringify(result.profile));
  }

  close(): void {
    this.socket?.close();
    this.socket = null;
  }
}
