import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  appendMeasures,
  findMeasure,
  isCalendarDate,
  leftDatesOutOfOrder,
  migrateMeasures,
  needsMeasureMigration,
  readMeasures,
  setMeasureDates,
  updateMeasure,
} from '../../shared/doc-schema.ts';

function planWith(fields: { start: string | null; due: string | null }) {
  const doc = new Y.Doc();
  appendMeasures(doc, [{ id: 'm1', title: 'Guichet unique', ...fields }]);
  return doc;
}

function countTransactions(doc: Y.Doc): () => number {
  let count = 0;
  doc.on('afterTransaction', () => count++);
  return () => count;
}

describe('setMeasureDates (a Gantt drop)', () => {
  it('writes start and due in one transaction', () => {
    const doc = planWith({ start: '2026-03-10', due: '2026-03-20' });
    const transactions = countTransactions(doc);
    expect(setMeasureDates(doc, 'm1', { start: '2026-04-01', due: '2026-04-11' })).toBe(true);
    expect(transactions()).toBe(1);
    expect(readMeasures(doc)[0]).toMatchObject({ start: '2026-04-01', due: '2026-04-11' });
  });

  it('changes one date and leaves the other', () => {
    const doc = planWith({ start: '2026-03-10', due: '2026-03-20' });
    expect(setMeasureDates(doc, 'm1', { due: '2026-05-01' })).toBe(true);
    expect(readMeasures(doc)[0]).toMatchObject({ start: '2026-03-10', due: '2026-05-01' });
  });

  it('refuses a start after the due date, a date not on the calendar, an unknown measure, and writes nothing', () => {
    const doc = planWith({ start: '2026-03-10', due: '2026-03-20' });
    const transactions = countTransactions(doc);
    expect(setMeasureDates(doc, 'm1', { start: '2026-03-21' })).toBe(false);
    expect(setMeasureDates(doc, 'm1', { due: '2026-02-30' })).toBe(false);
    expect(setMeasureDates(doc, 'm1', { due: '20260301' })).toBe(false);
    expect(setMeasureDates(doc, 'm1', { start: '2026-01-01T00:00:00Z' as string })).toBe(false);
    expect(setMeasureDates(doc, 'other', { start: '2026-01-01' })).toBe(false);
    expect(transactions()).toBe(0);
    expect(readMeasures(doc)[0]).toMatchObject({ start: '2026-03-10', due: '2026-03-20' });
  });

  it('clears a date, making a bar a milestone', () => {
    const doc = planWith({ start: '2026-03-10', due: '2026-03-20' });
    expect(setMeasureDates(doc, 'm1', { start: null })).toBe(true);
    expect(readMeasures(doc)[0]).toMatchObject({ start: null, due: '2026-03-20' });
  });

  it('keeps an edit made at the same time in another replica', () => {
    const a = planWith({ start: '2026-03-10', due: '2026-03-20' });
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    setMeasureDates(a, 'm1', { start: '2026-03-15', due: '2026-03-25' });
    updateMeasure(b, 'm1', { progress: 40, title: 'Guichet unique pour les MRE' });
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
    for (const doc of [a, b]) expect(readMeasures(doc)[0]).toMatchObject({ start: '2026-03-15', due: '2026-03-25', progress: 40, title: 'Guichet unique pour les MRE' });
  });

  it('knows calendar dates', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate(20260101)).toBe(false);
  });
});

describe('start never after due, whatever a merge left', () => {
  /** two replicas of one plan, each changing one date while apart, then merged */
  function crossed() {
    const a = planWith({ start: '2026-01-01', due: '2026-04-01' });
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(setMeasureDates(a, 'm1', { start: '2026-03-01' })).toBe(true);
    expect(setMeasureDates(b, 'm1', { due: '2026-02-01' })).toBe(true);
    let transaction: Y.Transaction | null = null;
    b.on('afterTransaction', (t: Y.Transaction) => void (transaction = t));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
    return { a, b, merge: transaction! as Y.Transaction };
  }

  it('reads the start as the due date (the commitment is kept), in every replica', () => {
    const { a, b, merge } = crossed();
    expect(findMeasure(b, 'm1')!.get('start')).toBe('2026-03-01');
    expect(leftDatesOutOfOrder(merge)).toBe(true);
    for (const doc of [a, b]) expect(readMeasures(doc)[0]).toMatchObject({ start: '2026-02-01', due: '2026-02-01' });
  });

  it('is repaired in the map by the migration, deterministically and once', () => {
    const { a, b } = crossed();
    expect(needsMeasureMigration(a)).toBe(true);
    for (const doc of [a, b]) expect(doc.transact(() => migrateMeasures(doc))).toBe(true);
    for (const doc of [a, b]) {
      expect(findMeasure(doc, 'm1')!.toJSON()).toMatchObject({ start: '2026-02-01', due: '2026-02-01' });
      expect(needsMeasureMigration(doc)).toBe(false);
      expect(migrateMeasures(doc)).toBe(false);
    }
  });

  it('does not flag transactions that leave dates in order, or that touch other fields', () => {
    const doc = planWith({ start: '2026-01-01', due: '2026-04-01' });
    const seen: boolean[] = [];
    doc.on('afterTransaction', (t: Y.Transaction) => seen.push(leftDatesOutOfOrder(t)));
    setMeasureDates(doc, 'm1', { start: '2026-02-01' });
    updateMeasure(doc, 'm1', { progress: 30 });
    findMeasure(doc, 'm1')!.set('due', '2025-12-31');
    expect(seen).toEqual([false, false, true]);
  });
});
