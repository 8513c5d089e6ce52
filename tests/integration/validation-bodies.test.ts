import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, signIn } from '../helpers/actors.ts';
import { organisation, user, PASSWORD } from '../helpers/fixtures.ts';
import type { ApiClient, ApiResponse } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

function expectError(response: ApiResponse, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.body).toEqual({ error: { code, message: expect.any(String), ...(response.body?.error?.details ? { details: expect.any(Array) } : {}) } });
  expect(response.body.error.message.length).toBeGreaterThan(0);
}

describe('request bodies the API refuses', () => {
  let server: TestServer;
  let api: ApiClient;
  let sante: string;
  beforeAll(async () => {
    server = await startTestServer();
    sante = (await organisation(server.database.db, 'sante')).id;
    await user(server.database.db, sante, 'amina@sante.gov.ma');
    api = await signIn(server.url, 'amina@sante.gov.ma');
  });
  afterAll(() => server?.close());

  /** after every refusal: nothing was written and the server still answers normal requests */
  async function expectNothingWrittenAndStillServing(documentsBefore: number) {
    expect(await countRows(server.database.db, 'documents')).toBe(documentsBefore);
    expect((await api.get('/healthz')).status).toBe(200);
    expect((await api.get('/api/documents')).status).toBe(200);
  }

  it.each([
    ['an unfinished object', '{"kind": "note", "title": '],
    ['single quotes', "{'kind': 'note'}"],
    ['a trailing comma', '{"kind": "note", "title": "x",}'],
    ['plain text', 'hello'],
  ])('refuses malformed JSON (%s) with 400 malformed_json', async (_label, raw) => {
    const before = await countRows(server.database.db, 'documents');
    expectError(await api.post('/api/documents', raw), 400, 'malformed_json');
    await expectNothingWrittenAndStillServing(before);
  });

  it.each([
    ['a number for the title', { kind: 'note', title: 42 }, 'title'],
    ['an unknown kind', { kind: 'memo', title: 'x' }, 'kind'],
    ['a list of numbers for partners', { kind: 'note', title: 'x', partnerOrganisationIds: [1, 2] }, 'partnerOrganisationIds.0'],
    ['a non-uuid lead', { kind: 'note', title: 'x', leadOrganisationId: 'sante' }, 'leadOrganisationId'],
    ['an object for the title', { kind: 'note', title: { $ne: null } }, 'title'],
  ])('refuses wrong types (%s) with 400 validation_failed naming the field', async (_label, body, path) => {
    const before = await countRows(server.database.db, 'documents');
    const response = await api.post('/api/documents', body);
    expectError(response, 400, 'validation_failed');
    expect(response.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    await expectNothingWrittenAndStillServing(before);
  });

  it.each([
    ['an unknown field', { kind: 'note', title: 'x', owner: 'me' }],
    ['a status set at creation', { kind: 'note', title: 'x', status: 'adopted' }],
    ['a prototype key', JSON.parse('{"kind": "note", "title": "x", "__proto__": {"role": "admin"}}')],
  ])('refuses %s (strict schemas)', async (_label, body) => {
    const before = await countRows(server.database.db, 'documents');
    expectError(await api.post('/api/documents', typeof body === 'string' ? body : JSON.stringify(body)), 400, 'validation_failed');
    await expectNothingWrittenAndStillServing(before);
  });

  it('refuses unknown fields on updates too, e.g. a member trying to make themselves admin', async () => {
    const me = await api.get('/api/auth/me');
    expectError(await api.patch(`/api/users/${me.body.user.id}`, { role: 'admin' }), 400, 'validation_failed');
    expect((await api.get('/api/auth/me')).body.user.role).toBe('member');
  });

  it.each([
    ['no body at all', undefined],
    ['an empty object', {}],
    ['JSON null', 'null'],
    ['an array', '[]'],
    ['no title', { kind: 'note' }],
    ['a blank title', { kind: 'note', title: '   ' }],
    ['a proposal without framework', { kind: 'cooperation_proposal', title: 'x' }],
  ])('refuses missing fields (%s) with 400', async (_label, body) => {
    const before = await countRows(server.database.db, 'documents');
    expectError(await api.post('/api/documents', body), 400, 'validation_failed');
    await expectNothingWrittenAndStillServing(before);
  });

  it('refuses a body over 256 KiB with 413, declared or not', async () => {
    const before = await countRows(server.database.db, 'documents');
    const big = JSON.stringify({ kind: 'note', title: 'x'.repeat(257 * 1024) });
    expectError(await api.post('/api/documents', big), 413, 'payload_too_large');
    // the same without Content-Length: a chunked stream is cut off once it passes the limit
    const chunked = await fetch(`${server.url}/api/documents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: api.cookie!, 'x-csrf-token': api.csrfToken! },
      body: new Blob([big]).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect((await chunked.json()).error.code).toBe('payload_too_large');
    await expectNothingWrittenAndStillServing(before);
  });

  it('accepts a body just under the limit', async () => {
    const padded = `{"kind": "note", "title": "Près de la limite"}${' '.repeat(255 * 1024)}`;
    expect((await api.post('/api/documents', padded)).status).toBe(201);
  });

  it.each([
    ['NUL', 'Plan\u0000santé'],
    ['BEL', 'Plan\u0007'],
    ['escape', '\u001b[31mrouge'],
    ['DEL', 'Plan\u007f'],
  ])('refuses control characters (%s) in text', async (_label, title) => {
    const before = await countRows(server.database.db, 'documents');
    expectError(await api.post('/api/documents', { kind: 'note', title }), 400, 'validation_failed');
    expectError(await api.post('/api/tokens', { name: title, password: PASSWORD }), 400, 'validation_failed');
    await expectNothingWrittenAndStillServing(before);
  });

  it('keeps newlines and tabs, and Arabic and French text, as written', async () => {
    const title = 'Plan d’action\tخطة عمل\nété';
    const response = await api.post('/api/documents', { kind: 'note', title });
    expect(response.status).toBe(201);
    expect(response.body.document.title).toBe(title);
  });

  it('writes nothing when one part of a valid-looking request is wrong (unknown partner)', async () => {
    const before = { documents: await countRows(server.database.db, 'documents'), partners: await countRows(server.database.db, 'document_partners') };
    const response = await api.post('/api/documents', {
      kind: 'action_plan',
      title: 'Plan avec un partenaire inconnu',
      partnerOrganisationIds: ['6f1c2a4e-8b7d-4c3a-9e2f-1a2b3c4d5e6f'],
    });
    expectError(response, 400, 'validation_failed');
    expect({ documents: await countRows(server.database.db, 'documents'), partners: await countRows(server.database.db, 'document_partners') }).toEqual(before);
  });

  it('refuses control characters in sign-in fields without failing (no 500)', async () => {
    const response = await api.request('POST', '/api/auth/login', { email: 'amina\u0000@sante.gov.ma', password: 'x' }, { withoutCsrf: true });
    expectError(response, 400, 'validation_failed');
    expect((await api.get('/api/auth/me')).status).toBe(200);
  });
});
