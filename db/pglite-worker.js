// The embedded PostgreSQL (PGlite, WebAssembly) in a worker thread. PGlite runs each query
// synchronously on the thread that owns it; on the main thread every insert of the update log
// and every projection would stall the relaying of edits for its whole duration.
//
// Plain JavaScript on purpose: a worker thread is started from a file, and this one must load
// as it is under `tsx` (npm start), under vitest and from the benchmark, whatever transpiles the
// rest. The protocol it speaks is described in pglite-remote.ts.
import fs from 'node:fs';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';

const BYTEA_OID = 17;
const INT8_OID = 20;
const DATE_OID = 1082;

/** @type {MessagePort} */
const port = /** @type {any} */ (parentPort);

/**
 * PGlite's folder as PostgreSQL expects a disk to behave: an fsync reaches the disk.
 *
 * Out of the box a power cut leaves the folder unusable ("PGlite failed to initialize
 * properly"): Emscripten's Node filesystem has no fsync (fsync() returns without doing
 * anything, fdatasync() too), PGlite starts PostgreSQL with -F (fsync=off), and the cluster it
 * unpacks at first start is written without any sync. So here the filesystem layer gains an
 * fsync, PostgreSQL runs with fsync on and syncs its log with fsync() (fdatasync() stays a no-op
 * in Emscripten), and the folder is synced once at start, like PostgreSQL's own
 * recovery_init_sync_method. Checked by cutting the power under it (tests/integration/
 * pglite-power-cut.test.ts).
 */
class SyncedNodeFS extends NodeFS {
  async init(pg, options) {
    const result = await super.init(pg, options);
    result.emscriptenOpts.preRun.push((module) => {
      module.NODEFS.stream_ops.fsync = (stream) => {
        fs.fsyncSync(stream.nfd);
        return 0;
      };
    });
    return result;
  }
}

const durableStartParams = [...PGlite.defaultStartParams.filter((param) => param !== '-F'), '-c', 'wal_sync_method=fsync'];

/** fsync of every file and folder under `folder`, so what PGlite wrote without a sync is on disk. */
function syncTree(folder) {
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const inside = path.join(folder, entry.name);
    if (entry.isDirectory()) syncTree(inside);
    else if (entry.isFile()) syncFile(inside);
  }
  syncFile(folder);
}

function syncFile(file) {
  const fd = fs.openSync(file, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

let pglite;
try {
  const location = workerData.location ?? undefined;
  const initialDump = workerData.initialDump ?? undefined;
  pglite = await PGlite.create({
    ...(location ? { fs: new SyncedNodeFS(location), startParams: durableStartParams } : {}),
    // A new database that starts as this dump (dumpDataDir's tar) instead of an empty cluster.
    ...(initialDump ? { loadDataDir: new Blob([fs.readFileSync(initialDump)]) } : {}),
    // The same conversions as for the pg driver (see database.ts).
    parsers: {
      [INT8_OID]: (value) => Number(value),
      [DATE_OID]: (value) => value,
      // bytea in PostgreSQL's hex form, converted natively both ways: PGlite's own converters
      // take ~30 ms to read and ~70 ms to write a 500 KB document snapshot (here: ~6 and ~10).
      [BYTEA_OID]: (value) => Buffer.from(value.slice(2), 'hex'),
    },
    serializers: {
      [BYTEA_OID]: (bytes) => `\\x${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')}`,
    },
  });
  if (location) syncTree(location);
  port.postMessage({ ready: true });
} catch (error) {
  port.postMessage({ ready: false, error: describeError(error) });
  process.exit(1);
}

/** open transactions: id → the query interface inside it and the way to end it */
const transactions = new Map();
let nextTransactionId = 1;

port.on('message', (request) => {
  handle(request).then(
    (result) => port.postMessage({ id: request.id, ok: true, result }),
    (error) => port.postMessage({ id: request.id, ok: false, error: describeError(error) }),
  );
});

async function handle(request) {
  switch (request.op) {
    case 'query': {
      const target = request.tx ? transactions.get(request.tx)?.tx : pglite;
      if (!target) throw new Error(`transaction ${request.tx} is not open`);
      const { rows, affectedRows } = await target.query(request.sql, request.params, { rowMode: 'object' });
      return { rows, affectedRows };
    }
    case 'begin':
      return begin();
    case 'end': {
      const open = transactions.get(request.tx);
      if (!open) throw new Error(`transaction ${request.tx} is not open`);
      transactions.delete(request.tx);
      open.finish(request.commit);
      await open.done;
      return null;
    }
    case 'close':
      await pglite.close();
      setImmediate(() => process.exit(0));
      return null;
    default:
      throw new Error(`unknown request ${request.op}`);
  }
}

/** PGlite's exclusive transaction, held open until the main thread says commit or rollback. */
function begin() {
  const id = nextTransactionId++;
  return new Promise((started, failedToStart) => {
    const open = { tx: null, finish: () => {}, done: Promise.resolve() };
    const ended = new Promise((resolve) => (open.finish = resolve));
    open.done = pglite.transaction(async (tx) => {
      open.tx = tx;
      transactions.set(id, open);
      started(id);
      if (!(await ended)) await tx.rollback();
    });
    // Before it started, a failure is the answer to 'begin'; after, to 'end', which awaits `done`.
    open.done.catch((error) => {
      if (!open.tx) failedToStart(error);
    });
  });
}

/** Errors cross threads as plain data: PostgreSQL's fields (code, constraint…) must survive. */
function describeError(error) {
  if (!(error instanceof Error)) return { message: String(error) };
  const described = { message: error.message, name: error.name, stack: error.stack };
  for (const [key, value] of Object.entries(error)) {
    if (value === undefined || typeof value === 'function' || typeof value === 'object') continue;
    described[key] = value;
  }
  return described;
}
