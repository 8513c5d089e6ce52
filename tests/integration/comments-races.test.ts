import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccessWorld, type AccessWorld } from '../helpers/access-world.ts';
import { auditEntries } from '../helpers/actors.ts';
import { eventually } from '../helpers/collab.ts';
import { startTestServerWith, type TestServer } from '../helpers/server.ts';
import { notificationsAboutComment } from '../helpers/comment-notifications.ts';

const TIMES = 4;

/** One person's comment change sent several times at once (a double click, a retrying client). */
describe('comment changes sent twice at once', () => {
  let server: TestServer;
  let world: AccessWorld;
  beforeAll(async () => {
    ({ server, world } = await startTestServerWith(createAccessWorld));
  });
  afterAll(() => server?.close());

  const comment = async (body: string) => {
    const document = await world.newDocument();
    const created = await world.clients.editor.post(`/api/documents/${document.id}/comments`, { body });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return { documentId: document.id, commentId: created.body.comment.id as string };
  };

  const notificationsOf = (userId: string, commentId: string) => notificationsAboutComment(server.database.db, userId, commentId);

  it('tells a person newly mentioned by an edit once', async () => {
    const { documentId, commentId } = await comment('Qui chiffre la mesure 2 ?');
    const body = `Qui chiffre la mesure 2 ? @[${world.userIds.lead}]`;
    const responses = await Promise.all(Array.from({ length: TIMES }, () => world.clients.editor.patch(`/api/documents/${documentId}/comments/${commentId}`, { body })));
    expect(responses.map((r) => r.status)).toEqual(Array(TIMES).fill(200));
    // Every notification the edits caused is written once the in-app outbox is empty.
    await eventually(async () => expect(await server.database.db.selectFrom('event_outbox').select('id').where('consumer', '=', 'app').execute()).toHaveLength(0));
    expect((await notificationsOf(world.userIds.lead, commentId)).map((row) => row.kind)).toEqual(['mention']);
  });

  it('deletes once: one audit entry, every request answered 204', async () => {
    const { documentId, commentId } = await comment('À supprimer.');
    const responses = await Promise.all(Array.from({ length: TIMES }, () => world.clients.editor.delete(`/api/documents/${documentId}/comments/${commentId}`)));
    expect(responses.map((r) => r.status)).toEqual(Array(TIMES).fill(204));
    expect((await auditEntries(server.database.db, 'comment.deleted')).filter((entry) => entry.object_id === commentId)).toHaveLength(1);
  });
});
