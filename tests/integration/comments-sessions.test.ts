import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { commentWorld, type CommentWorld } from './comments-world.ts';

/**
 * Comments made in a commission session. The sessions are written straight into their tables
 * (the sessions API has its own tests): one live session whose current item is our document, one
 * planned session with it on the agenda, one live session about another document.
 */
describe('comments tagged with the commission session', () => {
  let server: TestServer;
  let world: CommentWorld;
  let path: string;
  const ids = {} as { live: string; planned: string; elsewhere: string; liveItem: string; laterItem: string; otherDocument: string; hidden: string; hiddenItem: string };

  beforeAll(async () => {
    server = await startTestServer();
    world = await commentWorld(server);
    path = `/api/documents/${world.documentId}/comments`;
    const db = server.database.db;
    const commission = await db
      .insertInto('commissions')
      .values({ kind: 'technical', name_fr: 'Commission technique', name_ar: 'اللجنة التقنية', name_en: 'Technical commission' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const members = [world.ids.lead, world.ids.partner, world.ids.viewer].map((person) => ({ commission_id: commission.id, organisation_id: person.organisationId }));
    await db.insertInto('commission_members').values(members).execute();
    // A bilateral committee the partner (oim) is not part of, live on our document.
    const bilateral = await db
      .insertInto('commissions')
      .values({ kind: 'bilateral', name_fr: 'Comité bilatéral', name_ar: 'لجنة ثنائية', name_en: 'Bilateral committee' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('commission_members').values({ commission_id: bilateral.id, organisation_id: world.ids.lead.organisationId }).execute();
    const other = await db
      .insertInto('documents')
      .values({ kind: 'note', title: 'Autre', lead_organisation_id: world.ids.lead.organisationId, status: 'draft' })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.otherDocument = other.id;
    const session = async (state: 'planned' | 'live', documents: string[], commissionId = commission.id) => {
      const row = await db
        .insertInto('commission_sessions')
        .values({ commission_id: commissionId, title: `Séance ${state}`, scheduled_at: new Date(), state, started_at: state === 'live' ? new Date() : null })
        .returning('id')
        .executeTakeFirstOrThrow();
      const items = [];
      for (const [position, documentId] of documents.entries()) {
        items.push(
          (
            await db
              .insertInto('agenda_items')
              .values({ session_id: row.id, position, document_id: documentId, title: `Point ${position + 1}` })
              .returning('id')
              .executeTakeFirstOrThrow()
          ).id,
        );
      }
      return { id: row.id, items };
    };
    const live = await session('live', [world.documentId, world.documentId]);
    ids.live = live.id;
    [ids.liveItem, ids.laterItem] = live.items as [string, string];
    ids.planned = (await session('planned', [world.documentId])).id;
    const elsewhere = await session('live', [other.id]);
    ids.elsewhere = elsewhere.id;
    await db.updateTable('commission_sessions').set({ current_item_id: elsewhere.items[0] }).where('id', '=', elsewhere.id).execute();
    const hidden = await session('live', [world.documentId], bilateral.id);
    ids.hidden = hidden.id;
    ids.hiddenItem = hidden.items[0]!;
    // not its current item, so comments made without a session are not tagged with it
  });
  afterAll(async () => server?.close());

  const setCurrent = (itemId: string | null) => server.database.db.updateTable('commission_sessions').set({ current_item_id: itemId }).where('id', '=', ids.live).execute();

  it('tags a comment with the live session whose current item is this document, replies included', async () => {
    expect((await world.api.partner.post(path, { body: 'Avant la séance' })).body.comment).toMatchObject({ sessionId: null, agendaItemId: null });
    await setCurrent(ids.liveItem);
    const raised = await world.api.partner.post(path, { body: 'Soulevé en séance' });
    expect(raised.body.comment).toMatchObject({ sessionId: ids.live, agendaItemId: ids.liveItem });
    const reply = await world.api.lead.post(path, { body: 'Réponse en séance', threadId: raised.body.comment.id });
    expect(reply.body.comment).toMatchObject({ sessionId: ids.live, agendaItemId: ids.liveItem });

    // The chair moves on to another document: comments here are no longer tagged.
    await setCurrent(null);
    expect((await world.api.partner.post(path, { body: 'Après' })).body.comment.sessionId).toBeNull();
  });

  it('accepts an explicit live session with the document on its agenda, and a named item', async () => {
    await setCurrent(ids.laterItem);
    const named = await world.api.partner.post(path, { body: 'Pour le point 1', sessionId: ids.live, agendaItemId: ids.liveItem });
    expect(named.body.comment).toMatchObject({ sessionId: ids.live, agendaItemId: ids.liveItem });
    const current = await world.api.partner.post(path, { body: 'Sans point précis', sessionId: ids.live });
    expect(current.body.comment).toMatchObject({ sessionId: ids.live, agendaItemId: ids.laterItem });
    const byItem = await world.api.partner.post(path, { body: 'Par le point', agendaItemId: ids.liveItem });
    expect(byItem.body.comment).toMatchObject({ sessionId: ids.live, agendaItemId: ids.liveItem });
  });

  it.each([
    ['a session that is not live', () => ({ sessionId: ids.planned }), /not live/],
    ['a live session without the document on its agenda', () => ({ sessionId: ids.elsewhere }), /not on the agenda/],
    ['an item of another session', () => ({ sessionId: ids.live, agendaItemId: '00000000-0000-4000-8000-000000000000' }), /No such agenda item/],
  ])('refuses %s', async (_label, extra, message) => {
    const response = await world.api.partner.post(path, { body: 'x', ...extra() });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('invalid_session');
    expect(response.body.error.message).toMatch(message);
  });

  it('answers a session the author may not see exactly as one that does not exist', async () => {
    const missing = await world.api.partner.post(path, { body: 'x', sessionId: '00000000-0000-4000-8000-000000000000' });
    const hidden = await world.api.partner.post(path, { body: 'x', sessionId: ids.hidden });
    expect(hidden.status).toBe(400);
    expect(hidden.body).toEqual(missing.body);
    const missingItem = await world.api.partner.post(path, { body: 'x', agendaItemId: '00000000-0000-4000-8000-000000000000' });
    const hiddenItem = await world.api.partner.post(path, { body: 'x', agendaItemId: ids.hiddenItem });
    expect(hiddenItem.status).toBe(400);
    expect(hiddenItem.body).toEqual(missingItem.body);
    // the lead organisation sits on that committee: for it, the session is there
    expect((await world.api.lead.post(path, { body: 'Au comité', sessionId: ids.hidden })).status).toBe(201);
  });

  it('does not tag a comment with a live session its author may not see, even when it shows the document', async () => {
    const db = server.database.db;
    await db.updateTable('commission_sessions').set({ current_item_id: null }).where('id', '=', ids.live).execute();
    await db.updateTable('commission_sessions').set({ current_item_id: ids.hiddenItem }).where('id', '=', ids.hidden).execute();
    try {
      const partner = await world.api.partner.post(path, { body: 'Sans séance visible' });
      expect(partner.body.comment).toMatchObject({ sessionId: null, agendaItemId: null });
      const lead = await world.api.lead.post(path, { body: 'Au comité, en direct' });
      expect(lead.body.comment).toMatchObject({ sessionId: ids.hidden, agendaItemId: ids.hiddenItem });
    } finally {
      await db.updateTable('commission_sessions').set({ current_item_id: null }).where('id', '=', ids.hidden).execute();
    }
  });

  it('filters threads raised in a session', async () => {
    const threads = (await world.api.viewer.get(`${path}?session=${ids.live}`)).body.threads;
    expect(threads.map((t: any) => t.body)).toEqual(['Soulevé en séance', 'Pour le point 1', 'Sans point précis', 'Par le point']);
    expect((await world.api.viewer.get(`${path}?session=${ids.planned}`)).body.threads).toEqual([]);
  });
});
