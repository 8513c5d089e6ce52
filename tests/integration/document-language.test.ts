import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyText, metaOf } from '../../shared/doc-schema.ts';
import { createAccessWorld, type AccessWorld } from '../helpers/access-world.ts';
import { startTestServerWith, type TestServer } from '../helpers/server.ts';
import { loadStoredDocument } from '../helpers/stored-document.ts';

/** Issue 16: a document has a language chosen at creation, defaulting to the creator's interface language. */
describe('a document’s language', () => {
  let server: TestServer;
  let world: AccessWorld;
  beforeAll(async () => {
    ({ server, world } = await startTestServerWith(createAccessWorld));
  });
  afterAll(() => server?.close());

  const create = (body: Record<string, unknown>) => world.clients.lead.post('/api/documents', { kind: 'study', title: 'Étude', ...body });

  it('writes the template in the language asked for', async () => {
    for (const [language, heading] of [
      ['ar', 'المنهجية'],
      ['en', 'Methodology'],
      ['fr', 'Méthodologie'],
    ] as const) {
      const response = await create({ language });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      expect(response.body.document.language).toBe(language);
      const doc = await loadStoredDocument(server.database.db, response.body.document.id);
      expect(bodyText(doc)).toContain(heading);
      expect(metaOf(doc).get('language')).toBe(language);
      doc.destroy();
    }
  });

  it('defaults to the creator’s interface language', async () => {
    await server.database.db.updateTable('users').set({ locale: 'ar' }).where('id', '=', world.userIds.lead).execute();
    const response = await create({});
    expect(response.body.document.language).toBe('ar');
    const doc = await loadStoredDocument(server.database.db, response.body.document.id);
    expect(bodyText(doc)).toContain('الإشكالية');
    expect(bodyText(doc)).not.toContain('Problématique');
    doc.destroy();
    const listed = await world.clients.lead.get('/api/documents?kind=study');
    expect(listed.body.documents.find((document: any) => document.id === response.body.document.id).language).toBe('ar');
  });

  it('refuses a language it does not know, creating nothing', async () => {
    const before = await world.clients.admin.get('/api/documents?kind=study');
    for (const language of ['de', '', 'AR', 42]) {
      const response = await create({ language });
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('validation_failed');
    }
    expect((await world.clients.admin.get('/api/documents?kind=study')).body.documents.length).toBe(before.body.documents.length);
  });
});
