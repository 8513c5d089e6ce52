import { describe, expect, it } from 'vitest';
import { signIn } from '../helpers/actors.ts';
import { eventually } from '../helpers/collab.ts';
import { createLiveWorld } from '../helpers/live-rights.ts';
import { suiteWith } from '../helpers/suite.ts';

/**
 * The bell shows what a notification says of its document (a measure's title, the reason a plan
 * was returned) to whoever may read the document now: losing access hides its notifications, and
 * getting it back shows them again.
 */
describe('notifications follow the access to their document', () => {
  const suite = suiteWith(createLiveWorld);

  it('hides the notifications of a document once its grant is removed', async () => {
    const document = await suite.world.newDocument();
    const person = await suite.world.newUser(suite.world.orgs.partner);
    const client = await signIn(suite.server.url, person.email);
    const bell = async () => (await client.get('/api/notifications')).body;
    const mentioned = await suite.world.admin.post(`/api/documents/${document.id}/comments`, { body: `@${person.email} le budget reste confidentiel.` });
    expect(mentioned.status).toBe(201);
    await eventually(async () => expect(await bell()).toMatchObject({ unread: 1, notifications: [{ kind: 'mention', documentId: document.id }] }));

    expect((await suite.world.admin.delete(`/api/documents/${document.id}/access/${document.partnerGrantId}`)).status).toBe(204);
    expect(await bell()).toEqual({ notifications: [], unread: 0 });
    expect((await client.get('/api/notifications?unread=true')).body).toEqual({ notifications: [], unread: 0 });

    expect((await suite.world.admin.put(`/api/documents/${document.id}/access`, { organisationId: suite.world.orgs.partner, level: 'view' })).status).toBeLessThan(300);
    expect(await bell()).toMatchObject({ unread: 1, notifications: [{ kind: 'mention', documentId: document.id }] });
  });
});
