import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, eventually } from '../helpers/collab.ts';
import { createLiveWorld, type LiveWorld } from '../helpers/live-rights.ts';
import { connectRealtime, subscribe } from '../helpers/realtime.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

/**
 * A socket remembers its subscription answers (so a flood of subscribes costs one check). A grant
 * that changes must reach those answers too, not only the sockets in the document's room: one that
 * followed the document, stopped, and asks again is decided on the grant as it now is.
 */
describe('subscription answers follow grant changes', () => {
  let server: TestServer;
  let world: LiveWorld;
  const sockets: Array<{ disconnect(): void }> = [];

  beforeAll(async () => {
    server = await startTestServer();
    world = await createLiveWorld(server.database.db, server.url);
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

  it('refuses a socket that unsubscribed before its grant was removed', async () => {
    const document = await world.newDocument();
    const person = await world.newUser(world.orgs.partner);
    const token = await apiToken(world.db, person.id);
    // `away` followed the document and stopped; `witness` still follows it and shows when the change was decided.
    const away = await connect(token);
    const witness = await connect(token);
    expect(await subscribe(away, 'document', document.id)).toEqual({ ok: true });
    expect(await away.timeout(5_000).emitWithAck('unsubscribe', { type: 'document', id: document.id })).toEqual({ ok: true });
    expect(await subscribe(witness, 'document', document.id)).toEqual({ ok: true });
    const adminSocket = await connect(world.adminToken);
    expect(await subscribe(adminSocket, 'document', document.id)).toEqual({ ok: true });

    expect((await world.admin.delete(`/api/documents/${document.id}/access/${document.partnerGrantId}`)).status).toBe(204);
    await eventually(() => expect(witness.received).toContainEqual(['access:revoked', { documentId: document.id }]));

    expect(await subscribe(away, 'document', document.id)).toMatchObject({ error: { code: 'not_found' } });
    const posted = await world.admin.post(`/api/documents/${document.id}/comments`, { body: 'Après le retrait' });
    expect(posted.status).toBe(201);
    const created = (socket: typeof away) => socket.received.some(([name, payload]) => name === 'comment:created' && payload.id === posted.body.comment.id);
    await eventually(() => expect(created(adminSocket)).toBe(true));
    expect(created(away)).toBe(false);
  });

  it('lets a socket that was refused follow the document once it is granted', async () => {
    const document = await world.newDocument();
    const person = await world.newUser(world.orgs.other);
    const token = await apiToken(world.db, person.id);
    const socket = await connect(token);
    expect(await subscribe(socket, 'document', document.id)).toMatchObject({ error: { code: 'not_found' } });

    expect((await world.admin.put(`/api/documents/${document.id}/access`, { organisationId: world.orgs.other, level: 'view' })).status).toBeLessThan(300);
    // The person's other socket, on another document, cannot witness a grant to this one: ask until the answer changes.
    await eventually(async () => expect(await subscribe(socket, 'document', document.id)).toEqual({ ok: true }), 5_000, 100);
  });
});
