import { expect } from 'vitest';
import * as Y from 'yjs';
import { bodyOf, bodyText } from '../../shared/doc-schema.ts';
import { connectPeer, eventually, type TestPeer } from './collab.ts';
import type { CollabWorld } from './collab-world.ts';
import { documentContent } from './random-edits.ts';
import type { TestServer } from './server.ts';
import { loadStoredDocument } from './stored-document.ts';

/**
 * Two well-behaved stock clients beside a misbehaving one, and the means to show that they, the
 * document in memory and the document in the database noticed nothing of it.
 */
export interface Bystanders {
  writer: TestPeer;
  observer: TestPeer;
  /** records the current state (memory and database) as the one that must not change */
  settle(): Promise<void>;
  /** the recorded state is intact, nobody else was closed, and editing still works */
  expectUndisturbed(): Promise<void>;
  destroy(): void;
}

export async function bystanders(server: TestServer, world: CollabWorld): Promise<Bystanders> {
  const writer = connectPeer(server.url, world.documentId, world.editors[0]!.token);
  const observer = connectPeer(server.url, world.documentId, world.editors[1]!.token);
  await Promise.all([writer.synced(), observer.synced()]);
  let expected: ReturnType<typeof documentContent> | undefined;
  let rounds = 0;
  const memory = () => documentContent(server.hub.room(world.documentId)!.doc);
  const stored = async () => {
    await server.hub.store.flush();
    return documentContent(await loadStoredDocument(server.database.db, world.documentId));
  };
  const settle = async () => {
    await eventually(() => expect(documentContent(observer.doc)).toEqual(documentContent(writer.doc)));
    expected = memory();
    expect(await stored()).toEqual(expected);
  };
  await settle();
  return {
    writer,
    observer,
    settle,
    async expectUndisturbed() {
      expect(memory(), 'the document in memory').toEqual(expected);
      expect(await stored(), 'the document in the database').toEqual(expected);
      expect(writer.closes, 'the writer was not disturbed').toEqual([]);
      expect(observer.closes, 'the observer was not disturbed').toEqual([]);
      const paragraph = new Y.XmlElement('paragraph');
      const marker = `toujours vivant ${++rounds}`;
      paragraph.insert(0, [new Y.XmlText(marker)]);
      bodyOf(writer.doc).insert(0, [paragraph]);
      await eventually(() => expect(bodyText(observer.doc)).toContain(marker));
      await settle();
    },
    destroy() {
      writer.destroy();
      observer.destroy();
    },
  };
}
