import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  appendMeasures,
  applyTextChange,
  completeMeasure,
  createMeasure,
  keyBetween,
  MEASURE_FIELD_KEYS,
  measureRows,
  measuresOf,
  measureText,
  migrateMeasures,
  moveMeasureTo,
  needsMeasureMigration,
  readMeasures,
  updateMeasure,
} from '../../shared/doc-schema.ts';
import { measureMigration } from '../../server/collab/measure-migration.ts';
import { CellTypist, rowCopies } from '../helpers/measure-typing.ts';
import { legacyMeasuresDoc, DEMO_LEGACY_MEASURES } from '../helpers/legacy-measures.ts';

/** Two replicas that exchange updates only when told to, like two browsers offline then online. */
function pair() {
  const a = new Y.Doc();
  const b = new Y.Doc();
  const sync = () => {
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
  };
  return { a, b, sync };
}

const ids = (doc: Y.Doc) => readMeasures(doc).map((m) => m.id);

describe('the list of fields', () => {
  it('names every field of a measure once, so files and the history miss none', () => {
    expect([...MEASURE_FIELD_KEYS].sort()).toEqual(Object.keys(completeMeasure({ id: 'm' })).sort());
    expect(new Set(MEASURE_FIELD_KEYS).size).toBe(MEASURE_FIELD_KEYS.length);
  });
});

describe('text cells', () => {
  it('writes the smallest change, placed at the caret when characters repeat', () => {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    text.insert(0, 'ab');
    const deltas: unknown[] = [];
    text.observe((event) => deltas.push(event.delta));
    applyTextChange(text, 'aab', 2);
    applyTextChange(text, 'aXab', 2);
    applyTextChange(text, 'ab', 1);
    expect(deltas).toEqual([
      [{ retain: 1 }, { insert: 'a' }],
      [{ retain: 1 }, { insert: 'X' }],
      [{ retain: 1 }, { delete: 2 }],
    ]);
    applyTextChange(text, 'a😀b');
    applyTextChange(text, 'a😁b');
    expect(text.toString()).toBe('a😁b');
  });

  it('merges two people typing in one cell: every character kept, each string whole', () => {
    const { a, b, sync } = pair();
    createMeasure(a, { id: 'm', title: '[]' });
    sync();
    const left = new CellTypist(a, 'm', 'title', 'end');
    const right = new CellTypist(b, 'm', 'title', 'end');
    for (let i = 0; i < 10; i++) {
      left.type('abcdefghij'[i]!);
      right.type('0123456789'[i]!);
      if (i % 3 === 0) sync();
    }
    sync();
    const title = readMeasures(a)[0]!.title;
    expect(title).toBe(readMeasures(b)[0]!.title);
    expect(title).toHaveLength(22);
    expect(title).toContain('abcdefghij');
    expect(title).toContain('0123456789');
  });
});

describe('row order', () => {
  it('two people moving the same row at once leave one row', () => {
    const { a, b, sync } = pair();
    appendMeasures(
      a,
      ['w', 'x', 'y', 'z'].map((id) => ({ id, title: id })),
    );
    sync();
    moveMeasureTo(a, 'x', 0);
    moveMeasureTo(b, 'x', 3);
    sync();
    expect(ids(a)).toEqual(ids(b));
    expect([...rowCopies(a).values()]).toEqual([1, 1, 1, 1]);
    expect([...ids(a)].sort()).toEqual(['w', 'x', 'y', 'z']);
  });

  it('an edit made while the row moves stays in it', () => {
    const { a, b, sync } = pair();
    appendMeasures(
      a,
      ['w', 'x', 'y'].map((id) => ({ id, title: id })),
    );
    sync();
    moveMeasureTo(a, 'y', 0);
    new CellTypist(b, 'y', 'title').type('!');
    updateMeasure(b, 'y', { progress: 40 });
    sync();
    expect(readMeasures(a)).toEqual(readMeasures(b));
    expect(readMeasures(a)[0]).toMatchObject({ id: 'y', title: 'y!', progress: 40 });
  });

  it('inserts between rows with equal keys (two people added a row at one place at once)', () => {
    const { a, b, sync } = pair();
    createMeasure(a, { id: 'p' });
    createMeasure(b, { id: 'q' });
    sync();
    createMeasure(a, { id: 'r' }, 1);
    expect(ids(a)).toHaveLength(3);
    for (const id of ['p', 'q', 'r']) expect(moveMeasureTo(a, id, 1) || ids(a)[1] === id).toBe(true);
  });

  it('keys stay strictly between their neighbours', () => {
    let keys = [keyBetween(null, null)];
    for (let i = 0; i < 300; i++) {
      const at = Math.floor(Math.random() * (keys.length + 1));
      const key = keyBetween(keys[at - 1] ?? null, keys[at] ?? null);
      if (at > 0) expect(key > keys[at - 1]!).toBe(true);
      if (at < keys.length) expect(key < keys[at]!).toBe(true);
      keys = [...keys.slice(0, at), key, ...keys.slice(at)];
    }
  });
});

describe('migration from the first model', () => {
  it('keeps every value and the order, and is idempotent', () => {
    const doc = legacyMeasuresDoc();
    const before = readMeasures(doc);
    expect(before.map((m) => m.title)).toEqual(DEMO_LEGACY_MEASURES.map((m) => m.title));
    expect(needsMeasureMigration(doc)).toBe(true);
    doc.transact(() => migrateMeasures(doc));
    expect(needsMeasureMigration(doc)).toBe(false);
    expect(readMeasures(doc)).toEqual(before);
    expect(measureRows(doc).every((row) => row.order !== null && row.map.get('title') instanceof Y.Text)).toBe(true);
    expect(doc.transact(() => migrateMeasures(doc))).toBe(false);
  });

  it('two replicas in one state make byte-identical migrations, which merge as one', () => {
    const source = legacyMeasuresDoc();
    const a = new Y.Doc();
    const b = new Y.Doc();
    Y.applyUpdate(a, Y.encodeStateAsUpdate(source));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(source));
    const first = measureMigration(a)!;
    const second = measureMigration(b)!;
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
    Y.applyUpdate(a, first);
    // Someone types into a migrated cell before the other process's copy of the migration arrives.
    const id = readMeasures(a)[0]!.id;
    measureText(a, id, 'title')!.insert(0, '» ');
    Y.applyUpdate(a, second);
    Y.applyUpdate(b, second);
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(readMeasures(b)[0]!.title).toBe(`» ${DEMO_LEGACY_MEASURES[0]!.title}`);
    expect(readMeasures(a)).toEqual(readMeasures(b));
    expect(measureMigration(a)).toBeNull();
  });

  it('reads a string an old client wrote over a migrated cell, and types on from it', () => {
    const doc = legacyMeasuresDoc();
    doc.transact(() => migrateMeasures(doc));
    const id = readMeasures(doc)[0]!.id;
    measuresOf(doc).get(0).set('title', 'écrit par un ancien client');
    expect(readMeasures(doc).find((m) => m.id === id)!.title).toBe('écrit par un ancien client');
    new CellTypist(doc, id, 'title').type('!');
    expect(readMeasures(doc).find((m) => m.id === id)!.title).toBe('écrit par un ancien client!');
  });
});
