// Runs Yjs on one input at a time, in a worker thread the test can terminate if Yjs never
// returns (the hang in yjs issue 687). Plain JS so the worker needs no TypeScript loader.
import { parentPort } from 'node:worker_threads';
import * as Y from 'yjs';

const emptyV1 = Y.encodeStateAsUpdate(new Y.Doc());
const emptyV2 = Y.encodeStateAsUpdateV2(new Y.Doc());

const jobs = {
  // What the server does with an accepted client update: apply it, then serialise the doc.
  'apply-v1': (u) => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, u);
    Y.encodeStateAsUpdate(doc);
  },
  // A stream of updates into one doc, as a live document receives them.
  'apply-seq-v1': (updates) => {
    const doc = new Y.Doc();
    for (const u of updates) Y.applyUpdate(doc, u);
    Y.encodeStateAsUpdate(doc);
    doc.toJSON();
  },
  'merge-seq-v1': (updates) => Y.mergeUpdates(updates),
  // What storage compaction does with it.
  'merge-v1': (u) => Y.mergeUpdates([emptyV1, u]),
  'apply-v2': (u) => Y.applyUpdateV2(new Y.Doc(), u),
  'merge-v2': (u) => Y.mergeUpdatesV2([emptyV2, u]),
};

parentPort.on('message', ({ id, job, bytes }) => {
  const start = performance.now();
  let outcome = 'returned';
  let error;
  try {
    jobs[job](bytes);
  } catch (e) {
    outcome = 'threw';
    error = e instanceof Error ? e.message : String(e);
  }
  parentPort.postMessage({ id, outcome, error, ms: performance.now() - start });
});
