/**
 * Hocuspocus as its documentation sets it up: default settings (debounce 2 s, max debounce 10 s,
 * unload immediately) with the SQLite store in BENCH_SQLITE_FILE. `quiet` only hides the start
 * banner. GET /stats (an onRequest hook, read-only) tells the runner how many documents are loaded.
 */
import { Server } from '@hocuspocus/server';
import { SQLite } from '@hocuspocus/extension-sqlite';

const port = Number(process.env.PORT ?? 1234);
const database = process.env.BENCH_SQLITE_FILE;
if (!database) throw new Error('BENCH_SQLITE_FILE is required');

const server = new Server({
  port,
  address: '127.0.0.1',
  quiet: true,
  extensions: [new SQLite({ database })],
  async onRequest({ request, response, instance }) {
    if (request.url !== '/stats') return;
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify({ documents: instance.getDocumentsCount(), connections: instance.getConnectionsCount() }));
    // An empty rejection stops the default handler from answering too.
    throw null;
  },
});

await server.listen();
console.log(`hocuspocus listening on ${port}`);
