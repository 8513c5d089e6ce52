import { describe, expect, it } from 'vitest';
import { COLUMN_WIDTH } from '../../../shared/user-preferences.ts';
import { keyboardResize, MEASURE_COLUMNS, shownColumns, withColumn } from '../../../client/src/lib/grid-columns.ts';

const column = (id: string) => MEASURE_COLUMNS.find((c) => c.id === id)!;

describe('the measures grid’s columns and the person’s choices', () => {
  it('shows every column at its default width without a preference', () => {
    const shown = shownColumns(null);
    expect(shown.map((c) => c.id)).toEqual(MEASURE_COLUMNS.map((c) => c.id));
    expect(shown.map((c) => c.width)).toEqual(MEASURE_COLUMNS.map((c) => c.width));
  });

  it('applies widths within bounds and hides what may be hidden, never the title or the actions', () => {
    const shown = shownColumns({
      columns: { lead: { width: 400 }, budget: { width: 5 }, notes: { width: 99_999 }, partners: { hidden: true }, title: { hidden: true }, actions: { hidden: true, width: 900 } },
    });
    expect(shown.map((c) => c.id)).not.toContain('partners');
    expect(shown.map((c) => c.id)).toContain('title');
    const width = (id: string) => shown.find((c) => c.id === id)!.width;
    expect(width('lead')).toBe(400);
    expect(width('budget')).toBe(column('budget').min);
    expect(width('notes')).toBe(COLUMN_WIDTH.max);
    expect(width('actions')).toBe(column('actions').width);
  });

  it('records one change at a time and forgets choices back to the default', () => {
    let preference = withColumn(null, column('lead'), { width: 420 });
    preference = withColumn(preference, column('notes'), { hidden: true });
    expect(preference).toEqual({ columns: { lead: { width: 420 }, notes: { hidden: true } } });
    preference = withColumn(preference, column('lead'), { width: column('lead').width });
    preference = withColumn(preference, column('notes'), { hidden: false });
    expect(preference).toEqual({ columns: {} });
    expect(withColumn(null, column('title'), { hidden: true })).toEqual({ columns: {} });
    expect(withColumn(null, column('lead'), { width: 1 })).toEqual({ columns: { lead: { width: column('lead').min } } });
  });

  it('resizes from the keyboard, mirrored right to left', () => {
    const lead = column('lead');
    expect(keyboardResize('ArrowRight', false, false, lead, 300)).toBe(316);
    expect(keyboardResize('ArrowLeft', true, false, lead, 300)).toBe(236);
    expect(keyboardResize('ArrowLeft', false, true, lead, 300)).toBe(316);
    expect(keyboardResize('ArrowRight', false, true, lead, 300)).toBe(284);
    expect(keyboardResize('Home', false, false, lead, 300)).toBe(lead.min);
    expect(keyboardResize('End', false, false, lead, 300)).toBe(lead.max);
    expect(keyboardResize('ArrowLeft', false, false, lead, lead.min)).toBe(lead.min);
    expect(keyboardResize('a', false, false, lead, 300)).toBeNull();
  });
});
