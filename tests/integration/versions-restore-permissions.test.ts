import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries, countRows } from '../helpers/actors.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { createSessionWorld, type Person, type SessionWorld } from '../helpers/session-world.ts';
import { loadStoredDocument } from '../helpers/stored-document.ts';

/**
 * Who may restore: edit access only. Readers and commenters are refused (403), those who cannot
 * see the document are told it does not exist (404), archived documents are refused (409); no
 * refusal writes a version or changes the content.
 */
describe('restore permissions', () => {
  let server: TestServer;
  let world: SessionWorld;
  const versions = {} as Record<'sante' | 'emploi' | 'oim', string>;

  beforeAll(async () => {
    server = await startTestServer();
    world = await createSessionWorld(server.database.db, server.url);
    versions.sante = (await world.clients.chair.post(`/api/documents/${world.docs.planSante.id}/versions`, { name: 'Santé v1' })).body.version.id;
    versions.emploi = (await world.clients.chair.post(`/api/documents/${world.docs.planEmploi.id}/versions`, { name: 'Emploi v1' })).body.version.id;
    versions.oim = (await world.clients.chair.post(`/api/documents/${world.docs.noteOim.id}/versions`, { name: 'OIM v1' })).body.version.id;
  });
  afterAll(() => server?.close());

  const restore = (person: Person, documentId: string, versionId: string, body?: unknown) =>
    world.clients[person].post(`/api/documents/${documentId}/versions/${versionId}/restore`, body);

  /** Runs a refused request and checks that nothing was written or changed. */
  async function expectRefused(request: () => Promise<{ status: number; body: any }>, status: number, code: string) {
    const versionCount = await countRows(server.database.db, 'document_versions');
    const bodies = await Promise.all(Object.values(world.docs).map(async (doc) => (await loadStoredDocument(server.database.db, doc.id)).getXmlFragment('body').toString()));
    const response = await request();
    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe(code);
    expect(await countRows(server.database.db, 'document_versions')).toBe(versionCount);
    const after = await Promise.all(Object.values(world.docs).map(async (doc) => (await loadStoredDocument(server.database.db, doc.id)).getXmlFragment('body').toString()));
    expect(after).toEqual(bodies);
  }

  it.each([
    ['a reader (view)', 'emploi', 'planSante', 'sante', 403, 'forbidden'],
    ['a commenter (comment)', 'sante', 'planEmploi', 'emploi', 403, 'forbidden'],
    ['an outsider', 'outsider', 'planSante', 'sante', 404, 'not_found'],
    ['a non-member presenter on a document it cannot see', 'oim', 'planSante', 'sante', 404, 'not_found'],
  ] as const)('refuses %s', async (_label, person, doc, version, status, code) => {
    await expectRefused(() => restore(person, world.docs[doc].id, versions[version]), status, code);
  });

  it('audits the refusals of those who can see the document', async () => {
    const denied = (await auditEntries(server.database.db, 'access.denied')).filter((entry) => (entry.details as any).need === 'edit');
    expect(denied.map((entry) => entry.actor_user_id)).toEqual(expect.arrayContaining([world.users.emploi.id, world.users.sante.id]));
  });

  it('does not restore a version through another document, or an unknown one', async () => {
    await expectRefused(() => restore('chair', world.docs.planEmploi.id, versions.sante), 404, 'not_found');
    await expectRefused(() => restore('sante', world.docs.planSante.id, versions.oim), 404, 'not_found');
    await expectRefused(() => restore('chair', world.docs.planSante.id, '00000000-0000-4000-8000-000000000000'), 404, 'not_found');
  });

  it('refuses malformed requests', async () => {
    await expectRefused(() => restore('chair', world.docs.planSante.id, 'v1'), 400, 'validation_failed');
    await expectRefused(() => restore('chair', world.docs.planSante.id, versions.sante, { state: 'AAAA' }), 400, 'validation_failed');
  });

  it('refuses to restore an archived document, for admins and its lead alike', async () => {
    expect((await world.clients.chair.post(`/api/documents/${world.docs.planEmploi.id}/archive`)).status).toBe(200);
    await expectRefused(() => restore('chair', world.docs.planEmploi.id, versions.emploi), 409, 'archived');
    await expectRefused(() => restore('emploi', world.docs.planEmploi.id, versions.emploi), 409, 'archived');
    expect((await world.clients.chair.post(`/api/documents/${world.docs.planEmploi.id}/restore`)).status).toBe(200);
    expect((await restore('emploi', world.docs.planEmploi.id, versions.emploi)).status).toBe(200);
  });

  it('lets the lead organisation and the coordination unit restore', async () => {
    expect((await restore('sante', world.docs.planSante.id, versions.sante)).status).toBe(200);
    expect((await restore('chair', world.docs.noteOim.id, versions.oim)).status).toBe(200);
    expect((await restore('oim', world.docs.noteOim.id, versions.oim)).status).toBe(200);
    expect(await auditEntries(server.database.db, 'document.version_restored')).toHaveLength(4);
  });
});
