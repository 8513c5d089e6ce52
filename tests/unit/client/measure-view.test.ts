import { describe, expect, it } from 'vitest';
import { completeMeasure, type MeasureFields } from '../../../shared/doc-schema.ts';
import { arrangeMeasures, DEFAULT_VIEW, visibleWindow, type GridItem } from '../../../client/src/lib/measure-view.ts';

const rows: MeasureFields[] = [
  completeMeasure({ id: 'a', title: 'Guichet', leadOrganisationId: 'sante', due: '2026-09-30', status: 'in_progress', progress: 40 }),
  completeMeasure({ id: 'b', title: 'Portail', leadOrganisationId: 'educ', due: '2025-01-01', status: 'planned', progress: 10 }),
  completeMeasure({ id: 'c', title: 'Formation', leadOrganisationId: null, due: null, status: 'done', progress: 100, notes: 'voir le guichet' }),
  completeMeasure({ id: 'd', title: 'Caravane', leadOrganisationId: 'sante', due: '2026-01-31', status: 'blocked', progress: 0 }),
];
const context = { today: '2026-03-01', leadName: (id: string | null) => ({ sante: 'Santé', educ: 'Éducation' })[id ?? ''] ?? '', collator: new Intl.Collator('fr') };
const ids = (items: GridItem[]) => items.map((item) => (item.kind === 'row' ? item.measure.id : `[${item.key}:${item.count}]`));

describe('arranging the measures grid', () => {
  it('keeps the plan order by default, with each row’s place in it', () => {
    const items = arrangeMeasures(rows, DEFAULT_VIEW, context);
    expect(ids(items)).toEqual(['a', 'b', 'c', 'd']);
    expect(items.map((item) => (item.kind === 'row' ? item.position : -1))).toEqual([0, 1, 2, 3]);
  });

  it('sorts by due date (blanks last), status, lead name and progress', () => {
    expect(ids(arrangeMeasures(rows, { ...DEFAULT_VIEW, sort: 'due' }, context))).toEqual(['b', 'd', 'a', 'c']);
    expect(ids(arrangeMeasures(rows, { ...DEFAULT_VIEW, sort: 'status' }, context))).toEqual(['b', 'a', 'c', 'd']);
    expect(ids(arrangeMeasures(rows, { ...DEFAULT_VIEW, sort: 'lead' }, context))).toEqual(['c', 'b', 'a', 'd']);
    expect(ids(arrangeMeasures(rows, { ...DEFAULT_VIEW, sort: 'progress' }, context))).toEqual(['c', 'a', 'b', 'd']);
  });

  it('filters by text in any text cell, status, lead and overdue', () => {
    expect(ids(arrangeMeasures(rows, { ...DEFAULT_VIEW, query: 'GUICHET' }, context))).toEqual(['a', 'c']);
    expect(ids(arrangeMeasures(rows, { ...DEFAULT_VIEW, status: 'blocked' }, context))).toEqual(['d']);
    expect(ids(arrangeMeasures(rows, { ...DEFAULT_VIEW, lead: 'sante' }, context))).toEqual(['a', 'd']);
    expect(ids(arrangeMeasures(rows, { ...DEFAULT_VIEW, overdueOnly: true }, context))).toEqual(['b', 'd']);
  });

  it('groups by lead (no lead last), status and overdue, with counts', () => {
    expect(ids(arrangeMeasures(rows, { ...DEFAULT_VIEW, group: 'lead' }, context))).toEqual(['[educ:1]', 'b', '[sante:2]', 'a', 'd', '[:1]', 'c']);
    expect(ids(arrangeMeasures(rows, { ...DEFAULT_VIEW, group: 'overdue' }, context))).toEqual(['[overdue:2]', 'b', 'd', '[on_time:2]', 'a', 'c']);
    expect(ids(arrangeMeasures(rows, { ...DEFAULT_VIEW, group: 'status' }, context))[0]).toBe('[planned:1]');
  });

  it('renders only the lines in view, with a margin', () => {
    expect(visibleWindow(2000, 0, 760, 76, 5)).toEqual({ start: 0, end: 15 });
    expect(visibleWindow(2000, 76 * 1000, 760, 76, 5)).toEqual({ start: 995, end: 1015 });
    expect(visibleWindow(2000, 76 * 1999, 760, 76, 5)).toEqual({ start: 1994, end: 2000 });
  });
});
