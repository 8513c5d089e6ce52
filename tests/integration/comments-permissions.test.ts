import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { commentWorld, textAnchor, type CommentWorld, type Person } from './comments-world.ts';

/**
 * Who may do what with comments. Expected outcomes are written out per person rather than derived
 * from the policy under test: edit = admin, lead (sante), lead2 (sante); comment = partner (oim);
 * view = viewer (emploi); none = outsider (justice), to whom the document does not exist.
 */
const CAN_COMMENT: Record<Person, number> = { admin: 201, lead: 201, lead2: 201, partner: 201, viewer: 403, outsider: 404 };
const CAN_READ: Record<Person, number> = { admin: 200, lead: 200, lead2: 200, partner: 200, viewer: 200, outsider: 404 };
const CAN_RESOLVE: Record<Person, number> = { admin: 200, lead: 200, lead2: 200, partner: 200, viewer: 403, outsider: 404 };
/** on a comment written by the partner */
const CAN_EDIT_OTHERS: Record<Person, number> = { admin: 403, lead: 403, lead2: 403, partner: 200, viewer: 403, outsider: 404 };
const CAN_DELETE_OTHERS: Record<Person, number> = { admin: 204, lead: 403, lead2: 403, partner: 204, viewer: 403, outsider: 404 };
const PEOPLE = Object.keys(CAN_COMMENT) as Person[];

describe('comment permission matrix', () => {
  let server: TestServer;
  let world: CommentWorld;
  let path: string;
  const count = async () =>
    Number(
      (
        await server.database.db
          .selectFrom('comments')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const partnerComment = async () => (await world.api.partner.post(path, { body: 'Commentaire du partenaire' })).body.comment.id as string;

  beforeAll(async () => {
    server = await startTestServer();
    world = await commentWorld(server);
    path = `/api/documents/${world.documentId}/comments`;
  });
  afterAll(async () => server?.close());

  it.each(PEOPLE)('%s: start a thread, reply, and read', async (person) => {
    const before = await count();
    const thread = await world.api[person].post(path, { body: `Avis de ${person}`, anchor: textAnchor(world.content, 1, 'MRE') });
    expect(thread.status).toBe(CAN_COMMENT[person]);
    const reply = await world.api[person].post(path, { body: 'Réponse', threadId: await partnerComment() });
    expect(reply.status).toBe(CAN_COMMENT[person]);
    const expectedNew = CAN_COMMENT[person] === 201 ? 3 : 1; // the partner's own thread, plus this person's thread and reply
    expect(await count()).toBe(before + expectedNew);
    if (CAN_COMMENT[person] !== 201) expect(thread.body.error.code).toBe(CAN_COMMENT[person] === 404 ? 'not_found' : 'forbidden');
    expect((await world.api[person].get(path)).status).toBe(CAN_READ[person]);
    const one = await world.api[person].get(`${path}/${await partnerComment()}`);
    expect(one.status).toBe(CAN_READ[person]);
    if (one.status === 200) expect(one.body.comment.body).toBe('Commentaire du partenaire');
  });

  it.each(PEOPLE)('%s: resolve and reopen a thread', async (person) => {
    const id = await partnerComment();
    const resolved = await world.api[person].post(`${path}/${id}/resolve`);
    expect(resolved.status).toBe(CAN_RESOLVE[person]);
    expect((await world.api[person].post(`${path}/${id}/reopen`)).status).toBe(CAN_RESOLVE[person]);
  });

  it.each(PEOPLE)("%s: edit and delete the partner's comment", async (person) => {
    const id = await partnerComment();
    const edit = await world.api[person].patch(`${path}/${id}`, { body: 'Réécrit' });
    expect(edit.status).toBe(CAN_EDIT_OTHERS[person]);
    const stored = await server.database.db.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored.body).toBe(CAN_EDIT_OTHERS[person] === 200 ? 'Réécrit' : 'Commentaire du partenaire');
    const removal = await world.api[person].delete(`${path}/${id}`);
    expect(removal.status).toBe(CAN_DELETE_OTHERS[person]);
    const after = await server.database.db.selectFrom('comments').select('deleted_at').where('id', '=', id).executeTakeFirstOrThrow();
    expect(after.deleted_at !== null).toBe(CAN_DELETE_OTHERS[person] === 204);
  });

  it('audits the coordination unit removing somebody else’s comment', async () => {
    const id = await partnerComment();
    expect((await world.api.admin.delete(`${path}/${id}`)).status).toBe(204);
    const entry = await server.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'comment.deleted').where('object_id', '=', id).executeTakeFirstOrThrow();
    expect(entry.actor_user_id).toBe(world.ids.admin.userId);
    expect(entry.details).toMatchObject({ documentId: world.documentId, authorId: world.ids.partner.userId, moderated: true });
  });

  it('refuses anonymous requests, comments of another document, and commenting on an archived document', async () => {
    const anonymous = new ApiClient(server.url);
    expect((await anonymous.get(path)).status).toBe(401);
    expect((await anonymous.post(path, { body: 'x' })).status).toBe(401);

    const db = server.database.db;
    const other = await db
      .insertInto('documents')
      .values({ kind: 'note', title: 'Autre', lead_organisation_id: world.ids.partner.organisationId, status: 'draft' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const foreign = await world.api.partner.post(`/api/documents/${other.id}/comments`, { body: 'ailleurs' });
    expect(foreign.status).toBe(201);
    // The comment exists, but not in this document: same answer as a comment that does not exist.
    expect((await world.api.admin.patch(`${path}/${foreign.body.comment.id}`, { body: 'x' })).status).toBe(404);
    expect((await world.api.partner.post(`${path}/${foreign.body.comment.id}/resolve`)).status).toBe(404);
    expect((await world.api.partner.post(path, { body: 'x', threadId: foreign.body.comment.id })).body.error.code).toBe('unknown_thread');

    await db.updateTable('documents').set({ archived_at: new Date() }).where('id', '=', world.documentId).execute();
    try {
      expect((await world.api.partner.post(path, { body: 'trop tard' })).status).toBe(403);
      expect((await world.api.admin.post(path, { body: 'archivé mais noté' })).status).toBe(201);
    } finally {
      await db.updateTable('documents').set({ archived_at: null }).where('id', '=', world.documentId).execute();
    }
  });
});
