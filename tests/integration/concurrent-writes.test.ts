import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries, signIn } from '../helpers/actors.ts';
import { document, organisation, user } from '../helpers/fixtures.ts';
import type { ApiClient, ApiResponse } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const TIMES = 6;
const statuses = (responses: ApiResponse[]) => responses.map((r) => r.status).sort();

/** The same request sent several times at once (a double click, a retrying client): one wins, none fails with 500. */
describe('concurrent identical writes', () => {
  let server: TestServer;
  let admin: ApiClient;
  let santeId: string;
  beforeAll(async () => {
    server = await startTestServer();
    const db = server.database.db;
    const mre = await organisation(db, 'mre', 'ministry');
    santeId = (await organisation(db, 'sante')).id;
    await user(db, mre.id, 'admin@mre.gov.ma', 'admin');
    admin = await signIn(server.url, 'admin@mre.gov.ma');
  });
  afterAll(() => server?.close());

  const all = (send: () => Promise<ApiResponse>) => Promise.all(Array.from({ length: TIMES }, send));

  it('grants access once: one 201, the others 200, a single row and a single audit entry', async () => {
    const doc = await document(server.database.db, santeId, 'Plan santé');
    const oim = await organisation(server.database.db, 'oim', 'international_org');
    const responses = await all(() => admin.put(`/api/documents/${doc.id}/access`, { organisationId: oim.id, level: 'view' }));
    expect(statuses(responses)).toEqual([200, 200, 200, 200, 200, 201]);
    const rows = await server.database.db.selectFrom('document_access').select('id').where('document_id', '=', doc.id).execute();
    expect(rows).toHaveLength(1);
    expect((await auditEntries(server.database.db, 'document.access_granted')).filter((e) => e.object_id === doc.id)).toHaveLength(1);
  });

  it('changes status once: one 200, the others 409', async () => {
    const doc = await document(server.database.db, santeId, 'Plan à relire');
    const responses = await all(() => admin.post(`/api/documents/${doc.id}/transitions`, { to: 'in_review' }));
    expect(statuses(responses)).toEqual([200, ...Array(TIMES - 1).fill(409)]);
    expect((await auditEntries(server.database.db, 'document.status_changed')).filter((e) => e.object_id === doc.id)).toHaveLength(1);
  });

  it('creates a user once: one 201, the others 409', async () => {
    const responses = await all(() => admin.post('/api/users', { email: 'karim@sante.gov.ma', name: 'Karim', organisationId: santeId }));
    expect(statuses(responses)).toEqual([201, ...Array(TIMES - 1).fill(409)]);
    for (const response of responses.filter((r) => r.status === 409)) expect(response.body.error.code).toBe('conflict');
  });

  it('creates an organisation once: one 201, the others 409', async () => {
    const body = { code: 'emploi', kind: 'ministry', nameFr: 'Emploi', nameAr: 'التشغيل', nameEn: 'Employment' };
    const responses = await all(() => admin.post('/api/organisations', body));
    expect(statuses(responses)).toEqual([201, ...Array(TIMES - 1).fill(409)]);
  });

  it('keeps an administrator when two demote (or disable) each other at once', async () => {
    const db = server.database.db;
    const mre = await db.selectFrom('organisations').select('id').where('code', '=', 'mre').executeTakeFirstOrThrow();
    for (const [round, change] of [
      [1, { role: 'member' }],
      [2, { disabled: true }],
    ] as const) {
      const first = await user(db, mre.id, `first${round}@mre.gov.ma`, 'admin');
      const second = await user(db, mre.id, `second${round}@mre.gov.ma`, 'admin');
      const [firstClient, secondClient] = await Promise.all([signIn(server.url, first.email), signIn(server.url, second.email)]);
      const responses = await Promise.all(
        Array.from({ length: TIMES / 2 }, () => [firstClient.patch(`/api/users/${second.id}`, change), secondClient.patch(`/api/users/${first.id}`, change)]).flat(),
      );
      const rows = await db.selectFrom('users').select(['id', 'role', 'disabled_at']).where('id', 'in', [first.id, second.id]).execute();
      const stillAdmins = rows.filter((row) => row.role === 'admin' && row.disabled_at === null);
      // Whoever lost their rights first acts no more as an administrator: one of the two stays one.
      expect(stillAdmins).toHaveLength(1);
      expect(
        responses.every((r) => r.status === 200 || r.status === 403),
        JSON.stringify(responses.map((r) => r.status)),
      ).toBe(true);
    }
  });

  it('archives once, and changes no status once archived, when both are asked at once', async () => {
    const db = server.database.db;
    for (let round = 0; round < 3; round++) {
      const doc = await document(db, santeId, `Plan archivé ${round}`);
      const responses = await Promise.all([
        ...Array.from({ length: TIMES / 2 }, () => admin.post(`/api/documents/${doc.id}/archive`)),
        ...Array.from({ length: TIMES / 2 }, () => admin.post(`/api/documents/${doc.id}/transitions`, { to: 'in_review' })),
      ]);
      for (const response of responses) expect([200, 409], JSON.stringify(response.body)).toContain(response.status);
      const entries = await db
        .selectFrom('audit_log')
        .select('action')
        .where('object_id', '=', doc.id)
        .where('action', 'in', ['document.archived', 'document.status_changed'])
        .orderBy('id')
        .execute();
      // Audit entries are numbered as they are written: a status change comes before the archiving, or not at all.
      expect(entries.map((entry) => entry.action).filter((action) => action === 'document.archived')).toHaveLength(1);
      expect(entries.at(-1)!.action).toBe('document.archived');
    }
  });

  it('disables a user once: one audit entry of the disabling, every request answered 200', async () => {
    const db = server.database.db;
    const target = await user(db, santeId, 'deux-fois@sante.gov.ma');
    const responses = await all(() => admin.patch(`/api/users/${target.id}`, { disabled: true }));
    expect(statuses(responses)).toEqual(Array(TIMES).fill(200));
    expect((await auditEntries(db, 'user.disabled')).filter((entry) => entry.object_id === target.id)).toHaveLength(1);
  });
});
