import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { appendBlocks, bodyOf } from '../../shared/doc-schema.ts';
import { documentPeers } from '../helpers/document-peers.ts';
import { regrant } from '../helpers/fixtures.ts';
import { startTestServerWith, type TestServer } from '../helpers/server.ts';
import { createSessionWorld, type SessionWorld } from '../helpers/session-world.ts';

/** Each insertion in a version diff names who typed it, as the server saw it; a borrowed client id names nobody. */
describe('authors in a version diff', () => {
  let server: TestServer;
  let world: SessionWorld;
  let documentId: string;
  const { connect, inSync, destroyAll } = documentPeers(() => ({ server, documentId }));

  beforeAll(async () => {
    ({ server, world } = await startTestServerWith(createSessionWorld));
    documentId = world.docs.planEmploi.id;
    // Santé may comment on the employment plan; here it co-writes it.
    await regrant(server.database.db, documentId, world.org.sante.id, 'edit');
  });
  afterAll(async () => {
    destroyAll();
    await server?.close();
  });

  const firstText = (doc: Y.Doc) =>
    (
      bodyOf(doc)
        .toArray()
        .find((node) => node instanceof Y.XmlElement && node.toString().includes('Reconnaissance')) as Y.XmlElement
    ).get(0) as Y.XmlText;
  const diffSince = async (versionId: string) => {
    const response = await world.clients.emploi.get(`/api/documents/${documentId}/versions/${versionId}/diff?against=current`);
    expect(response.status).toBe(200);
    return response.body.diff;
  };
  const userOf = (diff: any, client: number) => diff.writers.find((writer: any) => writer.client === client)?.userId;

  it('names the user behind each insertion, and a forger gets no one’s name', async () => {
    const emploi = await connect(world.tokens.emploi);
    const sante = await connect(world.tokens.sante);
    const version = (await world.clients.emploi.post(`/api/documents/${documentId}/versions`, { name: 'Avant' })).body.version.id;

    firstText(sante.doc).insert('Reconnaissance'.length, ' rapide');
    await inSync(sante);
    await inSync(emploi);
    appendBlocks(emploi.doc, [{ type: 'paragraph', text: 'Ajouté par emploi.' }]);
    await inSync(emploi);

    const diff = await diffSince(version);
    const change = diff.blocks.find((block: any) => block.op === 'change');
    const insertedWord = change.words.find((word: any) => word.op === 'insert');
    expect(insertedWord.text).toContain('rapide');
    expect(insertedWord.by.map(([, client]: [number, number]) => userOf(diff, client))).toContain(world.users.sante.id);
    expect(insertedWord.by.find(([, client]: [number, number]) => client === sante.doc.clientID)).toBeTruthy();
    const added = diff.blocks.find((block: any) => block.op === 'insert');
    expect(added.block.text).toBe('Ajouté par emploi.');
    expect(added.by.map(([, client]: [number, number]) => userOf(diff, client))).toEqual([world.users.emploi.id]);
    // Deletions carry no author at all.
    expect(JSON.stringify(diff.blocks.filter((block: any) => block.op === 'delete'))).not.toContain('"by"');

    // The chair's client writes under santé's client id (Yjs cannot tell): the id is contested,
    // and neither the forged text nor santé's own is shown in santé's name any more.
    const forger = new Y.Doc();
    const chair = await connect(world.tokens.chair, { doc: forger });
    const ownId = forger.clientID;
    // (Santé's own client will see its id used elsewhere and take a new one, as Yjs does.)
    const santeId = sante.doc.clientID;
    forger.clientID = santeId;
    firstText(forger).insert(0, 'Faux ');
    await inSync(chair);
    forger.clientID = ownId; // the provider's awareness is keyed by the id it started with

    const after = await diffSince(version);
    const forged = after.blocks.find((block: any) => block.op === 'change').words.find((word: any) => word.op === 'insert' && word.text.includes('Faux'));
    expect(forged.by.map(([, client]: [number, number]) => client)).toEqual([santeId]);
    expect(userOf(after, santeId)).toBeNull();
    const row = await server.database.db.selectFrom('doc_clients').selectAll().where('document_id', '=', documentId).where('client_id', '=', santeId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ user_id: null, contested: true });
    // Emploi's own paragraph keeps its author.
    const stillEmploi = after.blocks.find((block: any) => block.op === 'insert');
    expect(stillEmploi.by.map(([, client]: [number, number]) => userOf(after, client))).toEqual([world.users.emploi.id]);
    // The stock provider's awareness stays keyed by the id santé's client started with; give it back to close cleanly.
    sante.doc.clientID = santeId;
  });

  it('records a client id once, however many edits it sends', async () => {
    const rows = await server.database.db.selectFrom('doc_clients').select(['client_id']).where('document_id', '=', documentId).execute();
    const ids = rows.map((row) => Number(row.client_id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(2);
  });
});
