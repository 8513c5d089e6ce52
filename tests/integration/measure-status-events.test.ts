import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { measuresOf, newMeasureMap, updateMeasure } from '../../shared/doc-schema.ts';
import { apiToken, connectPeer, eventually, type TestPeer } from '../helpers/collab.ts';
import * as fixtures from '../helpers/fixtures.ts';
import { ApiClient } from '../helpers/http.ts';
import { connectRealtime, subscribe } from '../helpers/realtime.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import type { DomainEvent } from '../../server/events/bus.ts';

describe('measure status changes made in the editor', () => {
  let server: TestServer;
  let token: string;
  let documentId: string;
  let userId: string;
  /** a colleague at sante, and a focal point at emploi, which may read the plan */
  let colleague: string;
  let emploiFocal: string;
  let organisations: { sante: string; emploi: string };
  let peer: TestPeer;
  let socket: Socket & { received: Array<[string, any]> };
  const events: DomainEvent[] = [];

  beforeAll(async () => {
    server = await startTestServer({ COLLAB_PROJECTION_WAIT_MS: '20', COLLAB_PROJECTION_MAX_WAIT_MS: '100' });
    server.events.onAny((event) => void events.push(event));
    const db = server.database.db;
    const sante = await fixtures.organisation(db, 'sante');
    organisations = { sante: sante.id, emploi: (await fixtures.organisation(db, 'emploi')).id };
    userId = (await fixtures.user(db, sante.id, 'lead@sante.ma')).id;
    token = await apiToken(db, userId);
    colleague = await apiToken(db, (await fixtures.user(db, sante.id, 'colleague@sante.ma')).id);
    emploiFocal = await apiToken(db, (await fixtures.user(db, organisations.emploi, 'focal@emploi.ma')).id);
    documentId = (await ApiClient.withToken(server.url, token).post('/api/documents', { kind: 'action_plan', title: 'Plan santé' })).body.document.id;
    await fixtures.grant(db, documentId, organisations.emploi, 'view');
    peer = connectPeer(server.url, documentId, token);
    await peer.synced();
    socket = await connectRealtime(server.url, token);
    expect(await subscribe(socket, 'document', documentId)).toEqual({ ok: true });
  });
  afterAll(async () => {
    peer?.destroy();
    socket?.disconnect();
    await server?.close();
  });

  it('are announced once on the bus and over socket.io, with who made them', async () => {
    measuresOf(peer.doc).push([newMeasureMap({ id: 'm1', title: 'Guichet unique', status: 'planned' })]);
    await eventually(async () => {
      const row = await server.database.db.selectFrom('measures').select('status').where('id', '=', 'm1').executeTakeFirst();
      expect(row?.status).toBe('planned');
    });
    // A new measure is not a status change.
    expect(events.filter((event) => event.type === 'measure.status_changed')).toEqual([]);
    updateMeasure(peer.doc, 'm1', { status: 'in_progress' });
    await eventually(() => expect(socket.received.some(([name, payload]) => name === 'measure:status_changed' && payload.to === 'in_progress')).toBe(true));
    const announced = events.filter((event) => event.type === 'measure.status_changed');
    expect(announced).toHaveLength(1);
    expect(announced[0]).toMatchObject({ documentId, measureId: 'm1', title: 'Guichet unique', from: 'planned', to: 'in_progress' });
    updateMeasure(peer.doc, 'm1', { progress: 50 });
    // A later status change is the barrier: the document's changes are projected in order, so
    // once its event is out, the progress change before it has been projected without one.
    updateMeasure(peer.doc, 'm1', { status: 'done' });
    await eventually(() => expect(events.some((event) => event.type === 'measure.status_changed' && event.to === 'done')).toBe(true));
    expect(events.filter((event) => event.type === 'measure.status_changed').map((event) => (event as { to: string }).to)).toEqual(['in_progress', 'done']);
  });

  it('an organisation becoming responsible for a measure is announced once, with who did it (editor, any field path)', async () => {
    const leads = () => events.filter((event) => event.type === 'measure.lead_changed');
    updateMeasure(peer.doc, 'm1', { leadOrganisationId: organisations.emploi });
    await eventually(() => expect(leads()).toHaveLength(1));
    expect(leads()[0]).toMatchObject({ documentId, measureId: 'm1', title: 'Guichet unique', from: null, to: organisations.emploi, actorUserId: userId });
    // A row added with a lead to a plan that exists: that organisation becomes responsible too.
    measuresOf(peer.doc).push([newMeasureMap({ id: 'm2', title: 'Cellule d’écoute', leadOrganisationId: organisations.sante })]);
    // Barrier: a later status change of m1, projected after the row was added.
    updateMeasure(peer.doc, 'm1', { status: 'blocked' });
    await eventually(() => expect(events.some((event) => event.type === 'measure.status_changed' && event.to === 'blocked')).toBe(true));
    expect(leads().map((event) => [event.measureId, (event as { to: string }).to])).toEqual([
      ['m1', organisations.emploi],
      ['m2', organisations.sante],
    ]);
    // The bell: the new lead's people hear of it, not the person who assigned it.
    const leadNotices = async (bearer: string) =>
      (
        (await ApiClient.withToken(server.url, bearer).get('/api/notifications')).body.notifications as Array<{
          kind: string;
          documentId: string;
          payload: Record<string, unknown>;
        }>
      ).filter((notification) => notification.kind === 'measure_lead');
    await eventually(async () => expect(await leadNotices(colleague)).toHaveLength(1));
    expect((await leadNotices(colleague))[0]).toMatchObject({
      documentId,
      payload: { measureId: 'm2', title: 'Cellule d’écoute', organisationId: organisations.sante, by: userId },
    });
    // Taken in before m2's (the outbox is taken in order): emploi's notice is there, the author has none.
    expect(await leadNotices(emploiFocal)).toEqual([
      expect.objectContaining({ documentId, payload: expect.objectContaining({ measureId: 'm1', organisationId: organisations.emploi }) }),
    ]);
    expect(await leadNotices(token)).toEqual([]);
  });
});
