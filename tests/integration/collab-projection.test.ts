import * as prng from 'lib0/prng';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { projectDocument } from '../../server/collab/projection.ts';
import { bodyOf, bodyText, measuresOf, newMeasureMap } from '../../shared/doc-schema.ts';
import { metricValue } from '../helpers/child-server.ts';
import { connectPeer, eventually, type TestPeer } from '../helpers/collab.ts';
import { collabWorld, type CollabWorld } from '../helpers/collab-world.ts';
import { connectRaw, frames } from '../helpers/raw-collab.ts';
import { applyRandomEdit, testSeed, withSeed } from '../helpers/random-edits.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { storedRows } from '../helpers/stored-document.ts';

describe('projection of live documents into SQL', () => {
  let server: TestServer;
  let world: CollabWorld;
  const peers: TestPeer[] = [];
  const connect = (index: number) => {
    const peer = connectPeer(server.url, world.documentId, world.editors[index]!.token);
    peers.push(peer);
    return peer;
  };

  beforeAll(async () => {
    server = await startTestServer({ COLLAB_PROJECTION_WAIT_MS: '20', COLLAB_PROJECTION_MAX_WAIT_MS: '200' });
    world = await collabWorld(server.database.db, server.url);
  });
  afterAll(async () => {
    for (const peer of peers) peer.destroy();
    await server?.close();
  });

  /** The rows SQL holds for the document, in the projection's own shape. */
  async function projectedRows(documentId: string) {
    const db = server.database.db;
    const document = await db.selectFrom('documents').select(['body_text', 'word_count', 'measure_count']).where('id', '=', documentId).executeTakeFirstOrThrow();
    const measures = await db.selectFrom('measures').selectAll().where('document_id', '=', documentId).orderBy('position').execute();
    return {
      bodyText: document.body_text,
      wordCount: document.word_count,
      measureCount: document.measure_count,
      measures: measures.map((row) => ({
        id: row.id,
        position: row.position,
        title: row.title,
        leadOrganisationId: row.lead_organisation_id,
        partnerOrganisationIds: [...(row.partner_organisation_ids as string[])],
        start: row.start_date,
        due: row.due_date,
        status: row.status,
        progress: row.progress,
        indicator: row.indicator,
        indicatorBaseline: row.indicator_baseline,
        indicatorTarget: row.indicator_target,
        indicatorCurrent: row.indicator_current,
        indicatorUnit: row.indicator_unit,
        budget: row.budget === null ? null : Number(row.budget),
        currency: row.currency,
        notes: row.notes,
      })),
    };
  }

  const expectedRows = (doc: Y.Doc) => {
    const projection = projectDocument(doc);
    return { bodyText: projection.bodyText, wordCount: projection.wordCount, measureCount: projection.measures.length, measures: projection.measures };
  };

  it('rows match the document after concurrent random edits', async () => {
    await withSeed(testSeed(), async (gen) => {
      const [a, b] = [connect(0), connect(1)];
      await Promise.all([a.synced(), b.synced()]);
      measuresOf(a.doc).push([
        newMeasureMap({
          id: 'fixed',
          title: 'Mesure complète',
          leadOrganisationId: world.guests.edit.organisationId,
          partnerOrganisationIds: [world.guests.view.organisationId],
          start: '2025-01-01',
          due: '2025-06-30',
          status: 'in_progress',
          progress: 30,
          indicator: 'Taux',
          budget: 250_000.5,
        }),
      ]);
      for (let i = 0; i < 150; i++) {
        if (prng.int32(gen, 0, 5) === 0) await new Promise((resolve) => setTimeout(resolve, 1));
        applyRandomEdit(prng.oneOf(gen, [a, b]).doc, gen);
      }
      await eventually(async () => expect(await projectedRows(world.documentId)).toEqual(expectedRows(a.doc)), 20_000);
    });
  });

  it('values PostgreSQL would refuse do not stop the projection', async () => {
    const [a] = peers;
    measuresOf(a!.doc).push([newMeasureMap({ id: 'poison', title: 'nul\u0000', due: '2024-02-30', indicator: '\u0000' })]);
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('Après la mesure empoisonnée\u0000')]);
    bodyOf(a!.doc).insert(0, [paragraph]);
    await eventually(async () => {
      const rows = await projectedRows(world.documentId);
      expect(rows.bodyText).toContain('Après la mesure empoisonnée');
      expect(rows).toEqual(expectedRows(a!.doc));
    });
    expect((await projectedRows(world.documentId)).measures.find((m) => m.id === 'poison')).toMatchObject({ title: 'nul', due: null });
  });
});

describe('projection when the last client leaves, and updates with missing dependencies', () => {
  let server: TestServer;
  let world: CollabWorld;

  beforeAll(async () => {
    // A projection that would only run long after the document is unloaded.
    server = await startTestServer({ COLLAB_UNLOAD_DELAY_MS: '0', COLLAB_PROJECTION_WAIT_MS: '60000', COLLAB_PROJECTION_MAX_WAIT_MS: '60000' });
    world = await collabWorld(server.database.db, server.url);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('projects the last edits when the document is unloaded', async () => {
    const peer = connectPeer(server.url, world.documentId, world.editors[0]!.token);
    await peer.synced();
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('Dernière modification avant départ')]);
    bodyOf(peer.doc).insert(0, [paragraph]);
    await eventually(() => expect(bodyText(server.hub.room(world.documentId)!.doc)).toContain('Dernière modification'));
    peer.destroy();
    await eventually(() => expect(server.hub.openDocuments).toBe(0));
    const row = await server.database.db.selectFrom('documents').select('body_text').where('id', '=', world.documentId).executeTakeFirstOrThrow();
    expect(row.body_text).toContain('Dernière modification avant départ');
  });

  it('keeps an update whose dependencies never arrived in the log, and counts it in the metrics', async () => {
    const metric = () => metricValue(server.url, 'tansiq_collab_documents_with_missing_dependencies');
    const observer = connectPeer(server.url, world.documentId, world.editors[1]!.token);
    await observer.synced();
    const before = await storedRows(server.database.db, world.documentId);

    // An author whose first update (the paragraph) is never sent, only the one built on it.
    const author = new Y.Doc();
    Y.applyUpdate(author, Y.encodeStateAsUpdate(observer.doc));
    const text = new Y.XmlText();
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [text]);
    let sv = Y.encodeStateVector(author);
    bodyOf(author).insert(0, [paragraph]);
    text.insert(0, 'ab');
    const missing = Y.encodeStateAsUpdate(author, sv);
    sv = Y.encodeStateVector(author);
    text.insert(2, 'c');
    const dependent = Y.encodeStateAsUpdate(author, sv);

    const client = connectRaw(server.url, world.documentId, world.editors[0]!.token);
    await client.joined();
    client.send(frames.update(dependent));
    await eventually(async () => expect(await metric()).toBe(1));
    await server.hub.store.flush();
    expect((await storedRows(server.database.db, world.documentId)).updates, 'kept in the log').toBe(before.updates + 1);
    expect(bodyText(observer.doc)).not.toContain('abc');

    // Reloaded from the log, the document still lacks the dependency and says so.
    client.ws.close();
    observer.destroy();
    await eventually(() => expect(server.hub.openDocuments).toBe(0));
    expect(await metric()).toBe(0);
    const again = connectRaw(server.url, world.documentId, world.editors[0]!.token);
    await again.joined();
    await eventually(async () => expect(await metric()).toBe(1));

    // The missing update arrives: everything applies, the metric goes back to zero.
    again.send(frames.update(missing));
    await eventually(async () => expect(await metric()).toBe(0));
    expect(bodyText(server.hub.room(world.documentId)!.doc)).toContain('abc');
    again.ws.close();
  });
});
