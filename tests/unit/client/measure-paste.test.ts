import { describe, expect, it } from 'vitest';
import { parseDate, parseMoney, parseTsv, pastedMeasures, type PasteContext } from '../../../client/src/lib/measure-paste.ts';

const context: PasteContext = {
  organisations: [
    { id: 'o-sante', code: 'sante', names: { fr: 'Ministère de la Santé', ar: 'وزارة الصحة', en: 'Ministry of Health' } },
    { id: 'o-fh2', code: 'fh2', names: { fr: 'Fondation Hassan II', ar: 'مؤسسة الحسن الثاني', en: 'Hassan II Foundation' } },
  ],
  statusNames: { planned: ['prévue'], in_progress: ['en cours', 'قيد الإنجاز'], done: ['réalisée'], blocked: ['bloquée'], cancelled: ['annulée'] },
  titleHeaders: ['mesure', 'measure', 'التدبير'],
};

describe('pasting a block from a spreadsheet', () => {
  it('splits cells on tabs and lines, with quoted cells holding both', () => {
    expect(parseTsv('a\tb\r\n"c\td\nsuite"\t"il dit ""oui"""\n\n')).toEqual([
      ['a', 'b'],
      ['c\td\nsuite', 'il dit "oui"'],
    ]);
  });

  it('reads rows in the grid’s column order, skipping a header line', () => {
    const text = [
      'Mesure\tChef de file\tPartenaires\tDébut\tÉchéance\tStatut\tAvancement\tIndicateur\tBudget\tNotes',
      'Caravane médicale\tMinistère de la Santé\tfh2; Inconnu\t15/01/2026\t2026-06-30\tقيد الإنجاز\t40 %\tConsultations\t1 500 000 MAD\tÀ suivre',
      'Portail\tnulle part\t\t31/02/2026\t\tbizarre\t\t\t€2,500.50\t',
    ].join('\n');
    const [first, second] = pastedMeasures(text, context);
    expect(first).toEqual({
      fields: {
        title: 'Caravane médicale',
        leadOrganisationId: 'o-sante',
        partnerOrganisationIds: ['o-fh2'],
        start: '2026-01-15',
        due: '2026-06-30',
        status: 'in_progress',
        progress: 40,
        indicator: 'Consultations',
        budget: 1_500_000,
        currency: 'MAD',
        notes: 'À suivre',
      },
      unread: ['partners'],
    });
    expect(second!.fields).toMatchObject({ title: 'Portail', leadOrganisationId: null, start: null, status: 'planned', budget: 2500.5, currency: 'EUR' });
    expect(second!.unread).toEqual(['lead', 'start', 'status']);
  });

  it('reads dates and amounts as people write them', () => {
    expect(parseDate('1/2/2026')).toBe('2026-02-01');
    expect(parseDate('2026-02-30')).toBeNull();
    expect(parseMoney('1.500.000,50 $')).toEqual({ amount: 1_500_000.5, currency: 'USD' });
    expect(parseMoney('4 000 000')).toEqual({ amount: 4_000_000, currency: 'MAD' });
    expect(parseMoney('1,500')).toEqual({ amount: 1500, currency: 'MAD' });
    expect(parseMoney('—')).toBeNull();
  });
});
