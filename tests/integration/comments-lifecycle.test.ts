import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { commentWorld, textAnchor, type CommentWorld } from './comments-world.ts';

describe('comment life cycle', () => {
  let server: TestServer;
  let world: CommentWorld;
  let path: string;

  beforeAll(async () => {
    server = await startTestServer();
    world = await commentWorld(server);
    path = `/api/documents/${world.documentId}/comments`;
  });
  afterAll(async () => server?.close());

  it('starts a thread on a text range, replies, edits, resolves, reopens and deletes', async () => {
    const { api, ids } = world;
    const anchor = textAnchor(world.content, 1, 'médicale des MRE');
    const created = await api.partner.post(path, { body: 'Préciser la durée de couverture.', anchor });
    expect(created.status).toBe(201);
    const thread = created.body.comment;
    expect(thread).toMatchObject({
      documentId: world.documentId,
      threadId: null,
      author: { id: ids.partner.userId, name: 'partner', organisationId: ids.partner.organisationId },
      body: 'Préciser la durée de couverture.',
      anchor,
      resolved: false,
      deleted: false,
      editedAt: null,
      sessionId: null,
    });

    const reply = await api.lead.post(path, { body: '  Trois mois, à confirmer.  ', threadId: thread.id });
    expect(reply.status).toBe(201);
    expect(reply.body.comment).toMatchObject({ threadId: thread.id, body: 'Trois mois, à confirmer.', anchor: null });

    const edited = await api.partner.patch(`${path}/${thread.id}`, { body: 'Préciser la durée et le plafond de couverture.' });
    expect(edited.status).toBe(200);
    expect(edited.body.comment.body).toBe('Préciser la durée et le plafond de couverture.');
    expect(edited.body.comment.editedAt).not.toBeNull();

    let list = await api.viewer.get(path);
    expect(list.status).toBe(200);
    expect(list.body.threads).toHaveLength(1);
    expect(list.body.threads[0]).toMatchObject({
      id: thread.id,
      body: 'Préciser la durée et le plafond de couverture.',
      anchorStatus: 'attached',
      anchorText: 'médicale des MRE',
      replies: [{ id: reply.body.comment.id, body: 'Trois mois, à confirmer.' }],
    });

    const resolved = await api.lead2.post(`${path}/${thread.id}/resolve`);
    expect(resolved.status).toBe(200);
    expect(resolved.body.comment).toMatchObject({ resolved: true, resolvedBy: ids.lead2.userId });
    expect((await api.lead2.post(`${path}/${thread.id}/resolve`)).body.comment.resolvedBy).toBe(ids.lead2.userId);
    expect((await api.lead.get(`${path}?status=open`)).body.threads).toEqual([]);
    expect((await api.lead.get(`${path}?status=resolved`)).body.threads.map((t: any) => t.id)).toEqual([thread.id]);

    const reopened = await api.partner.post(`${path}/${thread.id}/reopen`);
    expect(reopened.body.comment).toMatchObject({ resolved: false, resolvedBy: null, resolvedAt: null });
    expect((await api.lead.get(`${path}?status=open`)).body.threads.map((t: any) => t.id)).toEqual([thread.id]);

    // Deleting the first comment keeps the thread and its reply; deleting both removes it from lists.
    expect((await api.partner.delete(`${path}/${thread.id}`)).status).toBe(204);
    list = await api.lead.get(path);
    expect(list.body.threads[0]).toMatchObject({ id: thread.id, deleted: true, body: '', replies: [{ body: 'Trois mois, à confirmer.' }] });
    expect((await api.partner.patch(`${path}/${thread.id}`, { body: 'encore' })).status).toBe(409);
    expect((await api.lead.delete(`${path}/${reply.body.comment.id}`)).status).toBe(204);
    expect((await api.lead.get(path)).body.threads).toEqual([]);
  });

  it('filters by mine and by measure, and refuses replies to replies', async () => {
    const { api } = world;
    const onMeasure = await api.lead.post(path, { body: 'Budget à revoir', anchor: { type: 'measure', measureId: 'm-vaccins' } });
    expect(onMeasure.status).toBe(201);
    const general = await api.admin.post(path, { body: 'Remarque générale' });
    const answer = await api.partner.post(path, { body: 'Je m’en charge', threadId: general.body.comment.id });
    expect(answer.status).toBe(201);

    const ids = async (client: keyof CommentWorld['api'], query: string) => (await world.api[client].get(`${path}${query}`)).body.threads.map((t: any) => t.id);
    expect(await ids('lead', '?measure=m-vaccins')).toEqual([onMeasure.body.comment.id]);
    expect(await ids('lead', '?measure=other')).toEqual([]);
    expect(await ids('lead', '?mine=true')).toEqual([onMeasure.body.comment.id]);
    expect(await ids('partner', '?mine=true')).toEqual([general.body.comment.id]);
    expect(await ids('viewer', '?mine=true')).toEqual([]);
    const measureThread = (await api.viewer.get(`${path}?measure=m-vaccins`)).body.threads[0];
    expect(measureThread).toMatchObject({ anchorStatus: 'attached', anchorText: null, anchor: { type: 'measure', measureId: 'm-vaccins' } });
    expect((await api.viewer.get(path)).body.threads.find((t: any) => t.id === general.body.comment.id).anchorStatus).toBeNull();

    const nested = await api.lead.post(path, { body: 'sous-réponse', threadId: answer.body.comment.id });
    expect(nested.status).toBe(400);
    expect(nested.body.error.code).toBe('unknown_thread');
    const resolveReply = await api.lead.post(`${path}/${answer.body.comment.id}/resolve`);
    expect(resolveReply.status).toBe(400);
    expect(resolveReply.body.error.code).toBe('not_a_thread');
  });
});
