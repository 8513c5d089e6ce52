/**
 * Run as a child process by the shutdown test: starts a test server, uses it (HTTP with a
 * keep-alive connection, a session), closes it, then simply returns. The process must then exit
 * on its own: anything left open (socket, timer, pool) keeps it alive and fails the test.
 */
import { PASSWORD, organisation, user } from './fixtures.ts';
import { ApiClient } from './http.ts';
import { startTestServer } from './server.ts';

const server = await startTestServer();
const sante = await organisation(server.database.db, 'sante');
await user(server.database.db, sante.id, 'amina@sante.gov.ma');
const api = new ApiClient(server.url);
if ((await api.login('amina@sante.gov.ma', PASSWORD)).status !== 200) throw new Error('sign-in failed');
if ((await api.post('/api/documents', { kind: 'note', title: 'Avant arrêt' })).status !== 201) throw new Error('write failed');
await server.close();
await server.close();
console.log('closed');
