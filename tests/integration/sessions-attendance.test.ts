import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { apiToken, eventually } from '../helpers/collab.ts';
import * as fixtures from '../helpers/fixtures.ts';
import { ApiClient } from '../helpers/http.ts';
import { connectRealtime, subscribe } from '../helpers/realtime.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

describe('attendance of a commission session', () => {
  let server: TestServer;
  let socket: Socket & { received: Array<[string, any]> };
  let memberId: string;

  beforeAll(async () => {
    server = await startTestServer();
    const db = server.database.db;
    const mre = await fixtures.organisation(db, 'mre', 'ministry');
    const sante = await fixtures.organisation(db, 'sante');
    const adminToken = await apiToken(db, (await fixtures.user(db, mre.id, 'chair@mre.ma', 'admin')).id);
    const member = await fixtures.user(db, sante.id, 'focal@sante.ma');
    memberId = member.id;
    const plan = await fixtures.document(db, sante.id, 'Plan santé');
    const chair = ApiClient.withToken(server.url, adminToken);
    const commission = await chair.post('/api/commissions', {
      kind: 'technical', nameFr: 'Commission technique', nameAr: 'اللجنة التقنية', nameEn: 'Technical commission', memberOrganisationIds: [sante.id],
    });
    expect(commission.status).toBe(201);
    const session = await chair.post('/api/sessions', {
      commissionId: commission.body.commission.id, title: 'Séance du 28 novembre', scheduledAt: '2026-11-28T09:00:00+01:00', items: [{ documentId: plan.id }],
    });
    expect(session.status).toBe(201);
    const sessionId = session.body.session.id;
    socket = await connectRealtime(server.url, await apiToken(db, member.id));
    expect(await subscribe(socket, 'session', sessionId)).toEqual({ ok: true });
    expect((await chair.post(`/api/sessions/${sessionId}/start`)).status).toBe(200);
  });
  afterAll(async () => {
    socket?.disconnect();
    await server?.close();
  });

  it('counts those who were following before the chair opened the session', async () => {
    await eventually(() => expect(socket.received.some(([name, state]) => name === 'session:state' && state.state === 'live')).toBe(true));
    const present = await server.database.db.selectFrom('session_attendance').select('user_id').execute();
    expect(present.map((row) => row.user_id)).toContain(memberId);
  });
});
