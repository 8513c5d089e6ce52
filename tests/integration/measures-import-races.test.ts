import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMeasures } from '../../shared/doc-schema.ts';
import { signIn } from '../helpers/actors.ts';
import { upload } from '../helpers/files.ts';
import * as fixtures from '../helpers/fixtures.ts';
import type { ApiClient } from '../helpers/http.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { loadStoredDocument } from '../helpers/stored-document.ts';

const csv = (lines: string[]) => ({ name: 'mesures.csv', data: Buffer.from(lines.join('\n'), 'utf8') });

/** The same spreadsheet imported several times at once (a double click on "Import"): each measure once. */
describe('a measures import sent twice at once', () => {
  let server: TestServer;
  let api: ApiClient;

  beforeAll(async () => {
    server = await startTestServer();
    const sante = await fixtures.organisation(server.database.db, 'sante');
    await fixtures.user(server.database.db, sante.id, 'a@sante.ma');
    api = await signIn(server.url, 'a@sante.ma');
  });
  afterAll(() => server?.close());

  const storedTitles = async (documentId: string) => {
    await server.hub.store.flush();
    return readMeasures(await loadStoredDocument(server.database.db, documentId)).map((measure) => measure.title);
  };

  it('matches the rows by title (no id column) against the plan as it is when the change is made', async () => {
    const file = csv(['Mesure;Responsable;Échéance;Statut', 'Guichet santé;sante;31/12/2026;en cours', 'Caravane médicale;sante;30/06/2027;prévue']);
    for (let round = 0; round < 3; round++) {
      const created = await api.post('/api/documents', { kind: 'action_plan', title: `Plan santé ${round}`, partnerOrganisationIds: [] });
      const documentId: string = created.body.document.id;
      const answers = await Promise.all(Array.from({ length: 4 }, () => upload(api, `/api/documents/${documentId}/measures/import`, file)));
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
      expect(answers.map((answer) => answer.body.created + answer.body.updated)).toEqual([2, 2, 2, 2]);
      expect(
        answers.reduce((sum, answer) => sum + answer.body.created, 0),
        `round ${round}`,
      ).toBe(2);
      expect(await storedTitles(documentId)).toEqual(['Guichet santé', 'Caravane médicale']);
    }
  });
});
