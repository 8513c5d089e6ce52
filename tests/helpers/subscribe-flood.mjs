// A socket.io client in its own process that sends `count` subscribes at once and reports how they
// were answered, so that the flood costs the server, not the test process measuring it.
// Prints {tally, connected} once every subscribe was answered or the server disconnected it.
// Usage: node subscribe-flood.mjs <serverUrl> <token> <documentId> <count>
import { io } from 'socket.io-client';

const [url, token, documentId, count] = process.argv.slice(2);
const socket = io(url, { path: '/socket.io', auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
socket.once('connect_error', (error) => {
  console.error(error.message);
  process.exit(1);
});
const tally = {};
const report = () => {
  process.stdout.write(`${JSON.stringify({ tally, connected: socket.connected })}\n`);
  socket.disconnect();
  process.exit(0);
};
// A flood beyond the budget may be cut off before every event is answered.
socket.once('disconnect', report);
socket.once('connect', () => {
  let answered = 0;
  const total = Number(count);
  process.stdout.write('flooding\n');
  for (let i = 0; i < total; i++) {
    socket.emit('subscribe', { type: 'document', id: documentId }, (reply) => {
      const key = reply?.ok ? 'ok' : (reply?.error?.code ?? 'other');
      tally[key] = (tally[key] ?? 0) + 1;
      if (++answered === total) report();
    });
  }
});
