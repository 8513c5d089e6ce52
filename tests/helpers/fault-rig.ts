import { expect } from 'vitest';
import * as Y from 'yjs';
import { measuresOf, newMeasureMap } from '../../shared/doc-schema.ts';
import { freePort, metricValue, spawnServer, type ChildServer } from './child-server.ts';
import { connectPeer, eventually, type TestPeer } from './collab.ts';
import { collabWorld, type CollabWorld } from './collab-world.ts';
import { startServerOn, type PersistentDatabase } from './persistent-database.ts';

/**
 * The set-up the crash and disk tests share: a persistent database with a collaboration world on
 * it (made by a short-lived server in this process), then a real server process on a fixed port,
 * which the test kills, stops and starts again while stock clients stay connected to that port.
 */
export interface FaultRig {
  world: CollabWorld;
  port: number;
  /** the running server process (undefined while stopped) */
  child: ChildServer | undefined;
  url: string;
  /** a stock provider for `world.editors[index]`, destroyed by `dispose` */
  connect(index: number): TestPeer;
  /** starts a server process again on the same port, with the same environment */
  restart(): Promise<void>;
  /** SIGTERM; resolves with how long the process took to end, and its output */
  stop(): Promise<{ ms: number; output: string }>;
  kill9(): Promise<void>;
  /** GET /readyz, with a 5 s hang detector (not a speed test: it must answer at all) */
  readyz(): Promise<{ status: number; body: { reasons?: string[] } }>;
  dispose(): Promise<void>;
}

export async function startFaultRig(
  database: PersistentDatabase,
  options: { editors?: number; kind?: 'action_plan' | 'note'; env?: Record<string, string> } = {},
): Promise<FaultRig> {
  const setup = await startServerOn(database);
  const world = await collabWorld(setup.database.db, setup.url, { editors: options.editors ?? 2, kind: options.kind });
  await setup.close();
  const port = await freePort();
  const env = { ...database.env, ...options.env };
  const peers: TestPeer[] = [];
  const rig: FaultRig = {
    world,
    port,
    child: await spawnServer(port, env),
    url: `http://127.0.0.1:${port}`,
    connect(index) {
      const peer = connectPeer(rig.url, world.documentId, world.editors[index]!.token);
      peers.push(peer);
      return peer;
    },
    async restart() {
      rig.child = await spawnServer(port, env);
    },
    async stop() {
      const child = rig.child;
      rig.child = undefined;
      const startedAt = performance.now();
      if (child)
        await withinOrExplain(child.stop(), 60_000, () => `did not stop on SIGTERM; output:\n${child.output().slice(-8_000)}`).catch(async (error) => {
          await child.kill9();
          throw error;
        });
      return { ms: performance.now() - startedAt, output: child?.output() ?? '' };
    },
    async kill9() {
      const child = rig.child;
      rig.child = undefined;
      await child?.kill9();
    },
    async readyz() {
      const response = await fetch(`${rig.url}/readyz`, { signal: AbortSignal.timeout(5_000) }).catch((error: unknown) => {
        // The server is gone or stuck: its output says why.
        throw new Error(`GET /readyz failed (${error instanceof Error ? error.message : String(error)}); server output:\n${rig.child?.output() ?? '(stopped)'}`);
      });
      return { status: response.status, body: (await response.json()) as { reasons?: string[] } };
    },
    async dispose() {
      for (const peer of peers) peer.destroy();
      await rig.child?.stop();
      rig.child = undefined;
    },
  };
  return rig;
}

/** The ids of the measures a document holds. */
export const measureIds = (doc: Y.Doc) =>
  new Set(
    measuresOf(doc)
      .toArray()
      .map((measure) => measure.get('id') as string),
  );

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Types `count` measures with ids `${prefix}-${i}` into `doc`, one every 10 ms, noting each id in
 * `typed`. `filler` makes each row long (a full disk must need new pages to store them).
 */
export async function typeMeasures(doc: Y.Doc, prefix: string, count: number, typed: string[], filler: () => string = () => ''): Promise<void> {
  for (let i = 0; i < count; i++) {
    measuresOf(doc).push([newMeasureMap({ id: `${prefix}-${i}`, title: `${prefix} ${i} ${filler()}` })]);
    typed.push(`${prefix}-${i}`);
    await pause(10);
  }
}

/** The end of the running server's output, for a failure message (why it did not recover). */
const serverOutputTail = (rig: FaultRig) => `server output (end):\n${rig.child?.output().slice(-8_000) ?? '(stopped)'}`;

/** The two people of a fault test, synced: one types (editors[0]), the other watches (editors[1]). */
export async function writerAndReader(rig: FaultRig): Promise<{ writer: TestPeer; reader: TestPeer }> {
  const writer = rig.connect(0);
  const reader = rig.connect(1);
  await Promise.all([writer.synced(), reader.synced()].map((synced) => withinOrExplain(synced, 60_000, () => `not synced; ${serverOutputTail(rig)}`)));
  return { writer, reader };
}

/**
 * Once the fault is lifted (at `liftedAt`): waits until `reader` has every measure typed, nothing
 * waits to be stored any more and /readyz answers 200. Returns how long the typed measures took to
 * reach the reader.
 */
export async function recovered(rig: FaultRig, reader: TestPeer, typed: string[], liftedAt: number): Promise<number> {
  await eventually(
    () =>
      expect(
        typed.filter((id) => !measureIds(reader.doc).has(id)),
        serverOutputTail(rig),
      ).toEqual([]),
    60_000,
  );
  const convergedMs = performance.now() - liftedAt;
  await eventually(async () => expect(await metricValue(rig.url, 'tansiq_collab_unstored_updates')).toBe(0), 60_000);
  await eventually(async () => expect((await rig.readyz()).status).toBe(200), 30_000);
  return convergedMs;
}

/**
 * Starts the server again after it was stopped on a failed disk, and has a newcomer load the
 * document: `lost` are the acknowledged measures it does not get from storage. Then waits until the
 * writer's provider, reconnected, has sent what the server never stored; `convergedMs` is how long
 * that took from the restart.
 */
/** `promise`, or a failure after `ms` that says what `explain` returns (rather than a silent test timeout). */
function withinOrExplain<T>(promise: Promise<T>, ms: number, explain: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`not done within ${ms} ms: ${explain()}`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

export async function restartAfterFailure(rig: FaultRig, typed: string[], acknowledged: string[]): Promise<{ lost: string[]; convergedMs: number }> {
  await rig.restart();
  const restartedAt = performance.now();
  const fresh = rig.connect(1);
  await withinOrExplain(fresh.synced(), 60_000, () => `not synced; ${serverOutputTail(rig)}`);
  const lost = acknowledged.filter((id) => !measureIds(fresh.doc).has(id));
  await eventually(() => expect(typed.filter((id) => !measureIds(fresh.doc).has(id))).toEqual([]), 60_000);
  return { lost, convergedMs: performance.now() - restartedAt };
}
