import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { appendMeasures, isCalendarDate, readMeasures, setMeasureDates, updateMeasure } from '../../shared/doc-schema.ts';

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
