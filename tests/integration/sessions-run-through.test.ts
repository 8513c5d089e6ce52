import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyText } from '../../shared/doc-schema.ts';
import { eventually } from '../helpers/collab.ts';
import { subscribe } from '../helpers/realtime.ts';
import { startTestServerWith, type TestServer } from '../helpers/server.ts';
import { createSessionWorld, lastSessionState, type SessionWorld } from '../helpers/session-world.ts';
import { loadStoredDocument } from '../helpers/stored-document.ts';
import { RESTRICTED_ITEM_TITLE } from '../../server/domain/minutes.ts';

/**
 * A whole technical-commission session, as the chair and three departments live it: planned,
 * started, walked item by item with every participant's socket following, commented, decided,
 * closed into minutes and versions.
 */
describe('a commission session from start to minutes', () => {
  let server: TestServer;
  let world: SessionWorld;
  let sessionId: string;
  let itemIds: string[];
  let minutesDocumentId: string;
  let sockets: Record<'chair' | 'sante' | 'emploi' | 'oim', Awaited<ReturnType<SessionWorld['connect']>>>;

  beforeAll(async () => {
    ({ server, world } = await startTestServerWith(createSessionWorld));
    const planned = await world.planSession();
    sessionId = planned.session.id;
    itemIds = planned.session.items.map((item: { id: string }) => item.id);
    sockets = {
      chair: await world.connect('chair'),
      sante: await world.connect('sante'),
      emploi: await world.connect('emploi'),
      oim: await world.connect('oim'),
    };
    for (const socket of Object.values(sockets)) expect(await subscribe(socket, 'session', sessionId)).toEqual({ ok: true });
  });
  afterAll(async () => {
    for (const socket of world?.sockets ?? []) socket.disconnect();
    await server?.close();
  });

  it('gives each subscriber the planned session at once, presenters defaulting to the lead organisation', async () => {
    await eventually(() => {
      for (const socket of Object.values(sockets)) expect(lastSessionState(socket)).toMatchObject({ id: sessionId, state: 'planned', currentItem: null });
    });
    const state = lastSessionState(sockets.chair);
    expect(state.items.map((item: any) => [item.title, item.presenterOrganisationId])).toEqual([
      ['Plan santé', world.org.sante.id],
      ['Plan emploi MRE', world.org.emploi.id],
      ['Note de l’OIM', world.org.oim.id],
    ]);
    // Nobody is "present" at a session that has not started.
    expect(await server.database.db.selectFrom('session_attendance').selectAll().execute()).toEqual([]);
  });

  it('starts on the first item, and every participant follows to its document', async () => {
    const started = await world.clients.chair.post(`/api/sessions/${sessionId}/start`);
    expect(started.status).toBe(200);
    expect(started.body.session).toMatchObject({ state: 'live', currentItemId: itemIds[0], chair: true });
    await eventually(() => {
      for (const name of ['sante', 'emploi', 'oim'] as const) {
        expect(lastSessionState(sockets[name])).toMatchObject({ state: 'live', currentItem: { id: itemIds[0] } });
      }
    });
    expect(lastSessionState(sockets.sante).currentItem).toMatchObject({ documentId: world.docs.planSante.id, documentTitle: 'Plan santé MRE', access: 'edit' });
    expect(lastSessionState(sockets.emploi).currentItem).toMatchObject({ documentId: world.docs.planSante.id, access: 'view' });
    // OIM presents its own note but has no grant on the health plan: the item is restricted, as in the minutes.
    const oimView = lastSessionState(sockets.oim).currentItem;
    expect(oimView).toMatchObject({ title: RESTRICTED_ITEM_TITLE, restricted: true, access: null });
    expect(JSON.stringify(lastSessionState(sockets.oim))).not.toContain('Plan santé');
    expect(oimView).not.toHaveProperty('documentId');
    expect(oimView).not.toHaveProperty('documentTitle');
  });

  it('records a participant who joins the live session over HTTP as present, like subscribers', async () => {
    // The subscriptions happened while planned; rejoining the room while live counts.
    for (const name of ['sante', 'emploi', 'oim'] as const) {
      await sockets[name].timeout(5_000).emitWithAck('unsubscribe', { type: 'session', id: sessionId });
      expect(await subscribe(sockets[name], 'session', sessionId)).toEqual({ ok: true });
    }
    const joined = await world.clients.sante.post(`/api/sessions/${sessionId}/attendance`);
    expect(joined.status).toBe(200);
    expect(joined.body.present).toBe(true);
    await eventually(async () => {
      const present = await server.database.db.selectFrom('session_attendance').select('user_id').where('session_id', '=', sessionId).execute();
      expect(present.map((row) => row.user_id).sort()).toEqual([world.users.chair.id, world.users.sante.id, world.users.emploi.id, world.users.oim.id].sort());
    });
  });

  it('moves between items; each socket gets the documents it may see and only those', async () => {
    expect((await world.clients.chair.post(`/api/sessions/${sessionId}/current`, { itemId: itemIds[2] })).status).toBe(200);
    await eventually(() => {
      for (const name of ['sante', 'emploi', 'oim'] as const) expect(lastSessionState(sockets[name]).currentItemId).toBe(itemIds[2]);
    });
    expect(lastSessionState(sockets.oim).currentItem).toMatchObject({ documentId: world.docs.noteOim.id, access: 'edit' });
    for (const name of ['sante', 'emploi'] as const) {
      const state = lastSessionState(sockets[name]);
      expect(state.currentItem).toMatchObject({ title: RESTRICTED_ITEM_TITLE, restricted: true, access: null });
      expect(JSON.stringify(state)).not.toContain('Note de l’OIM');
      expect(JSON.stringify(state)).not.toContain(world.docs.noteOim.id);
      expect(JSON.stringify(state)).not.toContain('Note OIM confidentielle');
    }
    expect((await world.clients.chair.post(`/api/sessions/${sessionId}/current`, { itemId: itemIds[1] })).status).toBe(200);
    await eventually(() => expect(lastSessionState(sockets.sante).currentItem).toMatchObject({ id: itemIds[1], documentId: world.docs.planEmploi.id, access: 'comment' }));
  });

  it('records decisions and, once the chair confirms, moves documents through their workflow where it allows', async () => {
    const db = server.database.db;
    // Comments raised in the session (the comments API tags them the same way).
    await db
      .insertInto('comments')
      .values([
        {
          document_id: world.docs.planEmploi.id,
          author_id: world.users.sante.id,
          body: 'Le calendrier de la mesure 2 est trop serré.',
          session_id: sessionId,
          agenda_item_id: itemIds[1],
        },
        {
          document_id: world.docs.planSante.id,
          author_id: world.users.emploi.id,
          body: 'Prévoir un volet pour les saisonniers.',
          session_id: sessionId,
          agenda_item_id: itemIds[0],
        },
        {
          document_id: world.docs.planSante.id,
          author_id: world.users.sante.id,
          body: 'Commentaire supprimé',
          session_id: sessionId,
          agenda_item_id: itemIds[0],
          deleted_at: new Date(),
        },
        { document_id: world.docs.planSante.id, author_id: world.users.sante.id, body: 'Remarque hors séance' },
        { document_id: world.docs.noteOim.id, author_id: world.users.oim.id, body: 'Les flux de retour restent confidentiels.', session_id: sessionId, agenda_item_id: itemIds[2] },
      ])
      .execute();

    const decide = (index: number, body: unknown) => world.clients.chair.post(`/api/sessions/${sessionId}/items/${itemIds[index]}/decision`, body);
    const status = (id: string) => db.selectFrom('documents').select(['status', 'return_reason']).where('id', '=', id).executeTakeFirstOrThrow();
    // Unconfirmed, a decision is recorded and the document left alone.
    const unconfirmed = await decide(0, { decision: 'adopted', text: 'Premier avis' });
    expect(unconfirmed.status).toBe(200);
    expect(unconfirmed.body.session.items[0]).toMatchObject({ decision: 'adopted', decisionEffect: null });
    expect((await status(world.docs.planSante.id)).status).toBe('submitted');
    // "Adopted with changes" needs its text: it is the reason the document goes back for.
    expect((await decide(0, { decision: 'adopted_with_changes', confirm: true })).status).toBe(400);

    expect((await decide(0, { decision: 'adopted_with_changes', text: 'Ajouter un indicateur de couverture.', confirm: true })).status).toBe(200);
    expect((await decide(1, { decision: 'returned', text: 'Revoir le calendrier avec les régions.', confirm: true })).status).toBe(200);
    const postponed = await decide(2, { decision: 'postponed', confirm: true });
    expect(postponed.status).toBe(200);
    expect(postponed.body.session.items.map((item: any) => item.decision)).toEqual(['adopted_with_changes', 'returned', 'postponed']);
    // The OIM note is a draft: a postponement notes it, whatever its status.
    expect(postponed.body.session.items.map((item: any) => item.decisionEffect)).toEqual(['moved', 'moved', 'noted']);

    // Adopted with changes: returned to its lead, the decision text as the reason.
    expect(await status(world.docs.planSante.id)).toEqual({ status: 'returned', return_reason: 'Ajouter un indicateur de couverture.' });
    expect(await status(world.docs.planEmploi.id)).toEqual({ status: 'returned', return_reason: 'Revoir le calendrier avec les régions.' });
    // A draft cannot be adopted or returned by a session; a postponement changes nothing anyway.
    expect(await status(world.docs.noteOim.id)).toEqual({ status: 'draft', return_reason: null });

    await eventually(() => {
      expect(lastSessionState(sockets.emploi).items.map((item: any) => item.decision)).toEqual(['adopted_with_changes', 'returned', 'postponed']);
      expect(lastSessionState(sockets.sante).items[0].decisionText).toBe('Ajouter un indicateur de couverture.');
      expect(sockets.sante.received.some(([name, payload]) => name === 'notification' && payload.kind === 'status_changed' && payload.payload.to === 'returned')).toBe(true);
    });
  });

  it('closes into minutes with attendance, decisions and the session’s comments', async () => {
    const closed = await world.clients.chair.post(`/api/sessions/${sessionId}/close`);
    expect(closed.status).toBe(200);
    expect(closed.body.session).toMatchObject({ state: 'closed', currentItem: null });
    minutesDocumentId = closed.body.session.minutesDocumentId;
    expect(minutesDocumentId).toMatch(/^[0-9a-f-]{36}$/);

    const minutes = await loadStoredDocument(server.database.db, minutesDocumentId);
    const text = bodyText(minutes);
    expect(text).toContain('Procès-verbal — Revue des plans sectoriels (28 novembre 2026)');
    expect(text).toContain('Commission technique — séance du 28 novembre 2026, Rabat.');
    expect(text).toContain('Organisations représentées : Org emploi, Org mre, Org oim, Org sante.');
    expect(text).toContain('focal (Org sante)');
    expect(text).toContain('Décision : Adopté avec modifications — Ajouter un indicateur de couverture.');
    expect(text).toContain('Décision : Renvoyé pour reprise — Revoir le calendrier avec les régions.');
    expect(text).toContain('Décision : Reporté.');
    // The minutes say what each decision did to its document.
    expect(text).toContain('Suite donnée : le document passe au statut « Renvoyé », la décision valant motif.');
    expect(text).toContain('Suite donnée : statut du document inchangé, décision notée.');
    expect(text).toContain('focal (Org emploi) : Prévoir un volet pour les saisonniers.');
    expect(text).toContain('focal (Org sante) : Le calendrier de la mesure 2 est trop serré.');
    expect(text).not.toContain('Commentaire supprimé');
    expect(text).not.toContain('Remarque hors séance');
    // Comments appear under their own item.
    expect(text.indexOf('saisonniers')).toBeLessThan(text.lastIndexOf('2. Plan emploi MRE'));
    expect(text.indexOf('trop serré')).toBeGreaterThan(text.lastIndexOf('2. Plan emploi MRE'));
    // The OIM note is readable by neither santé nor emploi, who read the minutes: its item is named
    // by number only, without its titles or the comment raised on it.
    expect(text).toContain(`3. ${RESTRICTED_ITEM_TITLE}`);
    for (const secret of ['Note OIM confidentielle', 'Note de l’OIM', 'flux de retour']) expect(text).not.toContain(secret);
  });

  it('makes the minutes a draft led by the secretariat, visible to the member organisations only', async () => {
    const asChair = await world.clients.chair.get(`/api/documents/${minutesDocumentId}`);
    expect(asChair.body.document).toMatchObject({ kind: 'minutes', status: 'draft', leadOrganisationId: world.org.mre.id, access: 'edit' });
    for (const member of ['sante', 'emploi'] as const) {
      const response = await world.clients[member].get(`/api/documents/${minutesDocumentId}`);
      expect(response.status).toBe(200);
      expect(response.body.document.access).toBe('view');
    }
    expect((await world.clients.oim.get(`/api/documents/${minutesDocumentId}`)).status).toBe(404);
    expect((await world.clients.outsider.get(`/api/documents/${minutesDocumentId}`)).status).toBe(404);
    // Searchable before anyone opens it, but not by what the minutes leave out.
    const search = await world.clients.sante.get('/api/documents?kind=minutes&q=saisonniers');
    expect(search.body.documents.map((document: any) => document.id)).toEqual([minutesDocumentId]);
    for (const q of ['confidentielle', 'flux de retour']) {
      expect((await world.clients.sante.get(`/api/documents?q=${encodeURIComponent(q)}`)).body.documents).toEqual([]);
    }
    const notifications = await world.clients.emploi.get('/api/notifications');
    expect(JSON.stringify(notifications.body)).not.toMatch(/Note OIM confidentielle|flux de retour/);
    await eventually(() => {
      expect(lastSessionState(sockets.sante)).toMatchObject({ state: 'closed', minutesDocumentId });
      expect(lastSessionState(sockets.oim)).toMatchObject({ state: 'closed', minutesDocumentId: null });
      expect(sockets.emploi.received.some(([name, payload]) => name === 'notification' && payload.kind === 'session_closed')).toBe(true);
    });
  });

  it('snapshots every discussed document as a version named after the session', async () => {
    for (const [document, client, content] of [
      [world.docs.planSante, world.clients.sante, 'Couverture médicale des MRE retraités.'],
      [world.docs.planEmploi, world.clients.emploi, 'Reconnaissance des diplômes obtenus à l’étranger.'],
      [world.docs.noteOim, world.clients.oim, 'Données migratoires non publiées.'],
    ] as const) {
      const list = await client.get(`/api/documents/${document.id}/versions`);
      expect(list.status).toBe(200);
      expect(list.body.versions).toEqual([expect.objectContaining({ name: 'Commission technique — 2026-11-28', kind: 'session', sessionId, createdBy: world.users.chair.id })]);
      const version = await client.get(`/api/documents/${document.id}/versions/${list.body.versions[0].id}`);
      expect(version.body.version.text).toContain(content);
    }
  });

  it('refuses every chair action once closed, and keeps the session readable', async () => {
    for (const [path, body] of [
      ['start', undefined],
      ['close', undefined],
      ['current', { itemId: itemIds[0] }],
      [`items/${itemIds[0]}/decision`, { decision: 'adopted' }],
    ] as const) {
      const response = await world.clients.chair.post(`/api/sessions/${sessionId}/${path}`, body);
      expect(response.status, path).toBe(409);
      expect(response.body.error.code).toBe('invalid_session_state');
    }
    expect((await world.clients.emploi.get(`/api/sessions/${sessionId}`)).body.session.state).toBe('closed');
  });
});
