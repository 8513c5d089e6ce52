import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries, countRows, signIn } from '../helpers/actors.ts';
import { organisation, user } from '../helpers/fixtures.ts';
import type { ApiClient } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const ORG = {
  code: 'oim',
  kind: 'international_org',
  nameFr: 'Organisation internationale pour les migrations',
  nameAr: 'المنظمة الدولية للهجرة',
  nameEn: 'International Organization for Migration',
};

describe('organisations and users', () => {
  let server: TestServer;
  let admin: ApiClient;
  let member: ApiClient;
  let santeId: string;
  let memberId: string;
  beforeAll(async () => {
    server = await startTestServer();
    const db = server.database.db;
    const mre = await organisation(db, 'mre', 'ministry');
    santeId = (await organisation(db, 'sante')).id;
    await user(db, mre.id, 'admin@mre.gov.ma', 'admin');
    memberId = (await user(db, santeId, 'amina@sante.gov.ma')).id;
    admin = await signIn(server.url, 'admin@mre.gov.ma');
    member = await signIn(server.url, 'amina@sante.gov.ma');
  });
  afterAll(() => server?.close());

  it('lets an administrator create an organisation, with its names in three languages', async () => {
    const response = await admin.post('/api/organisations', ORG);
    expect(response.status).toBe(201);
    expect(response.body.organisation).toMatchObject({ code: 'oim', kind: 'international_org', names: { fr: ORG.nameFr, ar: ORG.nameAr, en: ORG.nameEn } });
    expect(await auditEntries(server.database.db, 'organisation.created')).toHaveLength(1);
  });

  it('refuses a code already taken (409), whatever its case, and a malformed code (400)', async () => {
    expect((await admin.post('/api/organisations', { ...ORG, code: 'OIM' })).status).toBe(409);
    expect((await admin.post('/api/organisations', { ...ORG, code: 'o i m' })).status).toBe(400);
    expect((await admin.post('/api/organisations', { ...ORG, code: 'x'.repeat(33) })).status).toBe(400);
    const other = await admin.post('/api/organisations', { ...ORG, code: 'hcr' });
    expect((await admin.patch(`/api/organisations/${other.body.organisation.id}`, { code: 'oim' })).status).toBe(409);
  });

  it('refuses unknown fields when updating an organisation', async () => {
    const response = await admin.patch(`/api/organisations/${santeId}`, { nameFr: 'Santé', budget: 12 });
    expect(response.status).toBe(400);
  });

  it('lets members list and read organisations but not create or change them (403)', async () => {
    const listed = await member.get('/api/organisations');
    expect(listed.status).toBe(200);
    expect(listed.body.organisations.map((o: { code: string }) => o.code)).toEqual(expect.arrayContaining(['mre', 'sante', 'oim']));
    expect((await member.get('/api/organisations?kind=ministry')).body.organisations.map((o: { code: string }) => o.code)).toEqual(['mre']);
    const before = await countRows(server.database.db, 'organisations');
    expect((await member.post('/api/organisations', { ...ORG, code: 'ue' })).status).toBe(403);
    expect((await member.patch(`/api/organisations/${santeId}`, { nameFr: 'Changé' })).status).toBe(403);
    expect(await countRows(server.database.db, 'organisations')).toBe(before);
  });

  it('lets an administrator create a user who can then sign in', async () => {
    const response = await admin.post('/api/users', { email: 'Karim@Sante.gov.ma', name: 'Karim', organisationId: santeId, password: 'a-long-enough-password' });
    expect(response.status).toBe(201);
    expect(response.body.user).toMatchObject({ email: 'karim@sante.gov.ma', role: 'member', locale: 'fr', invited: false, disabled: false });
    await signIn(server.url, 'karim@sante.gov.ma', 'a-long-enough-password');
  });

  it('creates an invited user (no password) who cannot sign in yet', async () => {
    const response = await admin.post('/api/users', { email: 'leila@sante.gov.ma', name: 'Leila', organisationId: santeId });
    expect(response.body.user).toMatchObject({ invited: true });
  });

  it('refuses a second user with the same e-mail in another case (409), and an unknown organisation (400)', async () => {
    expect((await admin.post('/api/users', { email: 'AMINA@sante.gov.ma', name: 'Amina 2', organisationId: santeId })).status).toBe(409);
    const unknown = await admin.post('/api/users', { email: 'x@sante.gov.ma', name: 'X', organisationId: '6f1c2a4e-8b7d-4c3a-9e2f-1a2b3c4d5e6f' });
    expect(unknown.status).toBe(400);
    expect(await server.database.db.selectFrom('users').select('id').where('email', '=', 'x@sante.gov.ma').execute()).toEqual([]);
  });

  it('does not let members create users (403)', async () => {
    expect((await member.post('/api/users', { email: 'y@sante.gov.ma', name: 'Y', organisationId: santeId })).status).toBe(403);
  });

  it('shows e-mail addresses only to administrators and to the person themselves', async () => {
    const asMember = (await member.get('/api/users')).body.users as Array<{ id: string; email?: string }>;
    expect(asMember.find((u) => u.id === memberId)?.email).toBe('amina@sante.gov.ma');
    expect(asMember.filter((u) => u.id !== memberId).every((u) => u.email === undefined)).toBe(true);
    const asAdmin = (await admin.get('/api/users')).body.users as Array<{ email?: string }>;
    expect(asAdmin.every((u) => typeof u.email === 'string')).toBe(true);
    expect(JSON.stringify(asAdmin)).not.toMatch(/password|\$argon2/);
  });

  it('lets people change their own name and locale, but not their role or organisation', async () => {
    const changed = await member.patch(`/api/users/${memberId}`, { name: 'Amina B.', locale: 'ar' });
    expect(changed.status).toBe(200);
    expect(changed.body.user).toMatchObject({ name: 'Amina B.', locale: 'ar' });
    expect((await member.patch(`/api/users/${memberId}`, { organisationId: santeId })).status).toBe(400);
  });
});
