import { describe, expect, it } from 'vitest';
import type { MeasureFields } from '../../../shared/doc-schema.ts';
import { MEASURE_COLUMN_IDS } from '../../../client/src/lib/grid-columns.ts';
import { blockBetween, blockToHtml, blockToTsv, copyValue, type CopyContext } from '../../../client/src/lib/measure-copy.ts';
import { parseTsv, pastedMeasures, type PasteContext } from '../../../client/src/lib/measure-paste.ts';

const measure: MeasureFields = {
  id: 'm1',
  title: 'Caravane médicale\nde l’été, dite "été MRE"',
  leadOrganisationId: 'o-sante',
  partnerOrganisationIds: ['o-oim', 'o-fr'],
  start: '2026-06-01',
  due: '2026-09-30',
  status: 'in_progress',
  progress: 25,
  indicator: 'Consultations\tdonnées',
  indicatorBaseline: 10,
  indicatorTarget: 100,
  indicatorCurrent: 40,
  indicatorUnit: 'consultations',
  budget: 1_200_000.5,
  currency: 'EUR',
  notes: '"Citation" au début',
};
const names: Record<string, string> = { 'o-sante': 'Ministère de la Santé', 'o-oim': 'OIM', 'o-fr': 'France' };
const french: CopyContext = {
  number: () => 7,
  organisationName: (id) => names[id] ?? id,
  statusName: (status) => ({ in_progress: 'En cours' })[status as 'in_progress'] ?? status,
  plainNumber: (value) => new Intl.NumberFormat('fr-FR', { useGrouping: false, maximumFractionDigits: 2 }).format(value),
};

describe('copying a block of the measures grid', () => {
  it('gives each cell as a spreadsheet reads it: ISO dates, numbers without separators, names', () => {
    const row = MEASURE_COLUMN_IDS.map((column) => copyValue(measure, column, french));
    expect(row).toEqual([
      '7',
      measure.title,
      'Ministère de la Santé',
      'OIM; France',
      '2026-06-01',
      '2026-09-30',
      'En cours',
      '25%',
      measure.indicator,
      '1200000,5',
      measure.notes,
      '',
    ]);
    expect(copyValue({ ...measure, budget: null, leadOrganisationId: null, start: null, partnerOrganisationIds: [] }, 'budget', french)).toBe('');
    expect(copyValue({ ...measure, leadOrganisationId: null }, 'lead', french)).toBe('');
  });

  it('writes tab-separated lines, quoting cells with tabs, line breaks or a leading quote', () => {
    expect(
      blockToTsv([
        ['a', 'b'],
        ['c', 'd'],
      ]),
    ).toBe('a\tb\r\nc\td\r\n');
    expect(blockToTsv([['deux\nlignes', 'tab\there', '"cité"', 'dit "ça"']])).toBe('"deux\nlignes"\t"tab\there"\t"""cité"""\tdit "ça"\r\n');
    expect(blockToTsv([])).toBe('');
  });

  it('reads back through the grid’s own paste, every value kept', () => {
    const columns = ['title', 'lead', 'partners', 'start', 'due', 'status', 'progress', 'indicator', 'budget', 'notes'] as const;
    const text = blockToTsv([columns.map((column) => copyValue(measure, column, french))]);
    expect(parseTsv(text)).toEqual([columns.map((column) => copyValue(measure, column, french))]);
    const context: PasteContext = {
      organisations: Object.entries(names).map(([id, name]) => ({ id, code: id, names: { fr: name } })),
      statusNames: { planned: ['prévue'], in_progress: ['en cours'], done: ['terminée'], blocked: ['bloquée'], cancelled: ['annulée'] },
      titleHeaders: ['mesure'],
    };
    const [pasted] = pastedMeasures(text, context);
    expect(pasted!.unread).toEqual([]);
    expect(pasted!.fields).toMatchObject({
      title: measure.title,
      leadOrganisationId: 'o-sante',
      partnerOrganisationIds: ['o-oim', 'o-fr'],
      start: '2026-06-01',
      due: '2026-09-30',
      status: 'in_progress',
      progress: 25,
      indicator: measure.indicator,
      budget: 1_200_000.5,
      notes: measure.notes,
    });
  });

  it('makes an HTML table with escaped text and line breaks', () => {
    expect(
      blockToHtml([
        ['<b>&', 'deux\nlignes'],
        ['"x"', ''],
      ]),
    ).toBe('<table><tbody><tr><td>&lt;b&gt;&amp;</td><td>deux<br>lignes</td></tr><tr><td>&quot;x&quot;</td><td></td></tr></tbody></table>');
  });

  it('spans the rectangle between two corners, whichever comes first', () => {
    expect(blockBetween({ row: 5, column: 1 }, { row: 2, column: 3 })).toEqual({ rows: [2, 5], columns: [1, 3] });
    expect(blockBetween({ row: 0, column: 0 }, { row: 0, column: 0 })).toEqual({ rows: [0, 0], columns: [0, 0] });
  });
});
