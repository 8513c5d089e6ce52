import { describe, expect, it } from 'vitest';
import { looksLikeMeasuresHeader, mapColumns, matchNewRowsByTitle, organisationLookup, parseDate, parseNumber, validateRow } from '../../server/import/measure-rows.ts';
import { neutraliseFormula } from '../../server/export/measures-sheet.ts';
import { safeFileName } from '../../server/export/model.ts';

const organisations = organisationLookup([
  { id: 'o-sante', code: 'sante', nameFr: 'Ministère de la Santé', nameAr: 'وزارة الصحة', nameEn: 'Ministry of Health' },
  { id: 'o-sol', code: 'solidarite', nameFr: 'Ministère de la Solidarité, de l’Insertion sociale et de la Famille', nameAr: 'وزارة التضامن', nameEn: 'Ministry of Solidarity' },
]);
const context = { organisations, newId: () => 'new-id' };

describe('measure rows from outside', () => {
  it('recognises headers in French, Arabic and English, with units and accents', () => {
    expect(mapColumns(['Mesure', 'Chef de file', 'Partenaires', 'Délai', 'Indicateur', 'Budget (MAD)'])).toEqual(['title', 'lead', 'partners', 'due', 'indicator', 'budget']);
    expect(mapColumns(['الإجراء', 'الجهة المكلفة', 'الشركاء', 'الأجل', 'المؤشر', 'الميزانية (درهم)'])).toEqual(['title', 'lead', 'partners', 'due', 'indicator', 'budget']);
    expect(mapColumns(['Action', 'Lead', 'Due date', 'Status', 'Progress', 'Notes'])).toEqual(['title', 'lead', 'due', 'status', 'progress', null]);
    expect(looksLikeMeasuresHeader(['Mesure', 'Responsable', 'Échéance'])).toBe(true);
    expect(looksLikeMeasuresHeader(['Pays', 'Effectif'])).toBe(false);
    expect(looksLikeMeasuresHeader(['Action', 'Commentaire'])).toBe(false);
  });

  it('parses dates and numbers as people and spreadsheets write them, and refuses impossible ones', () => {
    expect(parseDate('31/12/2026')).toBe('2026-12-31');
    expect(parseDate('2026-02-30')).toBeUndefined();
    expect(parseDate('31/02/2027')).toBeUndefined();
    expect(parseDate(46022)).toBe('2025-12-31');
    expect(parseDate(new Date(Date.UTC(2027, 0, 15)))).toBe('2027-01-15');
    expect(parseDate('—')).toBeNull();
    expect(parseNumber('1 200 000 MAD')).toBe(1_200_000);
    expect(parseNumber('2\u202f500,50')).toBe(2500.5);
    expect(parseNumber('40 %')).toBe(40);
    expect(parseNumber('beaucoup')).toBeUndefined();
  });

  it('validates a row on its own: names in any language, names with commas, each problem on its column', () => {
    const mapping = mapColumns(['Mesure', 'Responsable', 'Partenaires', 'Statut', 'Avancement']);
    expect(
      validateRow(['Caravane', 'وزارة الصحة', 'Ministère de la Solidarité, de l’Insertion sociale et de la Famille', 'en cours', 0.45], mapping, 2, context).measure,
    ).toMatchObject({
      id: 'new-id',
      leadOrganisationId: 'o-sante',
      partnerOrganisationIds: ['o-sol'],
      status: 'in_progress',
      progress: 45,
    });
    expect(validateRow(['', 'inconnue', 'sante; autre', 'fini', 140], mapping, 3, context)).toEqual({
      line: 3,
      measure: null,
      errors: [
        { column: 'title', code: 'required', value: '' },
        { column: 'lead', code: 'unknown_organisation', value: 'inconnue' },
        { column: 'partners', code: 'unknown_organisation', value: 'autre' },
        { column: 'status', code: 'bad_status', value: 'fini' },
        { column: 'progress', code: 'bad_number', value: '140' },
      ],
    });
    const chosen = organisationLookup([{ id: 'o-sante', code: 'sante', nameFr: 'Santé', nameAr: 'صحة', nameEn: 'Health' }], { inconnue: 'o-sante', fantaisie: 'o-nowhere' });
    expect(chosen.find('Inconnue')).toBe('o-sante');
    expect(chosen.find('fantaisie')).toBeNull();
  });

  it('reads the indicator’s baseline, target, current value and unit, as exports and plans name them', () => {
    expect(mapColumns(['Mesure', 'Indicateur', 'Valeur de référence', 'Cible', 'Valeur actuelle', 'Unité'])).toEqual([
      'title',
      'indicator',
      'indicatorBaseline',
      'indicatorTarget',
      'indicatorCurrent',
      'indicatorUnit',
    ]);
    expect(mapColumns(['الإجراء', 'المؤشر', 'القيمة المرجعية', 'القيمة المستهدفة', 'القيمة الحالية', 'الوحدة'])).toEqual([
      'title',
      'indicator',
      'indicatorBaseline',
      'indicatorTarget',
      'indicatorCurrent',
      'indicatorUnit',
    ]);
    expect(mapColumns(['Measure', 'Indicator', 'Baseline', 'Target value', 'Current value', 'Unit'])).toEqual([
      'title',
      'indicator',
      'indicatorBaseline',
      'indicatorTarget',
      'indicatorCurrent',
      'indicatorUnit',
    ]);
    // "Indicateur : cible" is the target, not a second indicator name; "Objectif" is not a target.
    expect(mapColumns(['Action', 'Indicateur', 'Indicateur : cible', 'Indicateur (valeur de référence)', 'Objectif'])).toEqual([
      'title',
      'indicator',
      'indicatorTarget',
      'indicatorBaseline',
      null,
    ]);
    const mapping = mapColumns(['Mesure', 'Indicateur', 'Valeur de référence', 'Cible', 'Valeur actuelle', 'Unité']);
    expect(validateRow(['Scolarisation', 'Taux de scolarisation', '12,5', '80 %', -3, '%'], mapping, 2, context).measure).toMatchObject({
      indicator: 'Taux de scolarisation',
      indicatorBaseline: 12.5,
      indicatorTarget: 80,
      indicatorCurrent: -3,
      indicatorUnit: '%',
    });
    // An empty cell in a column the file has clears the value; without the column, the value stays as it is.
    expect(validateRow(['Scolarisation', 'Taux', '', '—', null, ''], mapping, 2, context).measure).toMatchObject({
      indicatorBaseline: null,
      indicatorTarget: null,
      indicatorCurrent: null,
      indicatorUnit: '',
    });
    const withoutValues = validateRow(['Scolarisation'], mapColumns(['Mesure']), 2, context).measure!;
    expect(['indicatorBaseline', 'indicatorTarget', 'indicatorCurrent', 'indicatorUnit'].filter((key) => key in withoutValues)).toEqual([]);
    expect(validateRow(['Scolarisation', 'Taux', 'beaucoup', '1e16', 'n/a', 'personnes inscrites dans les écoles de la région'], mapping, 7, context)).toEqual({
      line: 7,
      measure: null,
      errors: [
        { column: 'indicatorBaseline', code: 'bad_number', value: 'beaucoup' },
        { column: 'indicatorTarget', code: 'bad_number', value: '1e16' },
        { column: 'indicatorCurrent', code: 'bad_number', value: 'n/a' },
        { column: 'indicatorUnit', code: 'too_long', value: 'personnes inscrites dans les écoles de la région' },
      ],
    });
  });

  it('gives only the fields whose column the file has, so a re-import leaves the others as they are', () => {
    const onlyProgress = validateRow(['Caravane', '45 %'], mapColumns(['Mesure', 'Avancement']), 2, context).measure;
    expect(onlyProgress).toEqual({ id: 'new-id', title: 'Caravane', progress: 45 });
    // Empty cells of columns the file has: cleared (or the default status), not left out.
    const mapping = mapColumns(['Mesure', 'Responsable', 'Partenaires', 'Début', 'Échéance', 'Statut', 'Indicateur', 'Budget']);
    expect(validateRow(['Caravane', '', '', '', '', '', '', ''], mapping, 2, context).measure).toEqual({
      id: 'new-id',
      title: 'Caravane',
      leadOrganisationId: null,
      partnerOrganisationIds: [],
      start: null,
      due: null,
      status: 'planned',
      indicator: '',
      budget: null,
    });
  });

  it('refuses a start after the due date', () => {
    const mapping = mapColumns(['Mesure', 'Début', 'Échéance']);
    expect(validateRow(['Portail', '01/09/2026', '30/06/2026'], mapping, 4, context).errors).toEqual([{ column: 'start', code: 'start_after_due', value: '01/09/2026' }]);
    expect(validateRow(['Portail', '30/06/2026', '30/06/2026'], mapping, 4, context).errors).toEqual([]);
  });

  it('neutralises what a spreadsheet would run as a formula, and names files safely', () => {
    expect(['=1+1', '+33 6', '-2', '@SUM(A1)', '\t=x', 'Plan'].map(neutraliseFormula)).toEqual(["'=1+1", "'+33 6", "'-2", "'@SUM(A1)", "'\t=x", 'Plan']);
    expect(safeFileName('Plan d’action santé 2026/2027 "final"', 'pdf')).toBe('Plan-d-action-sante-2026-2027-final.pdf');
    expect(safeFileName('خطة عمل', 'docx')).toBe('خطة-عمل.docx');
    expect(safeFileName('../../', 'odt')).toBe('document.odt');
  });
});

describe('rows given a new id, matched again by title when the change is made', () => {
  const newIds = new Set(['new-1', 'new-2', 'new-3']);
  it('updates the measure that now has the title, each at most once, and leaves the rest alone', () => {
    const rows = [
      { id: 'new-1', title: 'Guichet santé ' },
      { id: 'new-2', title: 'guichet santé' },
      { id: 'kept', title: 'Caravane' },
      { id: 'new-3', title: 'Forages' },
    ];
    const measures = [
      { id: 'm1', title: 'Guichet Santé' },
      { id: 'kept', title: 'Caravane' },
    ];
    expect(matchNewRowsByTitle(rows, newIds, measures).map((row) => row.id)).toEqual(['m1', 'new-2', 'kept', 'new-3']);
  });
  it('never moves a row whose id came from the file or from the first match', () => {
    expect(matchNewRowsByTitle([{ id: 'm9', title: 'Guichet santé' }], newIds, [{ id: 'm1', title: 'Guichet santé' }])).toEqual([{ id: 'm9', title: 'Guichet santé' }]);
  });
});
