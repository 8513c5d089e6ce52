import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { apiToken, eventually } from '../helpers/collab.ts';
import * as fixtures from '../helpers/fixtures.ts';
import { ApiClient } from '../helpers/http.ts';
import { connectRealtime, subscribe } from '../helpers/realtime.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

describe('socket.io events', () => {
  let server: TestServer;
  let adminToken: string;
  let leadToken: string;
  let outsiderToken: string;
  let documentId: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    const db = server.database.db;
    const mre = await fixtures.organisation(db, 'mre', 'ministry');
    const sante = await fixtures.organisation(db, 'sante');
    const other = await fixtures.organisation(db, 'emploi');
    adminToken = await apiToken(db, (await fixtures.user(db, mre.id, 'admin@mre.ma', 'admin')).id);
    leadToken = await apiToken(db, (await fixtures.user(db, sante.id, 'lead@sante.ma')).id);
    outsiderToken = await apiToken(db, (await fixtures.user(db, other.id, 'x@emploi.ma')).id);
    documentId = (await fixtures.document(db, sante.id, 'Plan santé')).id;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await server?.close();
  });

  const connect = async (token: string) => {
    const socket = await connectRealtime(server.url, token);
    sockets.push(socket);
    return socket;
  };

  it('refuses a socket without credentials', async () => {
    await expect(connectRealtime(server.url, 'tsq_wrong')).rejects.toThrow(/unauthenticated/);
  });

  it('refuses subscriptions to documents the socket may not see, and bad payloads, and stays up', async () => {
    const outsider = await connect(outsiderToken);
    expect(await subscribe(outsider, 'document', documentId)).toMatchObject({ error: { code: 'not_found' } });
    expect(await outsider.timeout(5_000).emitWithAck('subscribe', { type: 'document', id: 'x' })).toMatchObject({ error: { code: 'validation_failed' } });
    expect(await outsider.timeout(5_000).emitWithAck('subscribe', 'garbage')).toMatchObject({ error: { code: 'validation_failed' } });
    expect(outsider.connected).toBe(true);
  });

  it('pushes workflow changes and notifications only to those who may see them', async () => {
    const lead = await connect(leadToken);
    const outsider = await connect(outsiderToken);
    expect(await subscribe(lead, 'document', documentId)).toEqual({ ok: true });
    const admin = ApiClient.withToken(server.url, adminToken);
    expect((await ApiClient.withToken(server.url, leadToken).post(`/api/documents/${documentId}/transitions`, { to: 'in_review' })).status).toBe(200);
    expect((await admin.post(`/api/documents/${documentId}/transitions`, { to: 'returned', reason: 'Compléter le budget' })).status).toBe(200);
    await eventually(() => {
      expect(lead.received.filter(([name]) => name === 'document:status_changed').map(([, p]) => p.to)).toEqual(['in_review', 'returned']);
      expect(lead.received.find(([name, p]) => name === 'notification' && p.kind === 'status_changed' && p.payload.to === 'returned')).toBeTruthy();
    });
    const bell = await ApiClient.withToken(server.url, leadToken).get('/api/notifications');
    expect(bell.body.unread).toBe(1);
    expect(outsider.received).toEqual([]);
  });

  it('removes a socket from a document room when its access is revoked', async () => {
    const db = server.database.db;
    const other = await db.selectFrom('organisations').select('id').where('code', '=', 'emploi').executeTakeFirstOrThrow();
    const admin = ApiClient.withToken(server.url, adminToken);
    const granted = await admin.put(`/api/documents/${documentId}/access`, { organisationId: other.id, level: 'view' });
    const outsider = await connect(outsiderToken);
    expect(await subscribe(outsider, 'document', documentId)).toEqual({ ok: true });
    await admin.delete(`/api/documents/${documentId}/access/${granted.body.grant.id}`);
    await eventually(() => expect(outsider.received.some(([name]) => name === 'access:revoked')).toBe(true));
    await admin.post(`/api/documents/${documentId}/transitions`, { to: 'draft' });
    // The change is broadcast before the transition answers; a round trip on the outsider's socket
    // after that comes back behind anything the server had queued for it.
    expect(await subscribe(outsider, 'document', documentId)).toMatchObject({ error: expect.anything() });
    expect(outsider.received.some(([name]) => name === 'document:status_changed')).toBe(false);
  });
});
