import pino from 'pino';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Actor } from '../../server/auth/actor.ts';
import { CollabConnection, type CollabSocket } from '../../server/collab/connection.ts';
import type { DeletionRange } from '../../server/collab/deletions.ts';
import type { DocumentStore, LoadedDocument } from '../../server/collab/document-store.ts';
import { DEFAULT_LIMITS } from '../../server/collab/limits.ts';
import { syncUpdate } from '../../server/collab/messages.ts';
import { createCollabMetrics } from '../../server/collab/metrics.ts';
import { Room } from '../../server/collab/room.ts';
import type { WireFrame } from '../../server/collab/wire-frame.ts';

/**
 * A busy document's updates wait in the room's inbox and are applied in one Yjs transaction when
 * the relay leaves (room.ts `applyInbox`): each must still be relayed as it came, stored in order,
 * and its deletions attributed to its own author.
 */

/** A socket that records what it is sent: each write, and the messages in it. */
class RecordingSocket implements CollabSocket {
  writes: Uint8Array[][] = [];
  bufferedAmount = 0;
  send(data: Uint8Array) {
    this.writes.push([data]);
  }
  sendFrame(frame: WireFrame) {
    this.writes.push([...frame.messages]);
  }
  close() {}
}

function setUp(initial: Y.Doc) {
  const appended: Uint8Array[] = [];
  /** per update stored, the deletions stored with it */
  const deletions: DeletionRange[][] = [];
  const store = {
    full: false,
    append: async (_documentId: string, update: Uint8Array, deleted: readonly DeletionRange[] = []) => {
      appended.push(update);
      deletions.push([...deleted]);
    },
  } as unknown as DocumentStore;
  const stored: LoadedDocument = {
    parts: [Y.encodeStateAsUpdate(initial)],
    state: Y.encodeStateAsUpdate(initial),
    tailEntries: 0,
    snapshotAsWritten: true,
    projectionMark: null,
  };
  const room = new Room(
    'doc-1',
    {
      store,
      logger: pino({ level: 'silent' }),
      metrics: createCollabMetrics(new Registry()),
      limits: DEFAULT_LIMITS,
      onChanged: () => {},
      onStored: () => {},
      release: () => {},
      repair: async () => {},
      pendingRepairMs: 60_000,
    },
    Promise.resolve(stored),
  );
  const connect = (userId: string) => {
    const socket = new RecordingSocket();
    const actor = { userId, organisationId: 'org', role: 'member', name: userId, email: `${userId}@x`, locale: 'fr', via: 'token' } as Actor;
    const connection = new CollabConnection(socket, actor, 'edit', { id: userId, name: userId, organisationId: 'org', organisationCode: 'ORG', color: '#000' }, DEFAULT_LIMITS);
    room.join(connection);
    return { connection, socket };
  };
  return { room, appended, deletions, connect };
}

/** A client's copy of the document and the update of one change to it. */
function clientOf(initial: Y.Doc) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(initial));
  return {
    doc,
    change(edit: (text: Y.Text) => void): Uint8Array {
      const before = Y.encodeStateVector(doc);
      edit(doc.getText('t'));
      return Y.encodeStateAsUpdate(doc, before);
    },
  };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

/** A loaded room on a document holding `text`, with an editor and a reader whose greetings are read. */
async function aliceAndReaderOn(text: string) {
  const initial = new Y.Doc();
  initial.getText('t').insert(0, text);
  const { room, appended, connect } = setUp(initial);
  await room.loaded;
  const alice = connect('alice');
  const reader = connect('reader');
  await turn();
  reader.socket.writes = [];
  return { initial, room, appended, alice, reader };
}

describe('updates applied together in one relay', () => {
  it('relays each as it came in one write, stores them in order and names each deleter', async () => {
    const initial = new Y.Doc();
    initial.getText('t').insert(0, 'hello brave new world');
    const { room, appended, deletions, connect } = setUp(initial);
    await room.loaded;
    const alice = connect('alice');
    const bob = connect('bob');
    const reader = connect('reader');
    await turn();
    for (const { socket } of [alice, bob, reader]) socket.writes = [];

    const a = clientOf(initial);
    const b = clientOf(initial);
    const aliceCut = a.change((text) => text.delete(0, 6)); // "hello "
    const bobCut = b.change((text) => text.delete(16, 5)); // "world"
    const aliceAdds = a.change((text) => text.insert(0, 'Hi '));
    let transactions = 0;
    room.doc.on('beforeTransaction', () => transactions++);
    // All three in one turn of the event loop: they wait in the inbox for the relay.
    room.receive(alice.connection, syncUpdate(aliceCut));
    room.receive(bob.connection, syncUpdate(bobCut));
    room.receive(alice.connection, syncUpdate(aliceAdds));
    expect(appended).toHaveLength(0);
    await turn();

    expect(room.doc.getText('t').toString()).toBe('Hi brave new ');
    expect(transactions).toBe(1);
    // stored one by one, in the order they came, as they came
    expect(appended).toEqual([aliceCut, bobCut, aliceAdds]);
    // one write each; nobody gets their own updates back
    expect(reader.socket.writes).toEqual([[syncUpdate(aliceCut), syncUpdate(bobCut), syncUpdate(aliceAdds)]]);
    expect(alice.socket.writes).toEqual([[syncUpdate(bobCut)]]);
    expect(bob.socket.writes).toEqual([[syncUpdate(aliceCut), syncUpdate(aliceAdds)]]);
    // each deletion named after its author, though one transaction applied both, stored with its update
    const initialClient = initial.clientID;
    const ranges = (stored: DeletionRange[]) => stored.map(({ client, clock, length, userId }) => [client, clock, length, userId]);
    expect(deletions.map(ranges)).toEqual([[[initialClient, 0, 6, 'alice']], [[initialClient, 16, 5, 'bob']], []]);
  });

  it('does not take an update twice when it comes again before the relay', async () => {
    const { initial, room, appended, alice, reader } = await aliceAndReaderOn('abc');
    const a = clientOf(initial);
    const first = a.change((text) => text.insert(3, 'd'));
    const second = a.change((text) => text.insert(4, 'e'));
    room.receive(alice.connection, syncUpdate(first));
    room.receive(alice.connection, syncUpdate(first)); // resent: it repeats what waits
    room.receive(alice.connection, syncUpdate(Y.mergeUpdates([first, second]))); // overlaps what waits: cut to what is new
    await turn();
    expect(room.doc.getText('t').toString()).toBe('abcde');
    const stored = new Y.Doc();
    Y.applyUpdate(stored, Y.encodeStateAsUpdate(initial));
    for (const update of appended) Y.applyUpdate(stored, update);
    expect(stored.getText('t').toString()).toBe('abcde');
    expect(appended).toHaveLength(2);
    expect(reader.socket.writes.flat()).toHaveLength(2);
  });

  it('takes another process’s updates with its own clients’ in one transaction, and does not store them', async () => {
    const { initial, room, appended, alice, reader } = await aliceAndReaderOn('abc');
    let transactions = 0;
    room.doc.on('beforeTransaction', () => transactions++);
    const a = clientOf(initial);
    const remote = clientOf(initial); // a client of the other process
    const fromElsewhere = remote.change((text) => text.insert(0, '<'));
    const local = a.change((text) => text.insert(3, '>'));
    room.applyRemoteUpdate(fromElsewhere);
    room.receive(alice.connection, syncUpdate(local));
    // the other process's update again, through this process's client (a resync): cut, not relayed twice
    room.receive(alice.connection, syncUpdate(fromElsewhere));
    await turn();
    expect(room.doc.getText('t').toString()).toBe('<abc>');
    expect(appended).toEqual([local]);
    expect(reader.socket.writes.flat()).toEqual([syncUpdate(fromElsewhere), syncUpdate(local)]);
    // one for the inbox; the resend only had the inbox applied before it was found to add nothing
    expect(transactions).toBe(1);
  });

  it('a document unloaded or stopped with updates waiting applies and stores them first', async () => {
    const initial = new Y.Doc();
    const { room, appended, connect } = setUp(initial);
    await room.loaded;
    const alice = connect('alice');
    const a = clientOf(initial);
    const update = a.change((text) => text.insert(0, 'kept'));
    room.receive(alice.connection, syncUpdate(update));
    room.settle();
    expect(appended).toEqual([update]);
    expect(room.doc.getText('t').toString()).toBe('kept');
    room.destroy();
  });
});
