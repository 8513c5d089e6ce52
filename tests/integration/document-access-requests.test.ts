import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_REQUESTS_PER_HOUR } from '../../server/domain/access-requests.ts';
import { createAccessWorld, type AccessWorld } from '../helpers/access-world.ts';
import { signIn } from '../helpers/actors.ts';
import { user } from '../helpers/fixtures.ts';
import { eventually } from '../helpers/collab.ts';
import { startTestServerWith, type TestServer } from '../helpers/server.ts';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

/** Issue 16: "who has access" for those allowed, and requesting access to a document one cannot see. */
describe('who has access, and requests for access', () => {
  let server: TestServer;
  let world: AccessWorld;
  beforeAll(async () => {
    ({ server, world } = await startTestServerWith(createAccessWorld));
  });
  afterAll(() => server?.close());

  const notificationsOf = (userId: string) =>
    server.database.db.selectFrom('notifications').select(['kind', 'document_id', 'payload']).where('user_id', '=', userId).where('kind', '=', 'access_requested').execute();

  it('shows the overview to the lead organisation and the coordination unit only', async () => {
    const document = await world.newDocument('Plan partagé');
    await server.database.db.updateTable('document_access').set({ created_by: world.userIds.lead }).where('id', '=', document.grantIds.editor).execute();
    const asLead = await world.clients.lead.get(`/api/documents/${document.id}/access/overview`);
    expect(asLead.status).toBe(200);
    expect(asLead.body.overview.leadOrganisationId).toBe(world.organisationIds.lead);
    const editorGrant = asLead.body.overview.grants.find((grant: any) => grant.id === document.grantIds.editor);
    expect(editorGrant).toMatchObject({ organisationId: world.organisationIds.editor, level: 'edit', grantedBy: { id: world.userIds.lead, name: 'lead' } });
    const personal = asLead.body.overview.grants.find((grant: any) => grant.id === document.grantIds.personal);
    expect(personal.person).toMatchObject({ id: world.userIds.personal });
    expect((await world.clients.admin.get(`/api/documents/${document.id}/access/overview`)).status).toBe(200);
    // Editors from another organisation, commenters and viewers may open the document, not its sharing.
    for (const actor of ['editor', 'commenter', 'viewer'] as const) {
      expect((await world.clients[actor].get(`/api/documents/${document.id}/access/overview`)).status, actor).toBe(403);
    }
    expect((await world.clients.outsider.get(`/api/documents/${document.id}/access/overview`)).status).toBe(404);
  });

  it('tells the lead organisation once of a request, and answers a missing document the same way', async () => {
    const document = await world.newDocument('Plan confidentiel');
    const first = await world.clients.outsider.post(`/api/documents/${document.id}/access-requests`, { message: 'Pour la réunion de jeudi' });
    expect(first.status, JSON.stringify(first.body)).toBe(202);
    const again = await world.clients.outsider.post(`/api/documents/${document.id}/access-requests`, {});
    const missing = await world.clients.outsider.post(`/api/documents/${UNKNOWN_ID}/access-requests`, {});
    expect([again.status, again.body]).toEqual([first.status, first.body]);
    expect([missing.status, missing.body]).toEqual([first.status, first.body]);

    await eventually(async () => {
      const told = await notificationsOf(world.userIds.lead);
      expect(told.filter((row) => row.document_id === document.id)).toHaveLength(1);
    });
    const row = (await notificationsOf(world.userIds.lead)).find((entry) => entry.document_id === document.id)!;
    expect(row.payload).toMatchObject({ by: world.userIds.outsider, message: 'Pour la réunion de jeudi' });
    expect(await notificationsOf(world.userIds.commenter)).toEqual([]);

    const overview = await world.clients.lead.get(`/api/documents/${document.id}/access/overview`);
    expect(overview.body.overview.requests).toEqual([
      expect.objectContaining({ person: expect.objectContaining({ id: world.userIds.outsider }), message: 'Pour la réunion de jeudi' }),
    ]);
    // Granting answers the request.
    expect((await world.clients.lead.put(`/api/documents/${document.id}/access`, { userId: world.userIds.outsider, level: 'view' })).status).toBe(201);
    expect((await world.clients.lead.get(`/api/documents/${document.id}/access/overview`)).body.overview.requests).toEqual([]);
    const already = await world.clients.outsider.post(`/api/documents/${document.id}/access-requests`, {});
    expect(already.status).toBe(409);
  });

  it('refuses bad input and limits how often one may ask', async () => {
    const document = await world.newDocument('Plan limité');
    for (const body of [{ message: 'x'.repeat(1001) }, { message: 'ok', level: 'edit' }]) {
      expect((await world.clients.personal.post(`/api/documents/${UNKNOWN_ID}/access-requests`, body)).status).toBe(400);
    }
    expect((await world.clients.viewer.post(`/api/documents/not-a-uuid/access-requests`, {})).status).toBe(400);
    // `viewer` has not asked yet: the hourly allowance, then a refusal.
    const asks = [];
    for (let n = 0; n < MAX_REQUESTS_PER_HOUR; n++) asks.push((await world.clients.outsider.post(`/api/documents/${UNKNOWN_ID}/access-requests`, {})).status);
    const limited = await world.clients.outsider.post(`/api/documents/${document.id}/access-requests`, {});
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
  });

  it('tells the lead organisation once when the same request is sent several times at once', async () => {
    const document = await world.newDocument('Plan demandé deux fois');
    await user(server.database.db, world.organisationIds.outsider, 'double@tansiq.test');
    const asker = await signIn(server.url, 'double@tansiq.test');
    const answers = await Promise.all(Array.from({ length: 3 }, () => asker.post(`/api/documents/${document.id}/access-requests`, { message: 'Pour jeudi' })));
    expect(answers.map((answer) => answer.status)).toEqual([202, 202, 202]);
    // Every notification the requests caused is written once the in-app outbox is empty.
    await eventually(async () => expect(await server.database.db.selectFrom('event_outbox').select('id').where('consumer', '=', 'app').execute()).toHaveLength(0));
    expect((await notificationsOf(world.userIds.lead)).filter((row) => row.document_id === document.id)).toHaveLength(1);
  });
});
