import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { eventually } from '../helpers/collab.ts';
import { connectRealtime, subscribe } from '../helpers/realtime.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { commentWorld, textAnchor, type CommentWorld, type Person } from './comments-world.ts';

type Received = Socket & { received: Array<[string, any]> };

describe('comments over socket.io, and mentions as notifications', () => {
  let server: TestServer;
  let world: CommentWorld;
  let path: string;
  let outsiderDocumentId: string;
  const sockets: Partial<Record<Person, Received>> = {};

  const events = (person: Person, prefix = 'comment:') => sockets[person]!.received.filter(([name]) => name.startsWith(prefix));
  const bell = async (person: Person) => (await world.api[person].get('/api/notifications')).body;

  beforeAll(async () => {
    server = await startTestServer();
    world = await commentWorld(server);
    path = `/api/documents/${world.documentId}/comments`;
    // The outsider has a document of its own, where it is subscribed and does receive events.
    outsiderDocumentId = (
      await server.database.db
        .insertInto('documents')
        .values({ kind: 'note', title: 'Note justice', lead_organisation_id: world.ids.outsider.organisationId, status: 'draft' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    for (const person of ['lead', 'lead2', 'viewer', 'outsider', 'partner'] as const) {
      sockets[person] = await connectRealtime(server.url, world.ids[person].token);
    }
    for (const person of ['lead', 'viewer', 'partner'] as const) expect(await subscribe(sockets[person]!, 'document', world.documentId)).toEqual({ ok: true });
    expect(await subscribe(sockets.outsider!, 'document', world.documentId)).toMatchObject({ error: { code: 'not_found' } });
    expect(await subscribe(sockets.outsider!, 'document', outsiderDocumentId)).toEqual({ ok: true });
  });
  afterAll(async () => {
    for (const socket of Object.values(sockets)) socket?.disconnect();
    await server?.close();
  });

  it('pushes every change of a thread to the document room, presented as the API presents it', async () => {
    const created = await world.api.partner.post(path, { body: 'Ajouter un indicateur.', anchor: textAnchor(world.content, 2, 'vaccination') });
    const id = created.body.comment.id;
    await world.api.partner.patch(`${path}/${id}`, { body: 'Ajouter un indicateur de couverture.' });
    await world.api.lead.post(`${path}/${id}/resolve`);
    const reply = await world.api.lead.post(path, { body: 'Fait.', threadId: id });
    await world.api.lead.delete(`${path}/${reply.body.comment.id}`);

    for (const person of ['lead', 'viewer', 'partner'] as const) {
      await eventually(() => {
        expect(events(person).map(([name, comment]) => [name, comment.id])).toEqual([
          ['comment:created', id],
          ['comment:updated', id],
          ['comment:resolved', id],
          ['comment:created', reply.body.comment.id],
          ['comment:deleted', reply.body.comment.id],
        ]);
      });
    }
    const [, first] = events('viewer')[0]!;
    expect(first).toEqual(created.body.comment);
    expect(events('viewer')[1]![1].body).toBe('Ajouter un indicateur de couverture.');
    expect(events('viewer')[2]![1]).toMatchObject({ resolved: true, resolvedBy: world.ids.lead.userId });
    expect(events('viewer')[4]![1]).toMatchObject({ deleted: true, body: '', threadId: id });
    // Not subscribed to the document: nothing, even for the reply's author-notification recipient.
    expect(events('lead2')).toEqual([]);
  });

  it('turns mentions of users and organisations into notifications for those who may see the document', async () => {
    const before = { lead: (await bell('lead')).unread, lead2: (await bell('lead2')).unread, viewer: (await bell('viewer')).unread };
    // The outsider may not read the document: naming them is refused like an unknown e-mail.
    const named = await world.api.partner.post(path, { body: `@${world.ids.outsider.email} ne voit pas ce plan.` });
    expect(named.status).toBe(400);
    expect(named.body.error.code).toBe('unknown_mention');
    const body = `@sante merci de valider ; @${world.ids.viewer.email} pour information ; @justice ne voit pas ce plan.`;
    const created = await world.api.partner.post(path, { body });
    expect(created.status).toBe(201);
    expect(created.body.comment.mentions).toEqual({
      userIds: [world.ids.viewer.userId],
      organisationIds: expect.arrayContaining([world.ids.lead.organisationId, world.ids.outsider.organisationId]),
    });
    const id = created.body.comment.id;

    for (const person of ['lead', 'lead2', 'viewer'] as const) {
      await eventually(async () => {
        const { notifications, unread } = await bell(person);
        expect(unread).toBe(before[person] + 1);
        expect(notifications[0]).toMatchObject({ kind: 'mention', documentId: world.documentId, payload: { commentId: id, by: world.ids.partner.userId }, read: false });
      });
      await eventually(() =>
        expect(sockets[person]!.received.some(([name, payload]) => name === 'notification' && payload.kind === 'mention' && payload.payload.commentId === id)).toBe(true),
      );
    }
    // The outsider's organisation was named but may not see the document: no notification (one
    // transaction writes all of a comment's, and the others have theirs), nothing pushed.
    expect((await bell('outsider')).notifications).toEqual([]);
    // A later message on the outsider's own connection: whatever was pushed to it before has arrived.
    const mark = await world.api.outsider.post(`/api/documents/${outsiderDocumentId}/comments`, { body: 'Témoin' });
    await eventually(() => expect(sockets.outsider!.received.map(([, payload]) => payload?.id)).toContain(mark.body.comment.id));
    expect(sockets.outsider!.received.map(([name]) => name)).toEqual(['comment:created']);
    // The author is not notified of their own mention of their organisation's partner.
    expect((await bell('partner')).notifications.filter((n: any) => n.kind === 'mention')).toEqual([]);
  });

  it('notifies only people newly mentioned by an edit, and the thread author of replies', async () => {
    const created = await world.api.lead.post(path, { body: `À voir avec @[${world.ids.lead2.userId}]` });
    const id = created.body.comment.id;
    await eventually(async () => expect((await bell('lead2')).notifications.filter((n: any) => n.payload.commentId === id)).toHaveLength(1));
    const partnerBefore = (await bell('partner')).notifications.length;
    await world.api.lead.patch(`${path}/${id}`, { body: `À voir avec @[${world.ids.lead2.userId}] et @oim` });
    await world.api.partner.post(path, { body: 'Vu.', threadId: id });
    await eventually(async () => {
      const lead = (await bell('lead')).notifications;
      expect(lead[0]).toMatchObject({ kind: 'reply', payload: { threadId: id } });
      const partner = (await bell('partner')).notifications;
      expect(partner.length).toBe(partnerBefore + 1);
      expect(partner[0]).toMatchObject({ kind: 'mention', payload: { commentId: id } });
    });
    // The partner's mention came from the edit: the same transaction would have written lead2's again.
    expect((await bell('lead2')).notifications.filter((n: any) => n.payload.commentId === id)).toHaveLength(1);
  });

  it('never sends the outsider any comment event of the document it cannot see, yet serves its own', async () => {
    const other = await world.api.admin.post(path, { body: 'Encore un commentaire' });
    // Relayed to the document's room (the lead has it) before the outsider writes on its own note:
    // the outsider's own comment, later on the same connection, is the barrier.
    await eventually(() => expect(events('lead').map(([, c]) => c.id)).toContain(other.body.comment.id));
    const own = await world.api.outsider.post(`/api/documents/${outsiderDocumentId}/comments`, { body: 'Sur ma note' });
    expect(own.status).toBe(201);
    await eventually(() => expect(events('outsider').map(([, c]) => c.id)).toContain(own.body.comment.id));
    expect(events('outsider').filter(([name, c]) => name !== 'comment:created' || c.documentId !== outsiderDocumentId)).toEqual([]);
    expect(sockets.outsider!.received.every(([, payload]) => JSON.stringify(payload).indexOf(world.documentId) === -1)).toBe(true);
    expect(events('lead').some(([, c]) => c.documentId === outsiderDocumentId)).toBe(false);
    expect(sockets.outsider!.connected).toBe(true);
  });
});
