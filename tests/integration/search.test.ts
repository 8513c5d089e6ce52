import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../helpers/actors.ts';
import { document, organisation, user } from '../helpers/fixtures.ts';
import type { ApiClient } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

describe('full-text search over titles and bodies, in French, Arabic and English', () => {
  let server: TestServer;
  let api: ApiClient;
  const ids = {} as Record<'educationTitle' | 'educationBody' | 'arabicBody' | 'arabicTitle' | 'english' | 'unrelated', string>;
  beforeAll(async () => {
    server = await startTestServer();
    const db = server.database.db;
    const mre = await organisation(db, 'mre', 'ministry');
    await user(db, mre.id, 'admin@mre.gov.ma', 'admin');
    api = await signIn(server.url, 'admin@mre.gov.ma');
    // body_text is written by the projection of the live document; tests write it directly
    const docs: Record<keyof typeof ids, [title: string, body: string]> = {
      educationTitle: ['Mesures éducatives pour les enfants des MRE', ''],
      educationBody: ['Plan sectoriel', "Renforcer l'éducation et l'enseignement de la langue arabe."],
      arabicBody: ['Programme de soutien', 'برنامج دعم المغاربة المقيمين بالخارج في مجال الصحة'],
      arabicTitle: ['خطة عمل لفائدة المقيمين بالخارج', ''],
      english: ['Cooperation proposal', 'Health measures for migrant workers and their families.'],
      unrelated: ['Note sur le budget', 'Ligne budgétaire et dépenses de fonctionnement.'],
    };
    for (const [key, [title, body]] of Object.entries(docs)) {
      const row = await document(db, mre.id, title, 'note');
      await db.updateTable('documents').set({ body_text: body }).where('id', '=', row.id).execute();
      ids[key as keyof typeof ids] = row.id;
    }
  });
  afterAll(() => server?.close());

  async function search(q: string): Promise<string[]> {
    const response = await api.get(`/api/documents?q=${encodeURIComponent(q)}`);
    expect(response.status).toBe(200);
    expect(response.body.total).toBe(response.body.documents.length);
    return response.body.documents.map((d: { id: string }) => d.id);
  }

  it('finds "mesures éducatives" by another form of the same French stem', async () => {
    expect(await search('mesure')).toContain(ids.educationTitle);
    expect(await search('éducation')).toEqual(expect.arrayContaining([ids.educationTitle, ids.educationBody]));
    expect(await search('Éducatif')).toContain(ids.educationTitle);
  });

  it('finds Arabic words by stem: المقيمين by مقيم, in the body and in the title', async () => {
    const found = await search('مقيم');
    expect(found).toEqual(expect.arrayContaining([ids.arabicBody, ids.arabicTitle]));
    expect(found).not.toContain(ids.educationTitle);
    expect(await search('المقيمين')).toEqual(expect.arrayContaining([ids.arabicBody, ids.arabicTitle]));
    expect(await search('الصحة')).toEqual([ids.arabicBody]);
  });

  it('finds English words by stem', async () => {
    expect(await search('measure')).toContain(ids.english);
    expect(await search('worker')).toEqual([ids.english]);
  });

  it('requires every word of the query', async () => {
    expect(await search('mesure éducation')).toEqual([ids.educationTitle]);
    expect(await search('éducation budget')).toEqual([]);
  });

  it('ranks a match in the title above a match in the body', async () => {
    const found = await search('éducation');
    expect(found.indexOf(ids.educationTitle)).toBeLessThan(found.indexOf(ids.educationBody));
  });

  it('finds nothing for words that appear nowhere, and everything for an empty query', async () => {
    expect(await search('aéroport')).toEqual([]);
    expect(await search('   ')).toHaveLength(Object.keys(ids).length);
  });

  it('supports the web search syntax: quoted phrases and exclusions', async () => {
    expect(await search('"langue arabe"')).toEqual([ids.educationBody]);
    expect(await search('éducation -langue')).toEqual([ids.educationTitle]);
  });
});
