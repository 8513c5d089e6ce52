import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries, signIn } from '../helpers/actors.ts';
import { organisation, PASSWORD, user } from '../helpers/fixtures.ts';
import { ApiClient } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const PATH = '/api/users/me/preferences/measures.grid';
const layout = { columns: { lead: { width: 320 }, partners: { hidden: true }, budget: { width: 200, hidden: false } } };

describe('per-person preferences (measures grid columns)', () => {
  let server: TestServer;
  let amina: ApiClient;
  let karim: ApiClient;
  let admin: ApiClient;
  let aminaId: string;
  beforeAll(async () => {
    server = await startTestServer();
    const sante = await organisation(server.database.db, 'sante');
    aminaId = (await user(server.database.db, sante.id, 'amina@sante.gov.ma')).id;
    await user(server.database.db, sante.id, 'karim@sante.gov.ma');
    await user(server.database.db, sante.id, 'chef@sante.gov.ma', 'admin');
    amina = await signIn(server.url, 'amina@sante.gov.ma');
    karim = await signIn(server.url, 'karim@sante.gov.ma');
    admin = await signIn(server.url, 'chef@sante.gov.ma');
  });
  afterAll(() => server?.close());

  it('is empty until set, then reads back what was stored, from another sign-in too', async () => {
    const before = await amina.get(PATH);
    expect(before.status).toBe(200);
    expect(before.body.preference).toEqual({ key: 'measures.grid', value: null, updatedAt: null });
    const put = await amina.put(PATH, { value: layout });
    expect(put.status).toBe(200);
    expect(put.body.preference).toMatchObject({ key: 'measures.grid', value: layout, updatedAt: expect.any(String) });
    // Another browser: a new session of the same person.
    const elsewhere = await signIn(server.url, 'amina@sante.gov.ma');
    expect((await elsewhere.get(PATH)).body.preference.value).toEqual(layout);
    expect((await amina.get(`/api/users/${aminaId}/preferences/measures.grid`)).body.preference.value).toEqual(layout);
  });

  it('keeps each person’s apart', async () => {
    expect((await karim.get(PATH)).body.preference.value).toBeNull();
    await karim.put(PATH, { value: { columns: { lead: { hidden: true } } } });
    expect((await amina.get(PATH)).body.preference.value).toEqual(layout);
  });

  it('answers "not found" to anyone else, administrators included, and audits the attempt', async () => {
    const path = `/api/users/${aminaId}/preferences/measures.grid`;
    for (const other of [karim, admin]) {
      expect((await other.get(path)).status).toBe(404);
      expect((await other.put(path, { value: { columns: {} } })).status).toBe(404);
      expect((await other.delete(path)).status).toBe(404);
    }
    expect((await amina.get(PATH)).body.preference.value).toEqual(layout);
    const refusals = (await auditEntries(server.database.db, 'access.denied')).filter((entry) => entry.object_type === 'user_preference');
    expect(refusals).toHaveLength(6);
    expect(refusals.every((entry) => entry.object_id === aminaId)).toBe(true);
  });

  it('refuses malformed values with a clear error and keeps what was stored', async () => {
    const bad: unknown[] = [
      undefined,
      null,
      'wide',
      { columns: { lead: { width: 10 } } },
      { columns: { lead: { width: 5000 } } },
      { columns: { lead: { width: 120.5 } } },
      { columns: { lead: { hidden: 'yes' } } },
      { columns: { 'Bad id!': { width: 200 } } },
      { columns: { lead: { width: 200, colour: 'red' } } },
      { columns: {}, extra: true },
      { columns: Object.fromEntries(Array.from({ length: 41 }, (_, i) => [`c${i}`, { width: 100 }])) },
    ];
    for (const value of bad) {
      const response = await amina.put(PATH, value === undefined ? {} : { value });
      expect(response.status, JSON.stringify(value)).toBe(400);
      expect(response.body.error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
    }
    expect((await amina.put(PATH, 'not json', { headers: { 'content-type': 'application/json' } })).status).toBe(400);
    expect((await amina.put('/api/users/me/preferences/unknown.key', { value: {} })).status).toBe(400);
    expect((await amina.get('/api/users/not-a-uuid/preferences/measures.grid')).status).toBe(400);
    const huge = { columns: { lead: { width: 200 } }, padding: 'x'.repeat(2_000_000) };
    expect([400, 413]).toContain((await amina.put(PATH, { value: huge })).status);
    expect((await amina.get(PATH)).body.preference.value).toEqual(layout);
  });

  it('needs a signed-in person, and the CSRF token for a cookie write', async () => {
    const anonymous = new ApiClient(server.url);
    expect((await anonymous.get(PATH)).status).toBe(401);
    expect((await anonymous.put(PATH, { value: layout })).status).toBe(401);
    expect((await amina.put(PATH, { value: { columns: {} } }, { withoutCsrf: true })).status).toBe(403);
    expect((await amina.get(PATH)).body.preference.value).toEqual(layout);
  });

  it('takes concurrent writes from several browsers: one row, holding one of the values whole', async () => {
    const values = Array.from({ length: 12 }, (_, i) => ({ columns: { lead: { width: 100 + i * 10 }, notes: { hidden: i % 2 === 0 } } }));
    const responses = await Promise.all(values.map((value) => amina.put(PATH, { value })));
    expect(responses.map((r) => r.status)).toEqual(values.map(() => 200));
    const rows = await server.database.db.selectFrom('user_preferences').selectAll().where('user_id', '=', aminaId).execute();
    expect(rows).toHaveLength(1);
    expect(values).toContainEqual((await amina.get(PATH)).body.preference.value);
  });

  it('forgets a preference when asked (back to the defaults)', async () => {
    expect((await amina.delete(PATH)).status).toBe(204);
    expect((await amina.get(PATH)).body.preference.value).toBeNull();
    expect((await amina.delete(PATH)).status).toBe(204);
  });

  it('works with an API token too', async () => {
    const created = await amina.post('/api/tokens', { name: 'script', password: PASSWORD });
    const bearer = ApiClient.withToken(server.url, created.body.secret);
    expect((await bearer.put(PATH, { value: layout })).status).toBe(200);
    expect((await amina.get(PATH)).body.preference.value).toEqual(layout);
  });
});
