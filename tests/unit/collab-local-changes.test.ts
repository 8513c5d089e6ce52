import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LocalChanges } from '../../server/collab/local-changes.ts';

const updateOf = (doc: Y.Doc, change: () => void) => {
  const before = Y.encodeStateVector(doc);
  change();
  return Y.encodeStateAsUpdate(doc, before);
};

describe('changes Yjs makes by itself on the server copy', () => {
  it('publishes the formatting cleanup after remote edits, and nothing for the edits themselves', () => {
    const server = new Y.Doc();
    const text = server.getText('t');
    const published: Uint8Array[] = [];
    const local = new LocalChanges(server, (update) => published.push(update));
    const a = new Y.Doc();
    const c = new Y.Doc();
    const base = updateOf(a, () => a.getText('t').insert(0, 'hello world'));
    for (const doc of [server, c]) Y.applyUpdate(doc, base, 'client');
    // Two people make overlapping text bold at once, then one deletes across the marks.
    const boldA = updateOf(a, () => a.getText('t').format(0, 5, { bold: true }));
    const boldC = updateOf(c, () => c.getText('t').format(2, 5, { bold: true }));
    for (const update of [boldA, boldC]) {
      local.hold(() => Y.applyUpdate(server, update, 'client'));
      local.flush();
    }
    const before = published.length;
    local.hold(() =>
      Y.applyUpdate(
        server,
        updateOf(a, () => a.getText('t').delete(3, 4)),
        'client',
      ),
    );
    // held until the change that caused it is handled
    expect(published.length).toBe(before);
    expect(local.waiting).toBe(true);
    local.flush();
    expect(local.waiting).toBe(false);
    expect(published.length).toBe(before + 1);
    // what was published is what the server's copy did: the clients end up with its text
    for (const doc of [a, c]) {
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
      expect(doc.getText('t').toDelta()).toEqual(text.toDelta());
    }
    const fromLog = new Y.Doc();
    for (const update of [base, boldA, boldC, Y.encodeStateAsUpdate(a), ...published]) Y.applyUpdate(fromLog, update);
    expect(fromLog.getText('t').toDelta()).toEqual(text.toDelta());
    // a client's edit with no formatting around publishes nothing
    const count = published.length;
    Y.applyUpdate(
      server,
      updateOf(a, () => a.getText('t').insert(0, '!')),
      'client',
    );
    server.transact(() => {}, 'client');
    expect(published.length).toBe(count);
    // and Yjs did not encode the client's transactions for us: nobody listened to 'update' then
    const encoded: unknown[] = [];
    server.on('afterTransactionCleanup', (transaction: Y.Transaction) => {
      if (transaction.origin === 'client') encoded.push((server as unknown as { _observers: Map<string, unknown> })._observers.has('update'));
    });
    Y.applyUpdate(
      server,
      updateOf(a, () => a.getText('t').insert(0, '?')),
      'client',
    );
    expect(encoded).toEqual([false]);
  });
});
