import { describe, expect, it } from 'vitest';
import { dayNumber, isoFromDay } from '../../../client/src/lib/dates.ts';
import { changedDates, daysForPixels, dragModeAt, keyChange, shiftedDates } from '../../../client/src/lib/gantt-edit.ts';
import { estimateTextWidth, ganttLines, labelPlace } from '../../../client/src/lib/gantt-rows.ts';
import { DAY_WIDTH, barGeometry, ganttScale, nextUnit, spans, unitStart, xOfDay } from '../../../client/src/lib/gantt-scale.ts';

const iso = (day: number) => isoFromDay(day);

describe('the Gantt time scale', () => {
  it('starts weeks on Monday and quarters in January, April, July, October', () => {
    expect(iso(unitStart('week', dayNumber('2026-12-05')))).toBe('2026-11-30'); // a Saturday
    expect(iso(unitStart('week', dayNumber('2026-11-30')))).toBe('2026-11-30'); // a Monday
    expect(iso(unitStart('week', dayNumber('1969-12-31')))).toBe('1969-12-29'); // before day 0
    expect(iso(unitStart('quarter', dayNumber('2026-08-17')))).toBe('2026-07-01');
    expect(iso(nextUnit('quarter', dayNumber('2026-11-17')))).toBe('2027-01-01');
    expect(iso(nextUnit('month', dayNumber('2026-01-31')))).toBe('2026-02-01');
    expect(iso(nextUnit('year', dayNumber('2026-06-01')))).toBe('2027-01-01');
  });

  it('spans every date and today, in whole units of the upper tier', () => {
    const items = [
      { start: '2026-02-10', due: '2026-05-03' },
      { start: null, due: '2026-09-15' },
      { start: null, due: null },
    ];
    const quarter = ganttScale(items, '2026-03-01', 'quarter');
    expect([iso(quarter.from), iso(quarter.to)]).toEqual(['2026-01-01', '2026-10-01']);
    expect(quarter.width).toBe((quarter.to - quarter.from) * DAY_WIDTH.quarter);
    const year = ganttScale(items, '2027-03-01', 'year');
    expect([iso(year.from), iso(year.to)]).toEqual(['2026-01-01', '2028-01-01']);
    const month = ganttScale([], '2026-03-14', 'month');
    expect([iso(month.from), iso(month.to)]).toEqual(['2026-03-01', '2026-04-01']);
  });

  it('stretches to fill the width it is given', () => {
    const scale = ganttScale([{ start: '2026-01-05', due: '2026-01-20' }], '2026-01-10', 'month', 1000);
    expect(scale.width).toBeGreaterThanOrEqual(1000);
    expect(iso(scale.to).endsWith('-01')).toBe(true);
  });

  it('places bars over their days, both included, and milestones on their day', () => {
    const scale = ganttScale([], '2026-03-14', 'month');
    expect(barGeometry(scale, { start: '2026-03-02', due: '2026-03-04' })).toEqual({ x: 6, width: 18, milestone: false });
    // Stored out of order (any client may write that): drawn in order.
    expect(barGeometry(scale, { start: '2026-03-04', due: '2026-03-02' })).toEqual({ x: 6, width: 18, milestone: false });
    expect(barGeometry(scale, { start: null, due: '2026-03-11' })).toEqual({ x: 63, width: 0, milestone: true });
    expect(barGeometry(scale, { start: '2026-03-11', due: null })?.milestone).toBe(true);
    expect(barGeometry(scale, { start: null, due: null })).toBeNull();
  });

  it('cuts header spans to the chart edges', () => {
    const scale = { from: dayNumber('2026-03-01'), to: dayNumber('2026-04-01'), dayWidth: 6, width: 186 };
    const weeks = spans(scale, 'week');
    expect(weeks.map((w) => iso(w.start))).toEqual(['2026-03-01', '2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23', '2026-03-30']);
    expect(weeks[0]).toMatchObject({ x: 0, width: 6 });
    expect(weeks.at(-1)).toMatchObject({ x: xOfDay(scale, dayNumber('2026-03-30')), width: 12 });
    expect(weeks.reduce((sum, w) => sum + w.width, 0)).toBe(scale.width);
  });
});

describe('dragging and keying a Gantt bar', () => {
  const bar = { start: '2026-03-10', due: '2026-03-20' };

  it('moves both dates, or resizes one end', () => {
    expect(shiftedDates(bar, 'move', 5)).toEqual({ start: '2026-03-15', due: '2026-03-25' });
    expect(shiftedDates(bar, 'move', -12)).toEqual({ start: '2026-02-26', due: '2026-03-08' });
    expect(shiftedDates(bar, 'start', 3)).toEqual({ start: '2026-03-13', due: '2026-03-20' });
    expect(shiftedDates(bar, 'end', -4)).toEqual({ start: '2026-03-10', due: '2026-03-16' });
    expect(shiftedDates(bar, 'move', 0)).toBe(bar);
  });

  it('never lets the start pass the due date', () => {
    expect(shiftedDates(bar, 'start', 30)).toEqual({ start: '2026-03-20', due: '2026-03-20' });
    expect(shiftedDates(bar, 'end', -30)).toEqual({ start: '2026-03-10', due: '2026-03-10' });
    // A row stored backwards is put in order by any change.
    expect(shiftedDates({ start: '2026-03-20', due: '2026-03-10' }, 'end', 1)).toEqual({ start: '2026-03-10', due: '2026-03-21' });
  });

  it('moves a milestone whatever end is caught, across months and years', () => {
    expect(shiftedDates({ start: null, due: '2026-12-30' }, 'start', 3)).toEqual({ start: null, due: '2027-01-02' });
    expect(shiftedDates({ start: '2028-02-28', due: null }, 'end', 1)).toEqual({ start: '2028-02-29', due: null });
  });

  it('snaps pointer movement to whole days, mirrored in right-to-left', () => {
    expect(daysForPixels(13, 2, false)).toBe(7);
    expect(daysForPixels(-13, 2, false)).toBe(-7);
    expect(daysForPixels(13, 2, true)).toBe(-7);
    expect(daysForPixels(0.9, 2, true)).toBe(0);
    expect(Object.is(daysForPixels(-0.4, 2, false), 0)).toBe(true);
  });

  it('resizes from the ends and moves from the body, keeping a body on short bars', () => {
    expect(dragModeAt(3, 100)).toBe('start');
    expect(dragModeAt(95, 100)).toBe('end');
    expect(dragModeAt(50, 100)).toBe('move');
    expect(dragModeAt(6, 12)).toBe('move');
    expect(dragModeAt(2, 12)).toBe('start');
  });

  it('maps keys to the same changes: arrows a day or a week, Shift the due date, Ctrl+Shift the start', () => {
    const key = (k: string, mods: Partial<{ shiftKey: boolean; ctrlKey: boolean; metaKey: boolean }> = {}, rtl = false) =>
      keyChange({ key: k, shiftKey: false, ctrlKey: false, metaKey: false, ...mods }, rtl);
    expect(key('ArrowRight')).toEqual({ mode: 'move', days: 1 });
    expect(key('ArrowRight', {}, true)).toEqual({ mode: 'move', days: -1 });
    expect(key('ArrowLeft', {}, true)).toEqual({ mode: 'move', days: 1 });
    expect(key('ArrowUp')).toEqual({ mode: 'move', days: 7 });
    expect(key('ArrowDown', { shiftKey: true })).toEqual({ mode: 'end', days: -7 });
    expect(key('ArrowLeft', { shiftKey: true, ctrlKey: true })).toEqual({ mode: 'start', days: -1 });
    expect(key('Enter')).toBeNull();
  });

  it('writes only what changed', () => {
    expect(changedDates(bar, { start: '2026-03-10', due: '2026-03-22' })).toEqual({ due: '2026-03-22' });
    expect(changedDates(bar, bar)).toBeNull();
  });
});

describe('Gantt rows and labels', () => {
  const names: Record<string, string> = { sante: 'Santé', educ: 'Éducation', agri: 'Agriculture' };
  const compare = new Intl.Collator('fr').compare;

  it('groups dated measures by lead, sorted by name in the reader’s language, no lead last', () => {
    const measures = [
      { id: '1', leadOrganisationId: 'sante', start: '2026-01-01', due: '2026-02-01' },
      { id: '2', leadOrganisationId: null, start: null, due: '2026-02-01' },
      { id: '3', leadOrganisationId: 'educ', start: '2026-01-01', due: null },
      { id: '4', leadOrganisationId: 'agri', start: null, due: null },
      { id: '5', leadOrganisationId: 'sante', start: '2026-03-01', due: '2026-04-01' },
    ];
    const lines = ganttLines(measures, (id) => names[id]!, compare);
    expect(lines.map((line) => (line.kind === 'group' ? `[${line.lead}:${line.count}]` : line.measure.id))).toEqual(['[educ:1]', '3', '[sante:2]', '1', '5', '[null:1]', '2']);
  });

  it('puts a label inside a bar it fits in, else beside it, cut to the room there', () => {
    expect(labelPlace({ x: 100, width: 200 }, 1000, 80)).toEqual({ side: 'inside', x: 106, maxWidth: 188 });
    expect(labelPlace({ x: 100, width: 40 }, 1000, 80)).toEqual({ side: 'after', x: 146, maxWidth: 80 });
    // Near the end of the chart: before the bar, where there is more room.
    expect(labelPlace({ x: 900, width: 60 }, 1000, 200)).toEqual({ side: 'before', x: 694, maxWidth: 200 });
    // Little room either side: the larger side, cut.
    expect(labelPlace({ x: 30, width: 900 - 30 }, 1000, 2000)).toEqual({ side: 'after', x: 906, maxWidth: 88 });
  });

  it('never lets a label run over its bar or out of the track', () => {
    for (let seed = 1; seed <= 500; seed++) {
      const random = (n: number) => ((seed * 9301 + n * 49297) % 233280) / 233280;
      const track = 200 + Math.floor(random(1) * 1800);
      const x = Math.floor(random(2) * track);
      const width = Math.floor(random(3) * (track - x));
      const text = Math.floor(random(4) * 400);
      const place = labelPlace({ x, width }, track, text);
      expect(place.x).toBeGreaterThanOrEqual(0);
      expect(place.x + place.maxWidth).toBeLessThanOrEqual(track);
      if (place.side !== 'inside') expect(place.x + place.maxWidth <= x || place.x >= x + width).toBe(true);
    }
  });

  it('estimates text width by characters', () => {
    expect(estimateTextWidth('40 % · du 1 mars')).toBe(16 * 7);
  });
});
