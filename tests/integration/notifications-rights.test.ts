import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../helpers/actors.ts';
import { eventually } from '../helpers/collab.ts';
import { createLiveWorld, type LiveWorld } from '../helpers/live-rights.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

/**
 * The bell shows what a notification says of its document (a measure's title, the reason a plan
 * was returned) to whoever may read the document now: losing access hides its notifications, and
 * getting it back shows them again.
 */
describe('notifications follow the access to their document', () => {
  let server: TestServer;
  let world: LiveWorld;
  beforeAll(async () => {
    server = await startTestServer();
    world = await createLiveWorld(server.database.db, server.url);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('hides the notifications of a document once its grant is removed', async () => {
    const document = await world.newDocument();
    const person = await world.newUser(world.orgs.partner);
    const client = await signIn(server.url, person.email);
    const bell = async () => (await client.get('/api/notifications')).body;
    const mentioned = await world.admin.post(`/api/documents/${document.id}/comments`, { body: `@${person.email} le budget reste confidentiel.` });
    expect(mentioned.status).toBe(201);
    await eventually(async () => expect(await bell()).toMatchObject({ unread: 1, notifications: [{ kind: 'mention', documentId: document.id }] }));

    expect((await world.admin.delete(`/api/documents/${document.id}/access/${document.partnerGrantId}`)).status).toBe(204);
    expect(await bell()).toEqual({ notifications: [], unread: 0 });
    expect((await client.get('/api/notifications?unread=true')).body).toEqual({ notifications: [], unread: 0 });

    expect((await world.admin.put(`/api/documents/${document.id}/access`, { organisationId: world.orgs.partner, level: 'view' })).status).toBeLessThan(300);
    expect(await bell()).toMatchObject({ unread: 1, notifications: [{ kind: 'mention', documentId: document.id }] });
  });
});
