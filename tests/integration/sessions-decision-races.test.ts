import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries } from '../helpers/actors.ts';
import { startTestServerWith, type TestServer } from '../helpers/server.ts';
import { createSessionWorld, type SessionWorld } from '../helpers/session-world.ts';

const TIMES = 4;

/** The chair's decision form sent several times at once (a double click, a retry): it acts once, and says what it did. */
describe('a confirmed decision sent twice at once', () => {
  let server: TestServer;
  let world: SessionWorld;
  let sessionId: string;
  let itemIds: string[];

  beforeAll(async () => {
    ({ server, world } = await startTestServerWith(createSessionWorld));
    const planned = await world.planSession();
    sessionId = planned.session.id;
    itemIds = planned.session.items.map((item: { id: string }) => item.id);
    expect((await world.clients.chair.post(`/api/sessions/${sessionId}/start`)).status).toBe(200);
  });
  afterAll(() => server?.close());

  const decide = (index: number, body: Record<string, unknown>) => world.clients.chair.post(`/api/sessions/${sessionId}/items/${itemIds[index]}/decision`, body);
  const item = (index: number) => server.database.db.selectFrom('agenda_items').selectAll().where('id', '=', itemIds[index]!).executeTakeFirstOrThrow();
  const forObject = async (action: string, objectId: string) => (await auditEntries(server.database.db, action)).filter((entry) => entry.object_id === objectId);

  it('adopts the document once, records the decision once and says it moved the document', async () => {
    const documentId = world.docs.planSante.id;
    const responses = await Promise.all(Array.from({ length: TIMES }, () => decide(0, { decision: 'adopted', confirm: true })));
    expect(responses.map((r) => r.status)).toEqual(Array(TIMES).fill(200));
    const document = await server.database.db.selectFrom('documents').select('status').where('id', '=', documentId).executeTakeFirstOrThrow();
    expect(document.status).toBe('adopted');
    expect(await item(0)).toMatchObject({ decision: 'adopted', decision_effect: 'moved' });
    expect(await forObject('document.status_changed', documentId)).toHaveLength(1);
    expect((await forObject('session.decision_recorded', sessionId)).filter((entry) => (entry.details as any).itemId === itemIds[0])).toHaveLength(1);
    for (const response of responses) expect(response.body.session.items[0]).toMatchObject({ decision: 'adopted', decisionEffect: 'moved' });
  });

  it('returns the document once when "returned" is confirmed twice at once', async () => {
    const documentId = world.docs.planEmploi.id;
    const body = { decision: 'returned', text: 'Revoir le calendrier avec les régions.', confirm: true };
    const responses = await Promise.all(Array.from({ length: TIMES }, () => decide(1, body)));
    expect(responses.map((r) => r.status)).toEqual(Array(TIMES).fill(200));
    const document = await server.database.db.selectFrom('documents').select(['status', 'return_reason']).where('id', '=', documentId).executeTakeFirstOrThrow();
    expect(document).toEqual({ status: 'returned', return_reason: body.text });
    expect(await item(1)).toMatchObject({ decision: 'returned', decision_effect: 'moved' });
    expect(await forObject('document.status_changed', documentId)).toHaveLength(1);
  });

  it('still lets the chair correct a decision afterwards', async () => {
    const corrected = await decide(0, { decision: 'postponed', confirm: true });
    expect(corrected.status).toBe(200);
    expect(await item(0)).toMatchObject({ decision: 'postponed', decision_effect: 'noted' });
  });
});

describe('a session closed while the chair still decides or moves', () => {
  let server: TestServer;
  let world: SessionWorld;
  beforeAll(async () => {
    ({ server, world } = await startTestServerWith(createSessionWorld));
  });
  afterAll(() => server?.close());

  it('snapshots every document discussed before the close, or refuses the late decision', async () => {
    for (let round = 0; round < 3; round++) {
      const planned = await world.planSession(`Séance ${round}`);
      const sessionId: string = planned.session.id;
      const items = planned.session.items as Array<{ id: string; documentId: string }>;
      expect((await world.clients.chair.post(`/api/sessions/${sessionId}/start`)).status).toBe(200);
      // The third item was never reached: deciding on it makes its document part of the session.
      const [decided, moved, closed] = await Promise.all([
        world.clients.chair.post(`/api/sessions/${sessionId}/items/${items[2]!.id}/decision`, { decision: 'postponed' }),
        world.clients.chair.post(`/api/sessions/${sessionId}/current`, { itemId: items[1]!.id }),
        world.clients.chair.post(`/api/sessions/${sessionId}/close`, {}),
      ]);
      for (const answer of [decided, moved, closed]) expect([200, 409], JSON.stringify(answer.body)).toContain(answer.status);
      if (closed.status === 409) expect((await world.clients.chair.post(`/api/sessions/${sessionId}/close`, {})).status).toBe(200);
      const snapshots = await server.database.db.selectFrom('document_versions').select('document_id').where('session_id', '=', sessionId).execute();
      const snapshotted = new Set(snapshots.map((row) => row.document_id));
      expect(snapshotted.has(items[0]!.documentId)).toBe(true);
      if (decided.status === 200) expect(snapshotted.has(items[2]!.documentId), `round ${round}: decided item`).toBe(true);
      if (moved.status === 200) expect(snapshotted.has(items[1]!.documentId), `round ${round}: reached item`).toBe(true);
    }
  });
});
