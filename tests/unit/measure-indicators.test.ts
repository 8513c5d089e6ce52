import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { IndicatorWatch, WriterClaims, type IndicatorValueChange } from '../../server/collab/indicator-history.ts';
import { measureMigration } from '../../server/collab/measure-migration.ts';
import { createMeasure, findMeasure, indicatorValue, measuresOf, migrateMeasures, needsMeasureMigration, readMeasures, updateMeasure } from '../../shared/doc-schema.ts';
import { indicatorProgress, indicatorSummary, parseIndicatorInput } from '../../shared/indicator.ts';
import { chartSeries, sparkline } from '../../client/src/lib/sparkline.ts';

/** A document as model 2 (text cells as Y.Text, before structured indicators) wrote it: no unit, no values. */
function modelTwoDoc(): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    const map = new Y.Map<unknown>();
    measuresOf(doc).push([map]);
    map.set('id', 'm1');
    map.set('order', 'a0');
    for (const [key, value] of [
      ['title', 'Caravanes médicales'],
      ['indicator', 'Nombre de caravanes : 12 par an'],
      ['notes', ''],
    ] as const)
      map.set(key, new Y.Text(value));
    map.set('status', 'in_progress');
    map.set('progress', 30);
  });
  return doc;
}

describe('indicator values in the model', () => {
  it('reads what any client wrote as a finite number within bounds, else as no value', () => {
    expect([42, -3.5, 0, 1e15].map(indicatorValue)).toEqual([42, -3.5, 0, 1e15]);
    expect(['42', Number.NaN, Number.POSITIVE_INFINITY, 1e16, null, undefined, { value: 1 }, true].map(indicatorValue)).toEqual(Array(8).fill(null));
    const doc = new Y.Doc();
    createMeasure(doc, { id: 'm', title: 'x' });
    findMeasure(doc, 'm')!.set('indicatorCurrent', 'beaucoup');
    findMeasure(doc, 'm')!.set('indicatorUnit', 12);
    expect(readMeasures(doc)[0]).toMatchObject({ indicatorCurrent: null, indicatorUnit: '' });
  });

  it('migrates a model-2 document: the free-text indicator stays its name, the unit becomes a Y.Text, idempotent', () => {
    const doc = modelTwoDoc();
    const before = readMeasures(doc)[0]!;
    expect(needsMeasureMigration(doc)).toBe(true);
    doc.transact(() => migrateMeasures(doc));
    expect(findMeasure(doc, 'm1')!.get('indicatorUnit')).toBeInstanceOf(Y.Text);
    expect(readMeasures(doc)[0]).toEqual({ ...before, indicatorUnit: '' });
    expect(readMeasures(doc)[0]).toMatchObject({ indicator: 'Nombre de caravanes : 12 par an', indicatorBaseline: null, indicatorTarget: null, indicatorCurrent: null });
    expect(needsMeasureMigration(doc)).toBe(false);
    expect(doc.transact(() => migrateMeasures(doc))).toBe(false);
  });

  it('two processes migrating one model-2 document make the same update; an old client keeps writing its fields', () => {
    const [a, b] = [new Y.Doc(), new Y.Doc()];
    const source = modelTwoDoc();
    Y.applyUpdate(a, Y.encodeStateAsUpdate(source));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(source));
    const [first, second] = [measureMigration(a)!, measureMigration(b)!];
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
    Y.applyUpdate(a, first);
    updateMeasure(a, 'm1', { indicatorUnit: 'caravanes', indicatorCurrent: 4 });
    // An old client (no indicator fields) sets the status on its copy, from before the migration.
    const old = new Y.Doc();
    Y.applyUpdate(old, Y.encodeStateAsUpdate(source));
    findMeasure(old, 'm1')!.set('status', 'done');
    for (const update of [second, Y.encodeStateAsUpdate(old)]) Y.applyUpdate(a, update);
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(readMeasures(a)[0]).toMatchObject({ status: 'done', indicatorUnit: 'caravanes', indicatorCurrent: 4, indicator: 'Nombre de caravanes : 12 par an' });
    expect(readMeasures(b)).toEqual(readMeasures(a));
  });
});

describe('progress towards the target', () => {
  const values = (indicatorBaseline: number | null, indicatorTarget: number | null, indicatorCurrent: number | null) => ({ indicatorBaseline, indicatorTarget, indicatorCurrent });
  it('is the share of the way from baseline to target, rising or falling, clamped', () => {
    expect(indicatorProgress(values(40, 90, 65))).toBe(0.5);
    expect(indicatorProgress(values(30, 10, 25))).toBe(0.25); // an indicator meant to fall
    expect(indicatorProgress(values(40, 90, 120))).toBe(1);
    expect(indicatorProgress(values(40, 90, 10))).toBe(0);
  });
  it('is nothing without all three values, or when baseline equals target', () => {
    expect(indicatorProgress(values(null, 90, 65))).toBeNull();
    expect(indicatorProgress(values(40, null, 65))).toBeNull();
    expect(indicatorProgress(values(40, 90, null))).toBeNull();
    expect(indicatorProgress(values(50, 50, 50))).toBeNull();
  });
  it('sums up as current / target unit', () => {
    const format = (value: number) => String(value);
    expect(indicatorSummary({ ...values(0, 90, 52.5), indicatorUnit: ' % ' }, format)).toBe('52.5 / 90 %');
    expect(indicatorSummary({ ...values(0, 90, null), indicatorUnit: '' }, format)).toBe('— / 90');
    expect(indicatorSummary({ ...values(0, null, 7), indicatorUnit: '' }, format)).toBe('7');
    expect(indicatorSummary({ ...values(5, null, null), indicatorUnit: '%' }, format)).toBe('');
  });
});

describe('typed values', () => {
  it('reads decimals with a comma or a dot, spaces as thousands separators, and clears on empty', () => {
    expect(['42', '3,5', '3.5', '-0,25', '1 250', '1\u202f250,5', ' 7 ', '1e3'].map((text) => parseIndicatorInput(text))).toEqual([42, 3.5, 3.5, -0.25, 1250, 1250.5, 7, 1000]);
    expect(parseIndicatorInput('')).toBeNull();
    expect(parseIndicatorInput('   ')).toBeNull();
  });
  it('refuses anything else, and values beyond what the model keeps', () => {
    expect(['abc', '1,2,3', '12%', '1.2.3', '--1', 'Infinity', 'NaN', '0x10', '1e400', '2e15'].map((text) => parseIndicatorInput(text))).toEqual(Array(10).fill('invalid'));
  });
});

describe('sparkline geometry', () => {
  const box = { width: 100, height: 20, pad: 2 };
  it('spreads points left to right and scales between the smallest and largest value', () => {
    const chart = sparkline([10, 20, 15], box);
    expect(chart.points.map((point) => point.x)).toEqual([2, 50, 98]);
    expect(chart.points.map((point) => point.y)).toEqual([18, 2, 10]);
    expect(chart.path).toBe('M2 18 L50 2 L98 10');
  });
  it('keeps a target inside the chart, and draws one point or equal values in the middle', () => {
    const withTarget = sparkline([10, 20], box, [40]);
    expect(withTarget.reference(40)).toBe(2);
    expect(Math.max(...withTarget.points.map((point) => point.y))).toBe(18);
    expect(sparkline([5], box).points).toEqual([{ x: 50, y: 10, value: 5 }]);
    expect(sparkline([3, 3], box).points.map((point) => point.y)).toEqual([10, 10]);
    expect(sparkline([], box).path).toBe('');
  });
  it('shows the recorded values, then the live one until it is recorded', () => {
    expect(chartSeries([1, null, 2], 2)).toEqual([1, 2]);
    expect(chartSeries([1, 2], 3)).toEqual([1, 2, 3]);
    expect(chartSeries([1, 2, null], 2)).toEqual([1, 2, 2]);
    expect(chartSeries([], null)).toEqual([]);
  });
});

describe('who changed a current value (server side)', () => {
  /** A server copy watching changes, fed by named writers' docs. */
  function serverCopy() {
    const doc = new Y.Doc();
    const claims = new WriterClaims();
    const watch = new IndicatorWatch(doc);
    const recorded: IndicatorValueChange[] = [];
    doc.on('afterTransaction', (transaction: Y.Transaction) => recorded.push(...watch.changes(transaction, (client) => claims.writer(client))));
    const receive = (from: Y.Doc, userId: string) => {
      const update = Y.encodeStateAsUpdate(from, Y.encodeStateVector(doc));
      const meta = Y.parseUpdateMeta(update);
      claims.claim(
        [...meta.to.keys()].flatMap((client) => [client, meta.from.get(client) ?? 0, meta.to.get(client)!]),
        userId,
      );
      Y.applyUpdate(doc, update);
    };
    return { doc, recorded, receive };
  }

  it('names the writer of the value, once per real change', () => {
    const server = serverCopy();
    const alice = new Y.Doc();
    const bob = new Y.Doc();
    createMeasure(alice, { id: 'm', title: 'x' });
    server.receive(alice, 'alice');
    Y.applyUpdate(bob, Y.encodeStateAsUpdate(server.doc));
    updateMeasure(alice, 'm', { indicatorCurrent: 10 });
    server.receive(alice, 'alice');
    updateMeasure(bob, 'm', { indicatorTarget: 50, title: 'y' }); // not the current value
    server.receive(bob, 'bob');
    Y.applyUpdate(bob, Y.encodeStateAsUpdate(server.doc));
    updateMeasure(bob, 'm', { indicatorCurrent: 12 });
    server.receive(bob, 'bob');
    expect(server.recorded).toEqual([
      { measureId: 'm', value: 10, userId: 'alice' },
      { measureId: 'm', value: 12, userId: 'bob' },
    ]);
  });

  it('a concurrent write that loses is no change; the winner is named', () => {
    const server = serverCopy();
    const [alice, bob] = [new Y.Doc(), new Y.Doc()];
    createMeasure(alice, { id: 'm', title: 'x' });
    Y.applyUpdate(bob, Y.encodeStateAsUpdate(alice));
    server.receive(alice, 'alice');
    updateMeasure(alice, 'm', { indicatorCurrent: 1 });
    updateMeasure(bob, 'm', { indicatorCurrent: 2 });
    server.receive(alice, 'alice');
    server.receive(bob, 'bob');
    const shown = readMeasures(server.doc)[0]!.indicatorCurrent;
    const last = server.recorded.at(-1)!;
    expect(last.value).toBe(shown);
    expect(last.userId).toBe(shown === 1 ? 'alice' : 'bob');
    // Two changes at most, and never a record of a value that is not shown afterwards as the last.
    expect(server.recorded.length).toBeLessThanOrEqual(2);
  });

  it('a client id sent by two users is contested: its values name nobody', () => {
    const server = serverCopy();
    const alice = new Y.Doc();
    createMeasure(alice, { id: 'm', title: 'x', indicatorCurrent: 3 });
    server.receive(alice, 'alice');
    const impostor = new Y.Doc();
    Y.applyUpdate(impostor, Y.encodeStateAsUpdate(alice));
    // Set after applying: Yjs itself moves to a new id when a remote update uses its own.
    impostor.clientID = alice.clientID;
    updateMeasure(impostor, 'm', { indicatorCurrent: 999 });
    server.receive(impostor, 'mallory');
    expect(server.recorded).toEqual([
      { measureId: 'm', value: 3, userId: 'alice' },
      { measureId: 'm', value: 999, userId: null },
    ]);
  });

  it('does not report a value it cannot attribute (a writer this copy never saw, a removed key)', () => {
    const server = serverCopy();
    const stranger = new Y.Doc();
    createMeasure(stranger, { id: 'm', title: 'x', indicatorCurrent: 5 });
    Y.applyUpdate(server.doc, Y.encodeStateAsUpdate(stranger)); // from storage or another process: no claim
    const alice = new Y.Doc();
    Y.applyUpdate(alice, Y.encodeStateAsUpdate(server.doc));
    findMeasure(alice, 'm')!.delete('indicatorCurrent');
    server.receive(alice, 'alice');
    expect(readMeasures(server.doc)[0]!.indicatorCurrent).toBeNull();
    expect(server.recorded).toEqual([]);
  });
});
