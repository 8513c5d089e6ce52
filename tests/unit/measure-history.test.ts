import { describe, expect, it } from 'vitest';
import { endOfMoroccanDay, measureHistoryEntries, measuresAt } from '../../server/collab/measure-history.ts';
import type { ProjectedMeasure } from '../../server/collab/projection.ts';
import { statusAt } from '../../server/queries/plans-as-of.ts';
import { completeMeasure } from '../../shared/measure-model.ts';

// Every field at its default (the model's own completeMeasure), then what the test sets.
const measure = (id: string, fields: Partial<ProjectedMeasure> = {}): ProjectedMeasure => ({ position: 0, ...completeMeasure({ id, title: id }), ...fields });

describe('measure history', () => {
  it('records new, changed and removed measures, and nothing for unchanged ones whatever the key order', () => {
    const same = measure('a', { progress: 20 });
    const reordered = Object.fromEntries(Object.entries(same).reverse()) as ProjectedMeasure;
    const last = new Map<string, ProjectedMeasure | null>([
      ['a', reordered],
      ['b', measure('b')],
      ['gone', null],
    ]);
    const entries = measureHistoryEntries(last, [same, measure('b', { status: 'done' }), measure('c')]);
    expect(entries.map((entry) => [entry.measureId, entry.state?.status ?? null])).toEqual([
      ['b', 'done'],
      ['c', 'planned'],
    ]);
    expect(measureHistoryEntries(last, []).map((entry) => [entry.measureId, entry.state])).toEqual([
      ['a', null],
      ['b', null],
    ]);
  });

  it('gives each measure its last state up to an instant, leaving out those removed by then, in document order', () => {
    const at = (iso: string) => new Date(iso);
    const history = [
      { measureId: 'a', recordedAt: at('2026-10-01T00:00:00Z'), state: measure('a', { position: 1 }) },
      { measureId: 'b', recordedAt: at('2026-10-01T00:00:00Z'), state: measure('b', { position: 0 }) },
      { measureId: 'a', recordedAt: at('2026-11-01T00:00:00Z'), state: measure('a', { position: 1, progress: 60 }) },
      { measureId: 'b', recordedAt: at('2026-11-01T00:00:00Z'), state: null },
    ];
    expect(measuresAt(history, at('2026-09-30T00:00:00Z'))).toEqual([]);
    expect(measuresAt(history, at('2026-10-15T00:00:00Z')).map((m) => [m.id, m.progress])).toEqual([
      ['b', 0],
      ['a', 0],
    ]);
    expect(measuresAt(history, at('2026-11-01T00:00:00Z')).map((m) => [m.id, m.progress])).toEqual([['a', 60]]);
  });

  it('ends a report day at midnight in Morocco', () => {
    // Morocco keeps UTC+1 outside Ramadan: 5 December ends at 22:59:59.999 UTC.
    expect(endOfMoroccanDay('2026-12-05').toISOString()).toBe('2026-12-05T22:59:59.999Z');
  });

  it('takes a plan’s status then from its audited changes', () => {
    const changes = [
      { at: new Date('2026-10-10T00:00:00Z'), from: 'draft' as const, to: 'in_review' as const },
      { at: new Date('2026-11-10T00:00:00Z'), from: 'in_review' as const, to: 'adopted' as const },
    ];
    expect(statusAt('adopted', changes, new Date('2026-10-01T00:00:00Z'))).toBe('draft');
    expect(statusAt('adopted', changes, new Date('2026-10-20T00:00:00Z'))).toBe('in_review');
    expect(statusAt('adopted', changes, new Date('2026-12-01T00:00:00Z'))).toBe('adopted');
    expect(statusAt('draft', [], new Date('2026-12-01T00:00:00Z'))).toBe('draft');
  });
});
