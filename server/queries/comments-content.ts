import * as Y from 'yjs';
import type { CollabHub } from '../collab/hub.ts';
import { readState } from '../domain/version-content.ts';

/**
 * Read access to a document's current Y.Doc, the edge between comment commands and the
 * collaboration hub (tests can pass a plain function over a Y.Doc of their own).
 */
export type DocumentContent = <T>(documentId: string, read: (doc: Y.Doc) => T) => Promise<T>;

/**
 * The live Y.Doc when the document is open in this process (it holds edits not yet stored);
 * otherwise the stored state, loaded into a throwaway Y.Doc.
 */
export function contentFromHub(hub: CollabHub): DocumentContent {
  return async (documentId, read) => {
    const room = hub.room(documentId);
    if (room) {
      await room.loaded.catch(() => {});
      if (room.state === 'ready') return read(room.doc);
    }
    return readState((await hub.store.loadCurrent(documentId)).state, read);
  };
}
