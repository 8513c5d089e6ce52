import { expect } from 'vitest';
import * as Y from 'yjs';
import { connectPeer, eventually, type TestPeer } from './collab.ts';
import type { TestServer } from './server.ts';

/** Waits until the server's open copy of the document has everything `peer` has: it handled all the peer sent. */
export function serverHas(server: TestServer, documentId: string, peer: TestPeer): Promise<void> {
  return eventually(() => expect(Y.encodeStateVector(server.hub.room(documentId)!.doc)).toEqual(Y.encodeStateVector(peer.doc)));
}

/**
 * Stock y-websocket peers of the document a test file works on, synced when they are handed out,
 * destroyed together by `destroyAll()` (in afterAll). `target` is read at each call, so it may
 * name a server and document set up later, in beforeAll.
 */
export function documentPeers(target: () => { server: TestServer; documentId: string }) {
  const peers: TestPeer[] = [];
  return {
    connect: async (token: string, options: { doc?: Y.Doc } = {}): Promise<TestPeer> => {
      const { server, documentId } = target();
      const peer = connectPeer(server.url, documentId, token, options);
      peers.push(peer);
      await peer.synced();
      return peer;
    },
    inSync: (peer: TestPeer) => serverHas(target().server, target().documentId, peer),
    destroyAll: () => {
      for (const peer of peers.splice(0)) peer.destroy();
    },
  };
}
