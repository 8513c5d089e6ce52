import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccessWorld, type AccessWorld } from '../helpers/access-world.ts';
import { eventually } from '../helpers/collab.ts';
import { startTestServerWith, type TestServer } from '../helpers/server.ts';
import { notificationsAboutComment } from '../helpers/comment-notifications.ts';

/** Issue 16: a reply that mentions the thread's author notifies them once, not as reply and mention. */
describe('one notification per person per comment', () => {
  let server: TestServer;
  let world: AccessWorld;
  beforeAll(async () => {
    ({ server, world } = await startTestServerWith(createAccessWorld));
  });
  afterAll(() => server?.close());

  const notificationsOf = (userId: string, commentId: string) => notificationsAboutComment(server.database.db, userId, commentId);

  it('notifies the mentioned thread author once, and a plain reply still reaches them', async () => {
    const document = await world.newDocument();
    const root = await world.clients.commenter.post(`/api/documents/${document.id}/comments`, { body: 'Faut-il chiffrer la mesure 2 ?' });
    expect(root.status, JSON.stringify(root.body)).toBe(201);
    const threadId = root.body.comment.id;

    const mentioning = await world.clients.editor.post(`/api/documents/${document.id}/comments`, {
      threadId,
      body: `Oui, @[${world.userIds.commenter}] : avant vendredi.`,
    });
    expect(mentioning.status, JSON.stringify(mentioning.body)).toBe(201);
    const plain = await world.clients.editor.post(`/api/documents/${document.id}/comments`, { threadId, body: 'Je relance la DEPF.' });
    expect(plain.status).toBe(201);

    await eventually(async () => {
      expect((await notificationsOf(world.userIds.commenter, plain.body.comment.id)).map((row) => row.kind)).toEqual(['reply']);
    });
    // The plain reply's notification is written after the mentioning one's: both are settled now.
    expect((await notificationsOf(world.userIds.commenter, mentioning.body.comment.id)).map((row) => row.kind)).toEqual(['mention']);
  });
});
