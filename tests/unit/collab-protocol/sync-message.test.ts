import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { validateSyncMessage, type ClientMessage } from '../../../server/collab/protocol/index.ts';
import { buf, bytes, str, vu } from './craft.ts';
import { collabLimits } from '../../../server/collab/limits.ts';
import { DEFAULT_UPDATE_LIMITS, withDefaults } from '../../../server/collab/protocol/limits.ts';
import { frameLimits } from '../../../server/collab/update-check.ts';

/** Frames as the stock y-websocket client writes them, built with y-protocols itself. */
function frame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

function editedDoc(): Y.Doc {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, 'مرحبا hello', { bold: true });
  doc.getMap('m').set('k', [1, { a: null }]);
  return doc;
}

const parse = (f: Uint8Array): ClientMessage => {
  const result = validateSyncMessage(f);
  if (!result.ok) throw new Error(result.reason);
  return result.message;
};

const reasonOf = (f: Uint8Array, limits?: Parameters<typeof validateSyncMessage>[1]): string => {
  const result = validateSyncMessage(f, limits);
  if (result.ok) throw new Error(`accepted: ${JSON.stringify(result.message.kind)}`);
  return result.reason;
};

/** The socket layer's switch: compiles only while every kind is handled. */
function describeMessage(m: ClientMessage): string {
  switch (m.kind) {
    case 'sync-step1':
      return `step1 ${m.stateVector.size}`;
    case 'sync-step2':
      return `step2 ${m.stats.structs}`;
    case 'update':
      return `update ${m.stats.structs}`;
    case 'awareness':
      return `awareness ${m.entries.length}`;
    case 'query-awareness':
      return 'query';
    default: {
      const never: never = m;
      return never;
    }
  }
}

describe('validateSyncMessage on real client frames', () => {
  it('parses sync step 1 with its state vector', () => {
    const doc = editedDoc();
    const m = parse(
      frame((e) => {
        encoding.writeVarUint(e, 0);
        syncProtocol.writeSyncStep1(e, doc);
      }),
    );
    expect(m).toMatchObject({ kind: 'sync-step1' });
    if (m.kind !== 'sync-step1') return;
    expect([...m.stateVector]).toEqual([...Y.decodeStateVector(Y.encodeStateVector(doc))]);
    expect(m.encodedStateVector).toEqual(Y.encodeStateVector(doc));
  });

  it('parses sync step 2 and update frames, returning the update bytes', () => {
    const doc = editedDoc();
    const step2 = parse(
      frame((e) => {
        encoding.writeVarUint(e, 0);
        syncProtocol.writeSyncStep2(e, doc);
      }),
    );
    expect(step2.kind).toBe('sync-step2');
    const update = Y.encodeStateAsUpdate(doc);
    const m = parse(
      frame((e) => {
        encoding.writeVarUint(e, 0);
        syncProtocol.writeUpdate(e, update);
      }),
    );
    expect(m).toMatchObject({ kind: 'update', update, stats: { structs: 4, clients: 1, bytes: update.length } });
    expect(describeMessage(m)).toBe('update 4');
  });

  it('parses awareness updates, including a client leaving (null state)', () => {
    const doc = new Y.Doc();
    const awareness = new awarenessProtocol.Awareness(doc);
    awareness.setLocalState({ user: { name: 'Salma', color: '#a0f' }, cursor: null });
    const payload = awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]);
    const m = parse(
      frame((e) => {
        encoding.writeVarUint(e, 1);
        encoding.writeVarUint8Array(e, payload);
      }),
    );
    expect(m).toEqual({ kind: 'awareness', entries: [{ clientId: doc.clientID, clock: 1, state: { user: { name: 'Salma', color: '#a0f' }, cursor: null } }] });
    awareness.setLocalState(null);
    const gone = awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]);
    const left = parse(
      frame((e) => {
        encoding.writeVarUint(e, 1);
        encoding.writeVarUint8Array(e, gone);
      }),
    );
    expect(left).toMatchObject({ kind: 'awareness', entries: [{ clientId: doc.clientID, state: null }] });
    awareness.destroy();
  });

  it('parses query-awareness', () => {
    expect(parse(bytes(3))).toEqual({ kind: 'query-awareness' });
  });

  it('returns copies of payloads, not views into the frame', () => {
    const update = Y.encodeStateAsUpdate(editedDoc());
    const f = frame((e) => {
      encoding.writeVarUint(e, 0);
      syncProtocol.writeUpdate(e, update);
    });
    const m = parse(f);
    f.fill(0);
    expect(m.kind === 'update' && m.update).toEqual(update);
  });
});

describe('validateSyncMessage refuses malformed frames with a reason', () => {
  const update = Y.encodeStateAsUpdate(editedDoc());
  const cases: [string, Uint8Array, RegExp][] = [
    ['empty frame', bytes(), /message type: unexpected end/],
    ['auth from a client', bytes(2, 0, str('x')), /auth messages are sent by the server only/],
    ['unknown message type', bytes(9), /unknown message type 9/],
    ['huge message type', bytes(vu(2n ** 60n)), /varuint/],
    ['unknown sync type', bytes(0, 3, buf([0, 0])), /unknown sync message type 3/],
    ['sync payload longer than frame', bytes(0, 2, vu(1000), 0, 0), /sync payload: needs 1000 bytes/],
    ['invalid update in update frame', bytes(0, 2, buf([1, 1])), /^update: /],
    ['invalid update in step 2', bytes(0, 1, buf([])), /^sync step 2: /],
    ['V2 update in an update frame', bytes(0, 2, buf(Y.encodeStateAsUpdateV2(editedDoc()))), /^update: /],
    ['trailing bytes after update', bytes(0, 2, buf(update), 0), /trailing bytes after the message/],
    ['trailing bytes after query-awareness', bytes(3, 0), /trailing bytes/],
    ['state vector count beyond bytes', bytes(0, 0, buf([50, 1, 1])), /sync step 1: .*cannot fit/],
    ['state vector duplicate client', bytes(0, 0, buf([2, 5, 1, 5, 2])), /appears twice in the state vector/],
    ['state vector trailing bytes', bytes(0, 0, buf([1, 5, 1, 7])), /trailing bytes after the state vector/],
    ['state vector clock above 2^53', bytes(0, 0, buf([1, 5, ...vu(2n ** 53n)])), /above 2\^53/],
    ['awareness count beyond bytes', bytes(1, buf([100, 1, 1, ...str('{}')])), /cannot fit/],
    ['awareness state not JSON', bytes(1, buf([1, 1, 1, ...str('{nope')])), /not valid JSON/],
    ['awareness state an array', bytes(1, buf([1, 1, 1, ...str('[1]')])), /neither an object nor null/],
    ['awareness state a number', bytes(1, buf([1, 1, 1, ...str('42')])), /neither an object nor null/],
    ['awareness state deeply nested', bytes(1, buf([1, 1, 1, ...str(`${'{"a":'.repeat(100)}1${'}'.repeat(100)}`)])), /nested deeper than 32/],
    ['awareness state invalid UTF-8', bytes(1, buf([1, 1, 1, ...buf([0x22, 0xff, 0x22])])), /invalid UTF-8/],
    ['awareness state length beyond bytes', bytes(1, buf([1, 1, 1, ...vu(500), 0x7b])), /needs 500 bytes/],
    ['awareness trailing bytes', bytes(1, buf([1, 1, 1, ...str('{}'), 0])), /trailing bytes after the awareness entries/],
  ];
  for (const [name, f, reason] of cases) {
    it(name, () => expect(reasonOf(f)).toMatch(reason));
  }

  it('applies the awareness size and count limits before parsing', () => {
    const big = bytes(1, buf([1, 1, 1, ...str(JSON.stringify({ s: 'x'.repeat(100) }))]));
    expect(reasonOf(big, { awareness: { maxStateBytes: 50 } })).toMatch(/exceeds the limit of 50/);
    const many = bytes(1, buf([3, ...[1, 2, 3].flatMap((c) => [c, 1, ...str('{}')])]));
    expect(reasonOf(many, { awareness: { maxEntries: 2 } })).toMatch(/3 exceeds the limit of 2/);
  });

  it('applies update limits inside sync frames', () => {
    const f = frame((e) => {
      encoding.writeVarUint(e, 0);
      syncProtocol.writeUpdate(e, update);
    });
    expect(reasonOf(f, { update: { maxStructs: 2 } })).toMatch(/more than 2 structs/);
    expect(reasonOf(f, { update: { maxBytes: 10 } })).toMatch(/exceeds 10/);
  });

  it('keeps a default when a limit is passed as undefined', () => {
    const f = frame((e) => {
      encoding.writeVarUint(e, 0);
      syncProtocol.writeUpdate(e, bytes(1, vu(600_000), 1, 0, new Uint8Array(1_200_000).fill(1)));
    });
    expect(reasonOf(f, { update: { maxStructs: undefined } })).toMatch(/more than 500000 structs/);
  });

  it('applies the state vector size limit', () => {
    expect(reasonOf(bytes(0, 0, buf([3, 1, 1, 2, 1, 3, 1])), { maxStateVectorEntries: 2 })).toMatch(/3 exceeds the limit of 2/);
  });
});

describe('limits resolved once', () => {
  it('hands out the same frozen merge for frozen overrides, and a fresh one for overrides that may change', () => {
    const frozen = Object.freeze({ maxBytes: 10 });
    const first = withDefaults(DEFAULT_UPDATE_LIMITS, frozen);
    expect(withDefaults(DEFAULT_UPDATE_LIMITS, frozen)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(first.maxBytes).toBe(10);
    const open: { maxBytes?: number } = { maxBytes: 10 };
    expect(withDefaults(DEFAULT_UPDATE_LIMITS, open).maxBytes).toBe(10);
    open.maxBytes = 20;
    expect(withDefaults(DEFAULT_UPDATE_LIMITS, open).maxBytes).toBe(20);
  });

  it('follows a change of the server limits: a message over the new bound is refused', () => {
    const limits = collabLimits();
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'x'.repeat(200));
    const message = frame((e) => {
      encoding.writeVarUint(e, 0);
      syncProtocol.writeUpdate(e, Y.encodeStateAsUpdate(doc));
    });
    expect(validateSyncMessage(message, frameLimits(limits)).ok).toBe(true);
    limits.maxMessageBytes = 100;
    expect(validateSyncMessage(message, frameLimits(limits)).ok).toBe(false);
  });
});
