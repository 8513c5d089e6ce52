// Version diffs in a worker thread, so a large comparison never holds the event loop that relays
// edits and answers requests (see diff-pool.ts).
//
// Plain JavaScript on purpose, like db/pglite-worker.js: a worker starts from a file, and this one
// must load as it is under `tsx` (npm start), vitest and the benchmark. It registers tsx itself to
// run the TypeScript diff code, the very functions the tests cover.
import { parentPort } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

const { runDiffTaskAsJson } = await tsImport('./diff-task.ts', import.meta.url);

/** @type {MessagePort} */
const port = /** @type {any} */ (parentPort);
port.on('message', (message) => {
  try {
    port.postMessage({ id: message.id, ok: true, result: runDiffTaskAsJson(message.task) });
  } catch (error) {
    port.postMessage({ id: message.id, ok: false, error: String(error?.stack ?? error) });
  }
});
port.postMessage({ ready: true });
