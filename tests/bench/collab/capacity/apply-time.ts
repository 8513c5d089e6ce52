/**
 * Run in a fresh process: how long the stock client takes to apply a document's full state (the
 * sync step 2 a cold open receives), read from a file. Prints milliseconds.
 */
import fs from 'node:fs';
import * as Y from 'yjs';

const payload = new Uint8Array(fs.readFileSync(process.argv[2]!));
const doc = new Y.Doc();
const started = performance.now();
Y.applyUpdate(doc, payload);
console.log((performance.now() - started).toFixed(2));
