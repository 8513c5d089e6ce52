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
  let sessionId: string;
  let plannedId: string;
  let member: ApiClient;
  let outsider: ApiClient;

  beforeAll(async () => {
    server = await startTestServer();
    const db = server.database.db;
    const mre = await fixtures.organisation(db, 'mre', 'ministry');
    const sante = await fixtures.organisation(db, 'sante');
    const adminToken = await apiToken(db, (await fixtures.user(db, mre.id, 'chair@mre.ma', 'admin')).id);
    const focal = await fixtures.user(db, sante.id, 'focal@sante.ma');
    memberId = focal.id;
    member = ApiClient.withToken(server.url, await apiToken(db, focal.id));
    const oim = await fixtures.organisation(db, 'oim');
    outsider = ApiClient.withToken(server.url, await apiToken(db, (await fixtures.user(db, oim.id, 'guest@oim.int')).id));
    const plan = await fixtures.document(db, sante.id, 'Plan santé');
    const chair = ApiClient.withToken(server.url, adminToken);
    const commission = await chair.post('/api/commissions', {
      kind: 'technical',
      nameFr: 'Commission technique',
      nameAr: 'اللجنة التقنية',
      nameEn: 'Technical commission',
      memberOrganisationIds: [sante.id],
    });
    expect(commission.status).toBe(201);
    const session = await chair.post('/api/sessions', {
      commissionId: commission.body.commission.id,
      title: 'Séance du 28 novembre',
      scheduledAt: '2026-11-28T09:00:00+01:00',
      items: [{ documentId: plan.id }],
    });
    expect(session.status).toBe(201);
    sessionId = session.body.session.id;
    const planned = await chair.post('/api/sessions', {
      commissionId: commission.body.commission.id,
      title: 'Séance suivante',
      scheduledAt: '2026-12-28T09:00:00+01:00',
      items: [{ documentId: plan.id }],
    });
    plannedId = planned.body.session.id;
    socket = await connectRealtime(server.url, await apiToken(db, focal.id));
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

  const attendees = async (id: string) =>
    (await server.database.db.selectFrom('session_attendance').select('user_id').where('session_id', '=', id).execute()).map((row) => row.user_id);

  it('records nothing when a live session is only read: GET changes no state', async () => {
    socket.disconnect();
    await server.database.db.deleteFrom('session_attendance').where('user_id', '=', memberId).execute();
    expect((await member.get(`/api/sessions/${sessionId}`)).status).toBe(200);
    expect(await attendees(sessionId)).not.toContain(memberId);
  });

  it('records me as present when I join the live session with POST …/attendance', async () => {
    const joined = await member.post(`/api/sessions/${sessionId}/attendance`);
    expect(joined.status).toBe(200);
    expect(joined.body).toMatchObject({ present: true, session: { id: sessionId, state: 'live' } });
    expect(await attendees(sessionId)).toContain(memberId);
    // twice is the same as once
    expect((await member.post(`/api/sessions/${sessionId}/attendance`)).status).toBe(200);
    expect((await attendees(sessionId)).filter((id) => id === memberId)).toHaveLength(1);
  });

  it('records nobody for a session that is not live, and answers 404 to someone who cannot see it', async () => {
    const early = await member.post(`/api/sessions/${plannedId}/attendance`);
    expect(early.status).toBe(200);
    expect(early.body.present).toBe(false);
    expect(await attendees(plannedId)).toEqual([]);
    expect((await outsider.post(`/api/sessions/${sessionId}/attendance`)).status).toBe(404);
  });
});
